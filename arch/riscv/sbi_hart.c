/* SBI extensions about harts: TIME, IPI, RFENCE, HSM. A guest hart is a vCPU; hart ids
 * are vCPU numbers. testvisor runs every vCPU on one physical hart, so remote fences are
 * local fences. */
#include <hv/vm.h>
#include <rv_virt.h>
#include "sbi_exts.h"

/* Calls `fn` for each vCPU the (hart_mask, hart_mask_base) pair names; returns
 * SBI_ERR_INVALID_PARAM when it names a hart that does not exist. */
static long for_each_hart(struct vm *vm, unsigned long mask, unsigned long base,
			  void (*fn)(struct vcpu *))
{
	if (base == (unsigned long)-1) {
		for (unsigned i = 0; i < vm->nr_vcpus; i++)
			if (fn)
				fn(&vm->vcpus[i]);
		return SBI_SUCCESS;
	}
	/* §3.1 Hart Mask Errors: an invalid base is an error even with an empty mask. */
	if (base >= vm->nr_vcpus || (mask >> (vm->nr_vcpus - base)) != 0)
		return SBI_ERR_INVALID_PARAM;
	for (unsigned i = 0; mask; i++, mask >>= 1)
		if ((mask & 1) && fn)
			fn(&vm->vcpus[base + i]);
	return SBI_SUCCESS;
}

/* ---- TIME ---- */
static struct sbi_result time_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	if (c->fid != 0)
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	rv_guest_timer_set(vcpu, c->arg[0]);
	return sbi_ok(0);
}
const struct sbi_extension sbi_ext_time = { SBI_EXT_TIME, SBI_EXT_TIME, "TIME", NULL, time_call, false };

/* ---- IPI: a supervisor software interrupt on each target ---- */
static void raise_ipi(struct vcpu *target)
{
	rv_vcpu_set_hvip(target, HVIP_VSSIP, 0);
}

static struct sbi_result ipi_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	if (c->fid != 0)
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	return sbi_err(for_each_hart(vcpu->vm, c->arg[0], c->arg[1], raise_ipi));
}
const struct sbi_extension sbi_ext_ipi = { SBI_EXT_IPI, SBI_EXT_IPI, "IPI", NULL, ipi_call, false };

/* ---- RFENCE ---- */
enum { RFENCE_FENCE_I, RFENCE_SFENCE_VMA, RFENCE_SFENCE_VMA_ASID };

static struct sbi_result rfence_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	if (c->fid > RFENCE_SFENCE_VMA_ASID)
		return sbi_err(SBI_ERR_NOT_SUPPORTED); /* HFENCE: the guest has no H extension */
	long err = for_each_hart(vcpu->vm, c->arg[0], c->arg[1], NULL);
	if (err)
		return sbi_err(err);
	if (c->fid == RFENCE_FENCE_I)
		rv_fence_i();
	else
		rv_fence_guest_tlb();
	return sbi_ok(0);
}
const struct sbi_extension sbi_ext_rfence = { SBI_EXT_RFENCE, SBI_EXT_RFENCE, "RFENCE", NULL, rfence_call, false };

/* ---- HSM ---- */

static bool in_guest_ram(const struct vm *vm, unsigned long addr)
{
	paddr_t pa;
	return vm_ipa_to_pa(vm, ipa_init(addr), 2, &pa);
}

/* HART_SUSPEND (SBI v3.0 §9.4; suspend_type is uint32_t). Both default types wait off the
 * hart, SUSPENDED, until an interrupt the guest enabled is pending (vcpu.c); a retentive
 * suspend then returns success, a non-retentive one starts at resume_addr
 * (rv_hsm_resume). testvisor implements no platform-specific types. */
static struct sbi_result hart_suspend(struct vcpu *vcpu, uint32_t type, unsigned long resume_addr,
				      unsigned long opaque)
{
	if (type != SBI_HSM_SUSPEND_RETENTIVE && type != SBI_HSM_SUSPEND_NON_RETENTIVE)
		return sbi_err(SBI_ERR_INVALID_PARAM); /* reserved, or platform-specific */
	bool restarts = type == SBI_HSM_SUSPEND_NON_RETENTIVE;
	if (restarts && !in_guest_ram(vcpu->vm, resume_addr))
		return sbi_err(SBI_ERR_INVALID_ADDRESS);
	vcpu->state = VCPU_WAITING;
	vcpu->arch.suspended = true;
	vcpu->arch.resume_restarts = restarts;
	vcpu->arch.resume_pc = resume_addr;
	vcpu->arch.resume_opaque = opaque;
	return sbi_ok(0);
}

void rv_hsm_resume(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	a->suspended = false;
	if (!a->resume_restarts)
		return;
	/* FWFT values survive a non-retentive suspend (SBI v3.0 §18), with the henvcfg and
	 * hedeleg bits that carry them. */
	struct rv_fwft_state keep = a->fwft;
	uint64_t henvcfg = a->csrs.henvcfg, hedeleg = a->csrs.hedeleg;
	rv_vcpu_start(vcpu, a->resume_pc, a->resume_opaque);
	a->fwft = keep;
	rv_vcpu_set_henvcfg(vcpu, henvcfg);
	rv_vcpu_set_hedeleg(vcpu, hedeleg);
}

static struct sbi_result hsm_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	struct vm *vm = vcpu->vm;
	unsigned long hart = c->arg[0];
	switch (c->fid) {
	case SBI_HSM_HART_START:
		if (hart >= vm->nr_vcpus)
			return sbi_err(SBI_ERR_INVALID_PARAM);
		if (vm->vcpus[hart].state != VCPU_OFF)
			return sbi_err(SBI_ERR_ALREADY_AVAILABLE);
		if (!in_guest_ram(vm, c->arg[1]))
			return sbi_err(SBI_ERR_INVALID_ADDRESS);
		rv_vcpu_start(&vm->vcpus[hart], c->arg[1], c->arg[2]);
		return sbi_ok(0);
	case SBI_HSM_HART_STOP:
		vcpu->state = VCPU_OFF;
		return sbi_ok(0);
	case SBI_HSM_HART_STATUS:
		if (hart >= vm->nr_vcpus)
			return sbi_err(SBI_ERR_INVALID_PARAM);
		if (vm->vcpus[hart].state == VCPU_OFF)
			return sbi_ok(SBI_HSM_STOPPED);
		return sbi_ok(vm->vcpus[hart].state == VCPU_WAITING && vm->vcpus[hart].arch.suspended
			      ? SBI_HSM_SUSPENDED : SBI_HSM_STARTED);
	case SBI_HSM_HART_SUSPEND:
		return hart_suspend(vcpu, (uint32_t)c->arg[0], c->arg[1], c->arg[2]);
	default:
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	}
}
const struct sbi_extension sbi_ext_hsm = { SBI_EXT_HSM, SBI_EXT_HSM, "HSM", NULL, hsm_call, false };
