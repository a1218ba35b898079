/* SBI extensions about the guest as a whole: BASE, SRST, DBCN and the legacy console,
 * timer and shutdown calls. */
#include <hv/config.h>
#include <hv/vm.h>
#include <string.h>
#include <rv_host.h>
#include <rv_virt.h>
#include "sbi_exts.h"

/* ---- BASE ---- */
static struct sbi_result base_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	switch (c->fid) {
	case SBI_BASE_GET_SPEC_VERSION:
		return sbi_ok(SBI_SPEC_VERSION_3_0);
	case SBI_BASE_GET_IMPL_ID:
		return sbi_ok(SBI_IMPL_TESTVISOR);
	case SBI_BASE_GET_IMPL_VERSION:
		return sbi_ok(TESTVISOR_SBI_IMPL_VERSION);
	case SBI_BASE_PROBE_EXT: {
		const struct sbi_extension *e = sbi_find_extension(c->arg[0]);
		if (!e)
			return sbi_ok(0);
		return sbi_ok(e->probe ? e->probe(vcpu) : 1);
	}
	case SBI_BASE_GET_MVENDORID:
	case SBI_BASE_GET_MARCHID:
	case SBI_BASE_GET_MIMPID: {
		/* The machine's identity, as the firmware tells it. */
		struct rv_sbiret r = rv_sbi_call(SBI_EXT_BASE, c->fid, 0, 0, 0);
		return sbi_ok(r.error ? 0 : (unsigned long)r.value);
	}
	default:
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	}
}
const struct sbi_extension sbi_ext_base = { SBI_EXT_BASE, SBI_EXT_BASE, "BASE", NULL, base_call, false };

/* ---- SRST: ends the guest (never the machine) ---- */
#define SRST_VENDOR_TYPE_FIRST   0xF0000000UL
#define SRST_IMPL_REASON_FIRST   0xE0000000UL
#define SRST_VENDOR_REASON_FIRST 0xF0000000UL

/* The two SRST rules the spec leaves to testvisor, switched by guest-spec keys
 * (docs/riscv-sbi.md): what a reboot does, and the exit status a SYSTEM_FAILURE gives. */
static bool srst_reboot_supported(const struct vm *vm, bool *ok)
{
	const char *v = vm_config_get(&vm->cfg, "srst_reboot");
	*ok = !v || !strcmp(v, "exit") || !strcmp(v, "not_supported");
	return !v || strcmp(v, "not_supported");
}

static int srst_failure_status(const struct vm *vm, bool *ok)
{
	uint64_t status = vm_config_get_u64(&vm->cfg, "srst_failure_status", 1, ok);
	*ok = *ok && status <= 255;
	return (int)status;
}

int rv_sbi_configure(struct vm *vm)
{
	bool reboot_ok, status_ok;
	srst_reboot_supported(vm, &reboot_ok);
	srst_failure_status(vm, &status_ok);
	return reboot_ok && status_ok ? 0 : -1;
}

/* SBI v3.0 §10.1. Both arguments are uint32_t: upper argument bits are ignored. */
static struct sbi_result srst_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	if (c->fid != 0)
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	uint32_t type = (uint32_t)c->arg[0], reason = (uint32_t)c->arg[1];
	bool ok;
	/* Reserved, or vendor/platform-specific (none implemented): INVALID_PARAM. */
	if (type > SBI_SRST_TYPE_WARM_REBOOT || reason >= SRST_VENDOR_REASON_FIRST ||
	    (reason > SBI_SRST_REASON_FAILURE && reason < SRST_IMPL_REASON_FIRST))
		return sbi_err(SBI_ERR_INVALID_PARAM);
	if (type != SBI_SRST_TYPE_SHUTDOWN && !srst_reboot_supported(vcpu->vm, &ok))
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	vm_guest_exit(vcpu->vm, reason == SBI_SRST_REASON_FAILURE ? srst_failure_status(vcpu->vm, &ok) : 0);
	return sbi_ok(0);
}
const struct sbi_extension sbi_ext_srst = { SBI_EXT_SRST, SBI_EXT_SRST, "SRST", NULL, srst_call, false };

/* ---- DBCN: the guest's console, captured per guest ---- */
#define DBCN_MAX_CHUNK 4096

static struct sbi_result dbcn_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	struct vm *vm = vcpu->vm;
	switch (c->fid) {
	case SBI_DBCN_WRITE:
	case SBI_DBCN_READ: {
		unsigned long len = c->arg[0], lo = c->arg[1], hi = c->arg[2];
		paddr_t pa;
		if (hi || !vm_ipa_to_pa(vm, ipa_init(lo), len, &pa))
			return sbi_err(SBI_ERR_INVALID_PARAM);
		if (c->fid == SBI_DBCN_READ)
			return sbi_ok(0); /* no console input */
		if (len > DBCN_MAX_CHUNK)
			len = DBCN_MAX_CHUNK;
		const char *s = ptr_from_pa(pa);
		for (unsigned long i = 0; i < len; i++)
			vm_console_putc(vm, s[i]);
		return sbi_ok(len);
	}
	case SBI_DBCN_WRITE_BYTE:
		vm_console_putc(vm, (char)c->arg[0]);
		return sbi_ok(0);
	default:
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	}
}
const struct sbi_extension sbi_ext_dbcn = { SBI_EXT_DBCN, SBI_EXT_DBCN, "DBCN", NULL, dbcn_call, false };

/* ---- Legacy (v0.1) calls: a0 is the only result ---- */
static struct sbi_result legacy_set_timer(struct vcpu *vcpu, const struct sbi_call *c)
{
	rv_guest_timer_set(vcpu, c->arg[0]);
	return sbi_ok(0);
}
static struct sbi_result legacy_putchar(struct vcpu *vcpu, const struct sbi_call *c)
{
	vm_console_putc(vcpu->vm, (char)c->arg[0]);
	return sbi_ok(0);
}
static struct sbi_result legacy_getchar(struct vcpu *vcpu, const struct sbi_call *c)
{
	return sbi_err(-1); /* no input */
}
static struct sbi_result legacy_shutdown(struct vcpu *vcpu, const struct sbi_call *c)
{
	vm_guest_exit(vcpu->vm, 0);
	return sbi_ok(0);
}
const struct sbi_extension sbi_ext_legacy_set_timer = { SBI_EXT_LEGACY_SET_TIMER, SBI_EXT_LEGACY_SET_TIMER, "legacy set_timer", NULL, legacy_set_timer, true };
const struct sbi_extension sbi_ext_legacy_putchar = { SBI_EXT_LEGACY_PUTCHAR, SBI_EXT_LEGACY_PUTCHAR, "legacy console_putchar", NULL, legacy_putchar, true };
const struct sbi_extension sbi_ext_legacy_getchar = { SBI_EXT_LEGACY_GETCHAR, SBI_EXT_LEGACY_GETCHAR, "legacy console_getchar", NULL, legacy_getchar, true };
const struct sbi_extension sbi_ext_legacy_shutdown = { SBI_EXT_LEGACY_SHUTDOWN, SBI_EXT_LEGACY_SHUTDOWN, "legacy shutdown", NULL, legacy_shutdown, true };
