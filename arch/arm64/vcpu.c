/* vCPUs: reset state, entering the guest, the exit loop, switching EL1 and FP/SIMD state
 * between vCPUs, and the register dump of a failed guest. */
#include <arm64/debug_regs.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <arm64/syndrome.h>
#include "arm64.h"
#include "stage2.h"

_Static_assert(offsetof(struct arch_vcpu, host_regs) == VCPU_HOST_REGS, "vectors.S offsets");
_Static_assert(offsetof(struct arm64_guest_regs, pc) == 248, "vectors.S offsets");
_Static_assert(offsetof(struct arm64_fp_regs, fpsr) == 512, "fpsimd.S offsets");

static struct vcpu *loaded;   /* whose EL1 state is in the CPU */
static struct vcpu *fp_owner; /* whose FP/SIMD state is live in the registers, unsaved */

struct vcpu *vcpu_of(struct arch_vcpu *a)
{
	return (struct vcpu *)((char *)a - offsetof(struct vcpu, arch));
}

void vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t x0)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (fp_owner == vcpu)
		fp_owner = NULL;
	memset(&a->regs, 0, sizeof(a->regs));
	memset(&a->el1, 0, sizeof(a->el1));
	memset(&a->fp, 0, sizeof(a->fp));
	a->regs.pc = entry;
	a->regs.x[0] = x0;
	a->regs.pstate = SPSR_EL1H_MASKED;
	a->el1.sctlr = SCTLR_EL1_RESET;
	arm64_debug_reset(&a->debug);
	a->fp_saved = true;
	a->vmpidr = (1ull << 31) | vcpu->id; /* Aff0 = vCPU number, uniprocessor bit clear */
	if (loaded == vcpu)
		loaded = NULL; /* reload the reset EL1 state on next entry */
}

#define EL1_REGS(X) X(sctlr, sctlr_el1) X(ttbr0, ttbr0_el1) X(ttbr1, ttbr1_el1) \
	X(tcr, tcr_el1) X(mair, mair_el1) X(amair, amair_el1) X(vbar, vbar_el1) \
	X(contextidr, contextidr_el1) X(tpidr_el0, tpidr_el0) X(tpidrro_el0, tpidrro_el0) \
	X(tpidr_el1, tpidr_el1) X(sp_el0, sp_el0) X(sp_el1, sp_el1) X(elr_el1, elr_el1) \
	X(spsr_el1, spsr_el1) X(esr, esr_el1) X(far, far_el1) X(afsr0, afsr0_el1) \
	X(afsr1, afsr1_el1) X(par, par_el1) X(cpacr, cpacr_el1) X(cntkctl, cntkctl_el1) \
	X(cntv_ctl, cntv_ctl_el0) X(cntv_cval, cntv_cval_el0) X(cntp_ctl, cntp_ctl_el0) \
	X(cntp_cval, cntp_cval_el0) X(csselr, csselr_el1) X(mdscr, mdscr_el1)

/* Pointer authentication keys (APIA, APIB, APDA, APDB, APGA; Lo then Hi). */
#define APKEY_REGS(X) X(0, s3_0_c2_c1_0) X(1, s3_0_c2_c1_1) X(2, s3_0_c2_c1_2) \
	X(3, s3_0_c2_c1_3) X(4, s3_0_c2_c2_0) X(5, s3_0_c2_c2_1) X(6, s3_0_c2_c2_2) \
	X(7, s3_0_c2_c2_3) X(8, s3_0_c2_c3_0) X(9, s3_0_c2_c3_1)
#define SCXTNUM_EL0 s3_3_c13_c0_7
#define SCXTNUM_EL1 s3_0_c13_c0_7

uint64_t cpu_host_features(void);

