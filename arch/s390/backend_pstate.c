/* The problem-state backend (no SIE: QEMU TCG): the guest's PSW is virtual; testvisor
 * loads a real PSW in problem state with DAT on (the guest's real space, guest_mem.c),
 * the guest's condition code, program mask and addressing mode, and external
 * interruptions enabled for its own CPU timer. Every interruption comes back through
 * entry.S: a privileged-operation exception is emulated, other program interruptions and
 * SVCs are passed to the guest through its lowcore, the CPU timer ends the time slice. */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <string.h>
#include "backend.h"
#include "debug_per.h"
#include "s390_host.h"
#include "s390_vcpu.h"

#define GUEST_PSW_PASSTHROUGH (PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_EA | PSW_MASK_BA)

/* Program interruptions of the DAT testvisor set up mean the guest touched memory it
 * does not have: for a guest with DAT off that is an addressing exception. */
static bool is_translation_exception(uint16_t code)
{
	return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION ||
	       code == PGM_ASCE_TYPE || (code >= PGM_REGION_FIRST && code <= PGM_REGION_THIRD) ||
	       code == PGM_TRANSLATION_SPEC;
}

static enum exit_action handle_program(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint16_t code = LC16(LC_PGM_CODE) & PGM_CODE_MASK;
	unsigned ilc = LC16(LC_PGM_ILC) & 0x6;
	a->last_pgm_code = code;
	a->last_tea = LC64(LC_TRANS_EXC_CODE);
	if (code == PGM_PRIVILEGED_OP) {
		vcpu->last_exit = "privileged operation";
		return emulate_privileged(vcpu, ilc);
	}
	if (is_translation_exception(code)) {
		/* Translation exceptions nullify (the PSW points at the instruction); the
		 * addressing exception the guest gets suppresses: the PSW moves past the
		 * instruction. For an instruction fetch, as QEMU does, by one halfword (ILC 1). */
		bool ifetch = (a->last_tea & ~0xfffULL) == (a->psw_addr & ~0xfffULL);
		unsigned len = ifetch ? 2 : ilc;
		vcpu->last_exit = "addressing (outside guest memory)";
		a->psw_addr += len;
		irq_program(vcpu, PGM_ADDRESSING, len);
		return EXIT_RESUME;
	}
	vcpu->last_exit = "program interruption";
	/* What the CPU stored beside the code belongs to the guest too: the data-exception
	 * code, monitor class and PER fields (0x90-0xa7). */
	__builtin_memcpy(guest_lowcore(vcpu) + LC_DATA_EXC_CODE,
			 (const void *)&lowcore[LC_DATA_EXC_CODE], LC_TRANS_EXC_CODE - LC_DATA_EXC_CODE);
	irq_program(vcpu, code, ilc);
	return EXIT_RESUME;
}

/* EXIT_TO_CORE when the exit was the end of the time slice (or ended the VM). */
static enum exit_action handle_exit(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	switch (a->ctx.exit_kind) {
	case EXIT_PGM: {
		/* Guest PER (debug_per.c): a PER event alone is passed on as such (or kept, when
		 * it is testvisor's own trace event); one that came with another code is added
		 * to what handling that code gave the guest. */
		struct per_event per = per_event_take(lowcore, a->psw_mask & PSW_MASK_DAT);
		bool per_alone = per.pending && !(LC16(LC_PGM_CODE) & PGM_CODE_MASK);
		per_trace_claim(vcpu, &per);
		uint64_t reflected = a->reflected;
		enum exit_action r = per_alone ? EXIT_RESUME : handle_program(vcpu);
		per_event_merge(&per, &a->per_emulated);
		if (r == EXIT_RESUME)
			per_event_deliver(vcpu, &per, a->reflected != reflected);
		return r;
	}
	case EXIT_SVC:
		vcpu->last_exit = "supervisor call";
		irq_svc(vcpu, LC16(LC_SVC_CODE), LC16(LC_SVC_ILC) & 0x6);
		return EXIT_RESUME;
	case EXIT_EXT:
		vcpu->last_exit = "time slice";
		return EXIT_TO_CORE;
	}
	vm_fail(vcpu->vm, "unexpected host interruption (kind %lu) while the guest ran",
		(unsigned long)a->ctx.exit_kind);
	return EXIT_TO_CORE;
}


/* The real CR0 while the guest runs: testvisor's CPU-timer subclass, plus the guest's own
 * controls that act in problem state (additional floating-point registers, vectors). */
#define CR0_GUEST_CONTROLS (CR0_AFP | CR0_VX)
static void load_real_cr0(struct vcpu *vcpu)
{
	lctlg0(CR0_CPU_TIMER | (vcpu->arch.cr[0] & CR0_GUEST_CONTROLS));
	vcpu->arch.real_cr0_stale = false;
}

static void pstate_slice_start(struct vcpu *vcpu)
{
	lctlg1(dat_vcpu_asce(vcpu));
	ptlb();
	load_real_cr0(vcpu);
}

static enum exit_action pstate_enter(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (a->psw_mask & PSW_MASK_DAT) {
		vm_fail(vcpu->vm, "the guest turned DAT on: guest address translation is not emulated without SIE");
		return EXIT_TO_CORE;
	}
	if (a->real_cr0_stale)
		load_real_cr0(vcpu);
	a->ctx.psw_mask = PSW_MASK_DAT | PSW_MASK_EXT | PSW_MASK_PSTATE |
			  (a->psw_mask & GUEST_PSW_PASSTHROUGH) | per_guest_enter(vcpu) |
			  per_trace_enter(vcpu);
	a->ctx.psw_addr = a->psw_addr;
	guest_enter(&a->ctx);
	a->psw_mask = (a->psw_mask & ~GUEST_PSW_PASSTHROUGH) |
		      (a->ctx.psw_mask & GUEST_PSW_PASSTHROUGH);
	a->psw_addr = a->ctx.psw_addr;
	return handle_exit(vcpu);
}

const struct guest_backend backend_problem_state = {
	.name = "problem state (privileged instructions emulated)",
	.slice_start = pstate_slice_start,
	.enter = pstate_enter,
};
