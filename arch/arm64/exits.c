/* Synchronous guest exits, dispatched through one table keyed by ESR_EL2.EC. */
#include <stdio.h>
#include <hv/vm.h>
#include <arm64/syndrome.h>
#include "arm64.h"

/* Each handler says whether the guest can be re-entered at once (hv/arch_if.h). */
typedef enum exit_action (*exit_handler_t)(struct vcpu *vcpu, uint64_t esr);

struct exit_row {
	const char *name;
	exit_handler_t handler;
};

static enum exit_action exit_hvc(struct vcpu *vcpu, uint64_t esr)
{
	vcpu->arch.hvc_exits++;
	if (ESR_ISS(esr) & 0xffff) {
		/* SMCCC calls use HVC #0; any other immediate is not a call testvisor knows. */
		vm_fail(vcpu->vm, "unknown hypercall HVC #%#lx at pc %#lx",
			(unsigned long)(ESR_ISS(esr) & 0xffff), (unsigned long)vcpu->arch.regs.pc - 4);
		return EXIT_TO_CORE;
	}
	return smccc_handle(vcpu, false);
}

static enum exit_action exit_smc(struct vcpu *vcpu, uint64_t esr)
{
	/* A trapped SMC leaves ELR at the SMC itself. It never reaches the firmware: a guest
	 * must not end or reset the machine behind testvisor's back. */
	vcpu->arch.regs.pc += 4;
	if (ESR_ISS(esr) & 0xffff) {
		vm_fail(vcpu->vm, "unknown secure monitor call SMC #%#lx",
			(unsigned long)(ESR_ISS(esr) & 0xffff));
		return EXIT_TO_CORE;
	}
	return smccc_handle(vcpu, true);
}

static enum exit_action exit_sysreg(struct vcpu *vcpu, uint64_t esr)
{
	vcpu->arch.sysreg_exits++;
	int stepped = arm64_step_debug_register(vcpu, ESR_ISS(esr));
	if (stepped >= 0)
		return (enum exit_action)stepped;
	return sysreg_trap(vcpu, ESR_ISS(esr));
}

/* Whether an emulated device covers `ipa` (stage 2 maps RAM only: any other abort is a
 * device access or an access with nothing behind it). */
static bool mmio_device_at(const struct vm *vm, uint64_t ipa)
{
	for (unsigned i = 0; i < vm->nr_devices; i++) {
		const struct device_desc *d = &vm->devices[i].desc;
		if (d->space == DEV_MMIO && ipa >= d->base && ipa - d->base < d->size)
			return true;
	}
	return false;
}

/* An access with nothing behind it: a synchronous External abort for the guest, as bare
 * QEMU virt gives (Arm ARM: External abort on a memory access), or, with unmapped=stop,
 * the guest is stopped with `what` and the address. */
static enum exit_action nothing_behind(struct vcpu *vcpu, bool fetch, bool write, uint64_t ipa,
				       const char *what)
{
	struct arm64_guest_regs *r = &vcpu->arch.regs;
	if (vcpu->vm->arch.unmapped_stop) {
		vm_fail(vcpu->vm, "%s IPA %#lx outside the guest's memory (pc %#lx)", what,
			(unsigned long)ipa, (unsigned long)r->pc);
		return EXIT_TO_CORE;
	}
	vcpu_inject_sea(vcpu, fetch, write, r->far);
	return EXIT_RESUME;
}

/* A stage-2 data abort: an emulated device (ISV decoding) or an access with nothing behind
 * it. */