static void el1_save(struct arm64_el1_regs *r)
{
#define SAVE(field, reg) r->field = read_sysreg(reg);
	EL1_REGS(SAVE)
#undef SAVE
	uint64_t host = cpu_host_features();
	if (host & FEAT_BIT(FEAT_PAUTH)) {
#define SAVE_KEY(i, reg) r->apkeys[i] = read_sysreg(reg);
		APKEY_REGS(SAVE_KEY)
#undef SAVE_KEY
	}
	if (host & FEAT_BIT(FEAT_CSV2_2)) {
		r->scxtnum_el0 = read_sysreg(SCXTNUM_EL0);
		r->scxtnum_el1 = read_sysreg(SCXTNUM_EL1);
	}
}

static void el1_restore(const struct arm64_el1_regs *r)
{
#define RESTORE(field, reg) write_sysreg(reg, r->field);
	EL1_REGS(RESTORE)
#undef RESTORE
	uint64_t host = cpu_host_features();
	if (host & FEAT_BIT(FEAT_PAUTH)) {
#define RESTORE_KEY(i, reg) write_sysreg(reg, r->apkeys[i]);
		APKEY_REGS(RESTORE_KEY)
#undef RESTORE_KEY
	}
	if (host & FEAT_BIT(FEAT_CSV2_2)) {
		write_sysreg(SCXTNUM_EL0, r->scxtnum_el0);
		write_sysreg(SCXTNUM_EL1, r->scxtnum_el1);
	}
}

static void vcpu_load(struct vcpu *vcpu)
{
	if (loaded == vcpu)
		return;
	vcpu_put_loaded();
	struct vm *vm = vcpu->vm;
	el1_restore(&vcpu->arch.el1);
	arm64_debug_restore(&vcpu->arch.debug);
	write_sysreg(vmpidr_el2, vcpu->arch.vmpidr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vtcr_el2, stage2_vtcr());
	write_sysreg(vttbr_el2, stage2_vttbr(vm));
	write_sysreg(hcr_el2, vm->arch.hcr);
	cpu_view_load(vm);
	vgic_load(vcpu);
	isb();
	loaded = vcpu;
}

bool vcpu_is_loaded(const struct vcpu *vcpu) { return loaded == vcpu; }

void vcpu_put_loaded(void)
{
	if (!loaded)
		return;
	el1_save(&loaded->arch.el1);
	arm64_debug_save(&loaded->arch.debug);
	vgic_put(loaded);
	loaded = NULL;
}

/* Called for an FP/SIMD trap at EL2: the hypervisor (newlib) touched FP registers that
 * still hold a guest's state. Save it, then let the hypervisor use them. */
bool arm64_fp_trap(void);
bool arm64_fp_trap(void)
{
	write_sysreg(cptr_el2, CPTR_EL2_RES1 | CPTR_TZ);
	isb();
	if (fp_owner) {
		fpsimd_save(&fp_owner->arch.fp);
		fp_owner->arch.fp_saved = true;
		fp_owner = NULL;
	}
	return true;
}

/* Puts the vCPU's FP/SIMD state in the registers unless it is there already. */
static void fp_switch_to(struct vcpu *vcpu)
{
	if (fp_owner == vcpu)
		return;
	write_sysreg(cptr_el2, CPTR_EL2_RES1 | CPTR_TZ);
	isb();
	if (fp_owner) {
		fpsimd_save(&fp_owner->arch.fp);
		fp_owner->arch.fp_saved = true;
	}
	fpsimd_restore(&vcpu->arch.fp);
	vcpu->arch.fp_saved = false;
	fp_owner = vcpu;
}

void arch_vcpu_forget_vm(struct vm *vm);
void arch_vcpu_forget_vm(struct vm *vm)
{
	if (loaded && loaded->vm == vm) {
		loaded = NULL;
		vgic_disable();
	}
	gic_forwarded_release();
	if (fp_owner && fp_owner->vm == vm)
		fp_owner = NULL;
	write_sysreg(hcr_el2, HCR_RW);
	write_sysreg(cptr_el2, CPTR_EL2_RES1 | CPTR_TZ);
	isb();
}

