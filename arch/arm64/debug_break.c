/* trace= and break= on arm64 (arm64/debug_step.h, docs/debug.md): the guest is
 * single-stepped from EL2; each completed instruction goes to the trace log (hv/trace_log.h)
 * and the guest is stopped before the instruction at a break address. Its BRK still reaches
 * its own EL1; its own hardware breakpoints, watchpoints, single-step and debug registers
 * cannot share the debug registers with testvisor's step and stop the guest with that
 * reason. */
#include <stdio.h>
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

bool arm64_step_before_entry(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct trace_log *log = &vcpu->trace;
	uint64_t pc = vcpu->arch.regs.pc;
	/* The last entry's instruction completed: by a step exception, or by testvisor (an
	 * HVC, a trapped MSR, an MMIO access: pc moved on without a step). */
	if (log->next_valid && (vcpu->arch.stepped || pc != log->next.pc))
		trace_log_record(vcpu, &log->next);
	vcpu->arch.stepped = false;
	log->next_valid = false;
	bool recording = trace_log_recording(log);
	if (!recording && !vm->arch.breaks.count) {
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
	if (recording) {
		log->next = (struct trace_entry){ .pc = pc, .len = 4 };
		if (!mapped || !vm_read(vm, ipa_init(ipa), log->next.bytes, 4))
			log->next.len = 0;
		log->next_valid = true;
	}
	if (mapped && break_config_hit(&vm->arch.breaks, ipa)) {
		printf("testvisor: %s break at %#lx\n", vm->cfg.name, (unsigned long)ipa);
		vcpu->last_exit = "break";
		vm_fail(vm, "break at %#lx (vCPU %u, pc %#lx)", (unsigned long)ipa, vcpu->id,
			(unsigned long)pc);
		return true;
	}
	/* The OS lock (set out of reset) would disable the step exception: the guest cannot
	 * see it while TDE traps its OSLSR_EL1 reads, which stop it. */
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

bool arm64_step_debug_register(struct vcpu *vcpu, uint64_t iss)
{
	if (!vcpu->vm->arch.steps || !step_iss_is_debug_register(iss))
		return false;
	vm_fail(vcpu->vm, "the guest accessed a debug register (ISS %#lx) while testvisor steps "
		"it for %s: not supported on arm64", (unsigned long)iss, step_purpose(vcpu->vm));
	return true;
}
