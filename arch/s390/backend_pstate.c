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
#include "guest_dat_walk.h"
#include "shadow_dat.h"

#define GUEST_PSW_PASSTHROUGH (PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_EA | PSW_MASK_BA)

/* Translation exceptions of testvisor's tables: for a guest with DAT off, memory it does
 * not have (an addressing exception); with its DAT on, a miss of the shadow tables. */
static bool is_translation_exception(uint16_t code)
{
	return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION ||
	       code == PGM_ASCE_TYPE || (code >= PGM_REGION_FIRST && code <= PGM_REGION_THIRD) ||
	       code == PGM_TRANSLATION_SPEC;
}

/* The guest touched memory it does not have: an addressing exception, which suppresses
 * (the PSW moves past the instruction; for an instruction fetch, as QEMU does, by one
 * halfword: ILC 1). The host's translation exception had nullified it. */
static enum exit_action reflect_addressing(struct vcpu *vcpu, unsigned ilc)
{
	struct arch_vcpu *a = &vcpu->arch;
	bool ifetch = (a->last_tea & ~0xfffULL) == (a->psw_addr & ~0xfffULL);
	unsigned len = ifetch ? 2 : ilc;
	vcpu->last_exit = "addressing (outside guest memory)";
	a->psw_addr += len;
	irq_program(vcpu, PGM_ADDRESSING, len);
	return EXIT_RESUME;
}

/* With the guest's DAT on, a host translation exception is a miss of the shadow tables:
 * the guest's own tables decide between mapping the page and the guest's exception. A
 * host protection exception comes from a page the guest's tables protect: the machine's
 * TEID (page, store, DAT protection, primary space) is the guest's. */
static enum exit_action handle_guest_dat(struct vcpu *vcpu, uint16_t code, unsigned ilc)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (code == PGM_PROTECTION) {
		vcpu->last_exit = "DAT protection";
		__builtin_memcpy(guest_lowcore(vcpu) + LC_TRANS_EXC_CODE, &a->last_tea, 8);
		irq_program(vcpu, code, ilc);
		return EXIT_RESUME;
	}
	vcpu->last_exit = "shadow DAT fault";
	uint16_t guest_code = shadow_fault(vcpu, a->last_tea);
	if (guest_code == SHADOW_STOPPED)
		return EXIT_TO_CORE;
	if (guest_code == PGM_ADDRESSING)
		return reflect_addressing(vcpu, ilc);
	if (guest_code) {
		vcpu->last_exit = "guest translation exception";
		if (!dat_exception_nullifies(guest_code))
			a->psw_addr += ilc;  /* translation specification suppresses */
		irq_program(vcpu, guest_code, ilc);
	}
	return EXIT_RESUME;
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
	if ((a->psw_mask & PSW_MASK_DAT) && (is_translation_exception(code) || code == PGM_PROTECTION))
		return handle_guest_dat(vcpu, code, ilc);
	if (is_translation_exception(code))
		return reflect_addressing(vcpu, ilc);
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
 * controls that act in problem state (additional floating-point registers, vectors, and
 * with its DAT on the secondary-space control for SACF; with DAT off SACF to the
 * secondary space must fail, and does when the control is off). */
#define CR0_SECONDARY_SPACE S390_BIT64(37)
#define CR0_GUEST_CONTROLS (CR0_AFP | CR0_VX)
static void load_real_cr0(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint64_t cr0 = CR0_CPU_TIMER | (a->cr[0] & CR0_GUEST_CONTROLS);
	if (a->psw_mask & PSW_MASK_DAT)
		cr0 |= a->cr[0] & CR0_SECONDARY_SPACE;
	if (a->real_cr0_stale || cr0 != a->real_cr0) {
		lctlg0(cr0);
		a->real_cr0 = cr0;
		a->real_cr0_stale = false;
	}
}

static void pstate_slice_start(struct vcpu *vcpu)
{
	/* pstate_enter loads CR1, CR7, CR13 and purges the TLB */
	memset(vcpu->arch.host_asce, 0, sizeof(vcpu->arch.host_asce));
	vcpu->arch.real_cr0_stale = true;
	load_real_cr0(vcpu);
}

/* The real CR1, CR7 and CR13: the guest's real space in all three (DAT off: whatever the
 * real PSW's address-space control, guest addresses are real), or the shadows of the
 * guest's primary, secondary and home spaces. Access-register mode stops the guest. */
static bool load_real_space_crs(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint64_t asce[DAT_SPACES];
	enum dat_space unused;
	bool dat = a->psw_mask & PSW_MASK_DAT;
	if (dat && !dat_space_of_psw(a->psw_mask, &unused)) {
		vm_fail(vcpu->vm, "the guest turned DAT on in access-register mode: not emulated without SIE");
		return false;
	}
	for (unsigned i = 0; i < DAT_SPACES; i++) {
		asce[i] = dat ? shadow_asce(vcpu, (enum dat_space)i) : dat_vcpu_asce(vcpu);
		if (!asce[i]) {
			vm_fail(vcpu->vm, "no memory for the shadow DAT tables");
			return false;
		}
	}
	if (memcmp(asce, a->host_asce, sizeof(asce))) {
		lctlg1(asce[DAT_SPACE_PRIMARY]);
		lctlg7(asce[DAT_SPACE_SECONDARY]);
		lctlg13(asce[DAT_SPACE_HOME]);
		ptlb();
		memcpy(a->host_asce, asce, sizeof(asce));
	}
	return true;
}

static enum exit_action pstate_enter(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!load_real_space_crs(vcpu))
		return EXIT_TO_CORE;
	load_real_cr0(vcpu);
	/* The guest's address-space control is the real one (SAC to the primary or
	 * secondary space runs natively), except access-register mode with DAT off: the
	 * real CPU would translate through the guest's access registers. */
	enum dat_space space;
	bool ar_mode = !dat_space_of_psw(a->psw_mask, &space);
	uint64_t passthrough = GUEST_PSW_PASSTHROUGH |
			       ((a->psw_mask & PSW_MASK_DAT) || !ar_mode ? PSW_MASK_ASC : 0);
	a->ctx.psw_mask = PSW_MASK_DAT | PSW_MASK_EXT | PSW_MASK_PSTATE |
			  (a->psw_mask & passthrough) | per_guest_enter(vcpu) |
			  per_trace_enter(vcpu);
	a->ctx.psw_addr = a->psw_addr;
	guest_enter(&a->ctx);
	a->psw_mask = (a->psw_mask & ~passthrough) | (a->ctx.psw_mask & passthrough);
	a->psw_addr = a->ctx.psw_addr;
	return handle_exit(vcpu);
}

const struct guest_backend backend_problem_state = {
	.name = "problem state (privileged instructions emulated)",
	.slice_start = pstate_slice_start,
	.enter = pstate_enter,
};