/* A synchronous exception taken to the guest's EL1 at the instruction in r->pc. */
void vcpu_inject_sync(struct vcpu *vcpu, uint64_t esr)
{
	struct arm64_guest_regs *r = &vcpu->arch.regs;
	uint64_t mode = r->pstate & 0xf;
	/* Vector offset: current EL with SP_EL0 0x0, with SP_EL1 0x200, from EL0 0x400. */
	uint64_t off = mode == 0x5 ? 0x200 : mode == 0x4 ? 0x0 : 0x400;
	write_sysreg(esr_el1, esr);
	write_sysreg(elr_el1, r->pc);
	write_sysreg(spsr_el1, r->pstate);
	r->pc = read_sysreg(vbar_el1) + off;
	r->pstate = SPSR_EL1H_MASKED;
}

void vcpu_inject_undef(struct vcpu *vcpu)
{
	vcpu_inject_sync(vcpu, ((uint64_t)EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL);
}

void vcpu_inject_sea(struct vcpu *vcpu, bool fetch, bool write, uint64_t far)
{
	bool from_el0 = (vcpu->arch.regs.pstate & 0xf) == 0;
	write_sysreg(far_el1, far);
	vcpu_inject_sync(vcpu, sea_syndrome(fetch, from_el0, write));
}

void arch_vcpu_run(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	vcpu_load(vcpu);
	tick_arm(vm->deadline);
	while (vm_running(vm) && vcpu->state == VCPU_RUNNABLE) {
		fp_switch_to(vcpu);
		write_sysreg(cptr_el2, CPTR_EL2_RES1 | CPTR_TZ | CPTR_TSM);
		if (vm->arch.steps && arm64_step_before_entry(vcpu))
			break; /* stopped at a break address */
		const struct vgic_spi *spi = &vm->arch.vgic.spi;
		if (spi->enabled | spi->level | spi->latched)
			vgic_spi_sync(vcpu);
		unsigned kind = guest_enter(&vcpu->arch);
		vcpu->exits++;
		struct arm64_guest_regs *r = &vcpu->arch.regs;
		vcpu->arch.last_esr = r->esr;
		vcpu->arch.last_far = r->far;
		vcpu->arch.last_hpfar = r->hpfar;
		if (kind == EXIT_SYNC) {
			if (handle_sync_exit(vcpu) == EXIT_TO_CORE)
				break;
			continue;
		}
		if (kind == EXIT_IRQ) {
			vcpu->arch.irq_exits++;
			vcpu->last_exit = "IRQ";
			if (gic_handle_irq(vcpu) == HOST_IRQ_TICK)
				break; /* the tick: let the core check the budget and schedule */
			continue;
		}
		vcpu->last_exit = kind == EXIT_SERROR ? "SError" : kind == EXIT_FIQ ? "FIQ" : "AArch32";
		vm_fail(vm, "%s exception from the guest at pc %#lx", vcpu->last_exit,
			(unsigned long)r->pc);
	}
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_vcpu *a = &vcpu->arch;
	const struct arm64_guest_regs *r = &a->regs;
	printf("testvisor: vCPU %u: last exit %s, ESR_EL2=%016lx FAR_EL2=%016lx HPFAR_EL2=%016lx, %lu exits\n",
	       vcpu->id, vcpu->last_exit ? vcpu->last_exit : "none", (unsigned long)a->last_esr,
	       (unsigned long)a->last_far, (unsigned long)a->last_hpfar,
	       (unsigned long)vcpu->exits);
	printf("  pc=%016lx pstate=%016lx\n", (unsigned long)r->pc, (unsigned long)r->pstate);
	for (unsigned i = 0; i < 30; i += 3)
		printf("  x%-2u=%016lx x%-2u=%016lx x%-2u=%016lx\n", i, (unsigned long)r->x[i],
		       i + 1, (unsigned long)r->x[i + 1], i + 2, (unsigned long)r->x[i + 2]);
	printf("  x30=%016lx\n", (unsigned long)r->x[30]);
}
