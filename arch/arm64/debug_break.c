/* trace= and break= on arm64 (arm64/debug_step.h, docs/debug.md): the guest is
 * single-stepped from EL2; each completed instruction goes to the trace log (hv/trace_log.h)
 * and the guest is stopped before the instruction at a break address. Its BRK still reaches
 * its own EL1, and so does its own single-step: its MDSCR_EL1 and OS lock are answered
 * from a view of its own and the step exceptions it is owed are injected. Its hardware
 * breakpoints, watchpoints and other debug registers cannot share the registers with
 * testvisor's step and stop the guest with that reason. */
#include <stdio.h>
#include <string.h>
#include <hv/vm.h>
#include <arm64/debug_step.h>
#include "arm64.h"

int arm64_step_configure(struct vm *vm)
{
	char err[120];
	if (!break_config_parse(vm_config_get(&vm->cfg, "break"), &vm->arch.breaks, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return -22;
	}
	if (!trace_log_configure(vm, "pc", TRACE_INSN_WORD32))
		return -22;
	vm->arch.steps = vm->arch.breaks.count || vm->vcpus[0].trace.cfg.mode != TRACE_OFF;
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++) /* the OS lock is set out of reset */
		vm->vcpus[i].arch.step_view = (struct step_guest_view){ .mdscr = 0, .oslk = true };
	return 0;
}

/* The guest-physical address of the vCPU's next instruction (its EL1 state is loaded).
 * PAR_EL1 is the guest's register: put back after the translation. */
static bool pc_ipa(struct vcpu *vcpu, uint64_t *ipa)
{
	uint64_t pc = vcpu->arch.regs.pc;
	bool mmu = read_sysreg(sctlr_el1) & SCTLR_EL1_M;
	uint64_t par = 0;
	if (mmu) {
		uint64_t guest_par = read_sysreg(par_el1);
		__asm__ volatile("at s1e1r, %0" : : "r"(pc));
		isb();
		par = read_sysreg(par_el1);
		write_sysreg(par_el1, guest_par);
	}
	return step_pc_ipa(mmu, par, pc, ipa);
}

/* What stepping is for, in the reasons that stop a guest. */
static const char *step_purpose(const struct vm *vm)
{
	bool trace = vm->vcpus[0].trace.cfg.mode != TRACE_OFF;
	return vm->arch.breaks.count ? (trace ? "trace= and break=" : "break=") : "trace=";
}

static void inject_guest_step(struct vcpu *vcpu, bool isv)
{
	vcpu->arch.regs.pstate &= ~SPSR_SS; /* testvisor's, not the guest's */
	vcpu_inject_sync(vcpu, step_guest_esr(vcpu->arch.regs.pstate, isv));
}

/* The guest's own step machine after the last entry (`completed`: its instruction ran,
 * stepped or completed by testvisor). After its ERET testvisor's step exception comes at
 * once, before the instruction returned to: with SPSR.SS=1 the guest's step exception is
 * owed when that instruction completes (ISV=1), with SPSR.SS=0 at once (ISV=0). */
static void guest_step_completed(struct vcpu *vcpu, bool completed)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!completed || a->step_state == STEP_GUEST_NONE)
		return;
	if (a->step_state == STEP_GUEST_ACTIVE) {
		a->step_state = STEP_GUEST_NONE;
		if (step_guest_enabled(&a->step_view, a->regs.pstate))
			inject_guest_step(vcpu, true);
		return;
	}
	enum step_guest_owed owed = step_guest_after_eret(&a->step_view, a->eret_spsr);
	a->step_state = owed == STEP_OWED_STEP ? STEP_GUEST_ACTIVE : STEP_GUEST_NONE;
	if (owed == STEP_OWED_PENDING)
		inject_guest_step(vcpu, false);
}

