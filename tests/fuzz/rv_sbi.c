/* Fuzz target: a riscv64 guest's SBI calls (arch/riscv/sbi.c and the extensions in
 * sbi_base.c, sbi_hart.c, fwft.c): any extension and function ID with any arguments, from
 * any started vCPU, for any host capabilities, with wake-ups from HSM suspend between.
 * Input: set-up byte (vCPUs, host capabilities), spec byte, then calls of 27 bytes: caller
 * and how a7 is formed, extension choice, function ID, a0-a2 (8 bytes each).
 * Checks beyond the sanitizers: every call returns to the guest past its ecall, with an
 * SBI error code the specification defines (non-legacy calls); a vCPU starts only at an
 * address in guest RAM; DBCN reads only guest RAM (exact-size buffer under ASan). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/config.h>
#include <hv/vm.h>
#include <rv_host.h>
#include <rv_virt.h>
#include <sbi_defs.h>
#include "fuzz_input.h"

/* ---- What the SBI code calls in the rest of testvisor ---- */
struct rv_host_caps rv_caps;
static uint8_t guest_ram[8192];

static bool ram(uint64_t a, size_t len)
{
	return a >= ARCH_GUEST_RAM_BASE && a - ARCH_GUEST_RAM_BASE <= sizeof(guest_ram) &&
	       len <= sizeof(guest_ram) - (a - ARCH_GUEST_RAM_BASE);
}

bool vm_ipa_to_pa(const struct vm *v, ipaddr_t ipa, size_t len, paddr_t *pa)
{
	if (!ram(ipa_addr(ipa), len))
		return false;
	*pa = pa_from_ptr(guest_ram + (ipa_addr(ipa) - ARCH_GUEST_RAM_BASE));
	return true;
}

void rv_vcpu_set_henvcfg(struct vcpu *v, uint64_t val) { v->arch.csrs.henvcfg = val; }
void rv_vcpu_set_hedeleg(struct vcpu *v, uint64_t val) { v->arch.csrs.hedeleg = val; }
void rv_vcpu_set_hvip(struct vcpu *v, uint64_t set, uint64_t clear)
{
	v->arch.csrs.hvip = (v->arch.csrs.hvip & ~clear) | set;
}
void rv_vcpu_start(struct vcpu *v, uint64_t pc, uint64_t opaque)
{
	if (!ram(pc, 2))
		abort();
	memset(&v->arch.sw.guest, 0, sizeof(v->arch.sw.guest));
	v->arch.sw.guest.pc = pc;
	v->arch.sw.guest.x[10] = v->id;
	v->arch.sw.guest.x[11] = opaque;
	v->arch.csrs.henvcfg = 0;
	v->arch.csrs.hedeleg = HEDELEG_BASE;
	rv_fwft_reset(v);
	v->state = VCPU_RUNNABLE;
}
void rv_guest_timer_set(struct vcpu *v, uint64_t when) { }
void rv_fence_i(void) { }
void rv_fence_guest_tlb(void) { }
struct rv_sbiret rv_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			     unsigned long a1, unsigned long a2)
{
	return (struct rv_sbiret){ 0, 0x1234 };
}
void vm_guest_exit(struct vm *v, int status)
{
	if (status < 0 || status > 255)
		abort();
	v->state = VM_EXITED;
}
void vm_console_putc(struct vm *v, char c) { }
/* The firmware's DBTR under the guest's (sbi_dbtr.c): four triggers, installs that
 * succeed, and a VM stopped by testvisor counts as ended. */
struct vcpu *rv_loaded_vcpu;
unsigned rv_fw_dbtr_count(void) { return 4; }
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx)
{
	*idx = (unsigned)(tdata2 & 3);
	return 0;
}
void rv_fw_dbtr_uninstall(unsigned idx) { }
void vm_fail(struct vm *v, const char *fmt, ...) { v->state = VM_FAILED; }

static const unsigned long exts[] = {
	SBI_EXT_LEGACY_SET_TIMER, SBI_EXT_LEGACY_PUTCHAR, SBI_EXT_LEGACY_GETCHAR,
	SBI_EXT_LEGACY_SHUTDOWN, SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE,
	SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_PMU, SBI_EXT_DBCN, SBI_EXT_SUSP, SBI_EXT_FWFT,
	SBI_EXT_SSE, SBI_EXT_STA, SBI_EXT_DBTR,
};
#define NR_EXTS (sizeof(exts) / sizeof(exts[0]))

static const char *const specs[] = {
	"", "srst_reboot=not_supported srst_failure_status=7", "srst_failure_status=255",
	"srst_reboot=exit",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm vm;
	if (size < 2)
		return 0;
	memset(&vm, 0, sizeof(vm));
	vm.state = VM_RUNNING;
	vm.nr_vcpus = 1 + (data[0] & 3);
	rv_caps = (struct rv_host_caps){ .h = true, .sstc = data[0] & 4,
		.henvcfg_bits = (data[0] & 8 ? ENVCFG_LPE | ENVCFG_ADUE : 0) |
				(data[0] & 16 ? ENVCFG_SSE | ENVCFG_DTE : 0) | ENVCFG_STCE,
		.pmlen7 = data[0] & 32, .pmlen16 = data[0] & 64, .fw_misaligned_deleg = data[0] & 128 };
	char err[160];
	if (vm_config_parse(&vm.cfg, specs[data[1] & 3], err, sizeof(err)) || rv_sbi_configure(&vm))
		abort();
	for (unsigned i = 0; i < vm.nr_vcpus; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
		rv_vcpu_start(&vm.vcpus[i], ARCH_GUEST_RAM_BASE, 0);
		if (i)
			vm.vcpus[i].state = VCPU_OFF;
	}
	for (size_t p = 2; p + 27 <= size && vm.state == VM_RUNNING; p += 27) {
		const uint8_t *o = data + p;
		struct vcpu *v = &vm.vcpus[o[0] % vm.nr_vcpus];
		if (v->state == VCPU_WAITING) { /* an interrupt arrived: it wakes (vcpu.c) */
			v->state = VCPU_RUNNABLE;
			if (v->arch.suspended)
				rv_hsm_resume(v);
			continue;
		}
		if (v->state != VCPU_RUNNABLE)
			continue;
		uint64_t *x = v->arch.sw.guest.x;
		unsigned long ext = exts[o[1] % NR_EXTS];
		if (o[0] & 0x80) /* any a7: unknown extensions, vendor and firmware ranges */
			ext = (unsigned long)o[1] << 24 | (unsigned long)o[2] << 8 | o[1];
		x[17] = ext;
		x[16] = o[2] & 0x40 ? o[2] : o[2] & 0x1f;
		for (unsigned r = 0; r < 3; r++)
			x[10 + r] = fuzz_u64(o + 3 + 8 * r);
		if (o[0] & 0x40) /* addresses near guest RAM: DBCN, HSM start, RFENCE */
			x[11] = ARCH_GUEST_RAM_BASE + (x[11] & 0x3fff) - 0x800;
		x[13] = x[14] = x[15] = 0;
		uint64_t pc = v->arch.sw.guest.pc;
		if (rv_handle_sbi(v) != EXIT_RESUME || v->arch.sw.guest.pc != pc + 4)
			abort();
		long error = (long)x[10];
		if (ext > SBI_EXT_LEGACY_SHUTDOWN && (error > 0 || error < SBI_ERR_DENIED_LOCKED))
			abort();
	}
	return 0;
}