static enum exit_action exit_dabt(struct vcpu *vcpu, uint64_t esr)
{
	struct arm64_guest_regs *r = &vcpu->arch.regs;
	uint64_t ipa = dabt_ipa(r->hpfar, r->far);
	bool write = esr & (1u << 6); /* ISS.WnR */
	struct dabt_access a;
	bool syndrome = dabt_decode(esr, &a);
	if (!mmio_device_at(vcpu->vm, ipa))
		return nothing_behind(vcpu, false, write, ipa, write ? "write of" : "read of");
	if (!syndrome) {
		vm_fail(vcpu->vm, "%s of device IPA %#lx without instruction syndrome (pc %#lx)",
			write ? "write" : "read", (unsigned long)ipa, (unsigned long)r->pc);
		return EXIT_TO_CORE;
	}
	uint64_t val = a.write && a.reg != 31 ? r->x[a.reg] : 0;
	if (a.size < 8 && a.write)
		val &= (1ull << (8 * a.size)) - 1;
	vcpu->arch.mmio_exits++;
	if (!vm_mmio_access(vcpu, ipa_init(ipa), a.size, a.write, &val))
		return nothing_behind(vcpu, false, a.write, ipa, a.write ? "write of" : "read of");
	if (!a.write && a.reg != 31)
		r->x[a.reg] = dabt_load_value(&a, val);
	r->pc += 4;
	/* The device may have ended the guest (an exit device) or changed what runs. */
	return vm_running(vcpu->vm) ? EXIT_RESUME : EXIT_TO_CORE;
}

static enum exit_action exit_iabt(struct vcpu *vcpu, uint64_t esr)
{
	struct arm64_guest_regs *r = &vcpu->arch.regs;
	return nothing_behind(vcpu, true, false, dabt_ipa(r->hpfar, r->far),
			      "instruction fetch from");
}

static enum exit_action exit_wfx(struct vcpu *vcpu, uint64_t esr)
{
	/* WFI/WFE may complete at any time; the tick preempts a guest that spins on them. */
	vcpu->arch.regs.pc += 4;
	return EXIT_RESUME;
}

/* Features the VM does not have (SVE, SME, GCS): UNDEF, as on a CPU without them. */
static enum exit_action exit_undef(struct vcpu *vcpu, uint64_t esr)
{
	vcpu_inject_undef(vcpu);
	return EXIT_RESUME;
}

static enum exit_action exit_fail(struct vcpu *vcpu, uint64_t esr)
{
	vm_fail(vcpu->vm, "unexpected exit %s (ESR_EL2 %#lx) at pc %#lx", vcpu->last_exit,
		(unsigned long)esr, (unsigned long)vcpu->arch.regs.pc);
	return EXIT_TO_CORE;
}

static enum exit_action exit_debug(struct vcpu *vcpu, uint64_t esr)
{
	if (!vcpu->vm->arch.steps)
		return exit_fail(vcpu, esr);
	return arm64_step_debug_exit(vcpu, esr);
}

static const struct exit_row exit_table[64] = {
	[EC_UNKNOWN] = { "unknown", exit_fail },
	[EC_WFX] = { "WFI/WFE", exit_wfx },
	[EC_HVC64] = { "HVC", exit_hvc },
	[EC_SMC64] = { "SMC", exit_smc },
	[EC_SYS64] = { "MSR/MRS", exit_sysreg },
	[0x09] = { "pointer authentication", exit_undef },
	[EC_SVE] = { "SVE", exit_undef },
	[0x1d] = { "SME", exit_undef },
	/* GCS is never offered: its only exception a VM can raise is the FGT trap of
	 * GCSSTR/GCSSTTR (HFGITR_EL2.nGCSSTR_EL1), an FGU access. */
	[0x2d] = { "GCS", exit_undef },
	[EC_IABT_LOW] = { "instruction abort", exit_iabt },
	[EC_DABT_LOW] = { "data abort", exit_dabt },
	/* Routed to EL2 only by MDCR_EL2.TDE, which testvisor sets for break= alone. */
	[0x30] = { "breakpoint", exit_debug },
	[0x32] = { "software step", exit_debug },
	[0x34] = { "watchpoint", exit_debug },
	[0x3a] = { "vector catch", exit_debug },
	[EC_BRK64] = { "BRK", exit_debug },
};

enum exit_action handle_sync_exit(struct vcpu *vcpu)
{
	uint64_t esr = vcpu->arch.regs.esr;
	const struct exit_row *row = &exit_table[ESR_EC(esr)];
	if (!row->handler) {
		vcpu->last_exit = "unhandled";
		vm_fail(vcpu->vm, "unhandled exit, EC %#lx (ESR_EL2 %#lx) at pc %#lx",
			(unsigned long)ESR_EC(esr), (unsigned long)esr,
			(unsigned long)vcpu->arch.regs.pc);
		return EXIT_TO_CORE;
	}
	vcpu->last_exit = row->name;
	return row->handler(vcpu, esr);
}