bool arm64_step_before_entry(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct trace_log *log = &vcpu->trace;
	uint64_t pc = vcpu->arch.regs.pc;
	/* The last entry's instruction completed: by a step exception, or by testvisor (an
	 * HVC, a trapped MSR, an MMIO access: pc moved on without a step). */
	if (log->next_valid && (vcpu->arch.stepped || pc != log->next.pc))
		trace_log_record(vcpu, &log->next);
	guest_step_completed(vcpu, vcpu->arch.stepped || pc != vcpu->arch.step_pc);
	pc = vcpu->arch.step_pc = vcpu->arch.regs.pc; /* moved when a step was injected */
	vcpu->arch.stepped = false;
	log->next_valid = false;
	bool recording = trace_log_recording(log);
	bool guest_steps = vcpu->arch.step_view.mdscr & MDSCR_EL1_SS;
	if (!recording && !vm->arch.breaks.count && !guest_steps) {
		/* trace=N is done: no step. MDSCR_EL1.SS is testvisor's while TDE traps the
		 * guest's accesses; left set with PSTATE.SS=0 it would step at once. */
		uint64_t mdscr = read_sysreg(mdscr_el1);
		if (mdscr & MDSCR_EL1_SS)
			write_sysreg(mdscr_el1, mdscr & ~MDSCR_EL1_SS);
		vcpu->arch.regs.pstate &= ~SPSR_SS;
		return false;
	}
	uint64_t ipa;
	bool mapped = pc_ipa(vcpu, &ipa);
	uint32_t insn = 0;
	bool have_insn = mapped && (recording || guest_steps) && vm_read(vm, ipa_init(ipa), &insn, 4);
	if (recording) {
		log->next = (struct trace_entry){ .pc = pc, .len = have_insn ? 4 : 0 };
		memcpy(log->next.bytes, &insn, 4);
		log->next_valid = true;
	}
	/* The guest stepping itself returns to the code it steps with ERET: what it is owed
	 * depends on the SPSR_EL1 that ERET uses. */
	if (vcpu->arch.step_state == STEP_GUEST_NONE && guest_steps && have_insn &&
	    step_insn_is_eret(insn)) {
		vcpu->arch.step_state = STEP_GUEST_ERET;
		vcpu->arch.eret_spsr = read_sysreg(spsr_el1);
	}
	if (mapped && break_config_hit(&vm->arch.breaks, ipa)) {
		printf("testvisor: %s break at %#lx\n", vm->cfg.name, (unsigned long)ipa);
		vcpu->last_exit = "break";
		vm_fail(vm, "break at %#lx (vCPU %u, pc %#lx)", (unsigned long)ipa, vcpu->id,
			(unsigned long)pc);
		return true;
	}
	/* The OS lock (set out of reset) would disable the step exception: the guest sees its
	 * own lock in step_view (TDE traps its OSLSR_EL1/OSLAR_EL1 accesses). */
	if (read_sysreg(oslsr_el1) & OSLSR_EL1_OSLK)
		write_sysreg(oslar_el1, 0);
	uint64_t mdscr = read_sysreg(mdscr_el1);
	if (!(mdscr & MDSCR_EL1_SS))
		write_sysreg(mdscr_el1, mdscr | MDSCR_EL1_SS);
	vcpu->arch.regs.pstate |= SPSR_SS; /* active-not-pending: step one instruction */
	return false;
}

enum exit_action arm64_step_debug_exit(struct vcpu *vcpu, uint64_t esr)
{
	switch (step_exit_kind(ESR_EC(esr))) {
	case STEP_EXIT_OURS:
		vcpu->arch.stepped = true;
		return EXIT_RESUME;
	case STEP_EXIT_GUEST_BRK:
		/* As the CPU would have taken it without TDE: at the guest's EL1, ELR at the BRK,
		 * the same syndrome. The saved SS is testvisor's, not part of the guest's SPSR. */
		vcpu->arch.regs.pstate &= ~SPSR_SS;
		vcpu_inject_sync(vcpu, esr);
		return EXIT_RESUME;
	default:
		vm_fail(vcpu->vm, "the guest's own debug exception (ESR_EL2 %#lx) while testvisor "
			"steps it for %s: not supported on arm64", (unsigned long)esr,
			step_purpose(vcpu->vm));
		return EXIT_TO_CORE;
	}
}

static uint64_t *reg_of(struct vcpu *vcpu, unsigned rt)
{
	static uint64_t xzr;
	xzr = 0;
	return rt == 31 ? &xzr : &vcpu->arch.regs.x[rt];
}

int arm64_step_debug_register(struct vcpu *vcpu, uint64_t iss)
{
	if (!vcpu->vm->arch.steps || !step_iss_is_debug_register(iss))
		return -1;
	struct step_guest_view *g = &vcpu->arch.step_view;
	uint64_t *x = reg_of(vcpu, (iss >> 5) & 31);
	bool read = iss & 1;
	switch (step_guest_reg(iss)) {
	case STEP_REG_MDSCR:
		if (read) {
			*x = g->mdscr;
		} else {
			bool was = step_guest_enabled(g, vcpu->arch.regs.pstate);
			g->mdscr = *x;
			vcpu->arch.regs.pc += 4;
			/* Its step enabled with PSTATE.SS=0 is active-pending at once: a step
			 * exception before the next instruction, ISV=0 (D2.12). */
			if (!was && step_guest_enabled(g, vcpu->arch.regs.pstate))
				inject_guest_step(vcpu, false);
			return EXIT_RESUME;
		}
		break;
	case STEP_REG_OSLSR:
		if (!read)
			goto unsupported;
		*x = (read_sysreg(oslsr_el1) & ~OSLSR_EL1_OSLK) | (g->oslk ? OSLSR_EL1_OSLK : 0);
		break;
	case STEP_REG_OSLAR:
		if (read)
			goto unsupported;
		g->oslk = *x & 1;
		break;
	default:
		goto unsupported;
	}
	vcpu->arch.regs.pc += 4;
	return EXIT_RESUME;
unsupported:
	vm_fail(vcpu->vm, "the guest accessed a debug register (ISS %#lx) while testvisor steps "
		"it for %s: not supported on arm64", (unsigned long)iss, step_purpose(vcpu->vm));
	return EXIT_TO_CORE;
}
