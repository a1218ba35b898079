/* SBI for guests: the registry of extensions (one entry each: id range, probe, handler)
 * and the ecall exit that walks it. Whatever the guest passes, the answer is an SBI error
 * code or a result; unknown extensions and functions get SBI_ERR_NOT_SUPPORTED. */
#include <hv/vm.h>
#include <rv_sbi.h>
#include <rv_virt.h>
#include "sbi_exts.h"

static const struct sbi_extension *const registry[] = {
	&sbi_ext_legacy_set_timer, &sbi_ext_legacy_putchar, &sbi_ext_legacy_getchar,
	&sbi_ext_legacy_shutdown,
	&sbi_ext_base, &sbi_ext_time, &sbi_ext_ipi, &sbi_ext_rfence, &sbi_ext_hsm,
	&sbi_ext_srst, &sbi_ext_dbcn, &sbi_ext_fwft, &sbi_ext_dbtr,
};

/* The last extension found: guests call the same one over and over (console, timer). */
static const struct sbi_extension *last_found;

const struct sbi_extension *sbi_find_extension(unsigned long ext)
{
	if (last_found && ext >= last_found->ext_id && ext <= last_found->ext_id_last)
		return last_found;
	for (unsigned i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (ext >= registry[i]->ext_id && ext <= registry[i]->ext_id_last)
			return last_found = registry[i];
	return NULL;
}

enum exit_action rv_handle_sbi(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct sbi_call call = {
		.ext = a->sw.guest.x[17],
		.fid = a->sw.guest.x[16],
		.arg = { a->sw.guest.x[10], a->sw.guest.x[11], a->sw.guest.x[12],
			 a->sw.guest.x[13], a->sw.guest.x[14], a->sw.guest.x[15] },
	};
	a->sbi_calls++;
	a->sw.guest.pc += 4; /* ecall has no compressed form */
	const struct sbi_extension *ext = sbi_find_extension(call.ext);
	struct sbi_result r = sbi_err(SBI_ERR_NOT_SUPPORTED);
	if (ext && (!ext->probe || ext->probe(vcpu)))
		r = ext->handler(vcpu, &call);
	a->sw.guest.x[10] = (unsigned long)r.error;
	if (!ext || !ext->legacy)
		a->sw.guest.x[11] = r.value;
	return EXIT_RESUME;
}
