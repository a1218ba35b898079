/* Guest exits, dispatched through tables keyed by scause: one for exceptions, one for
 * interrupts. A handler returns EXIT_RESUME to re-enter the guest at once, EXIT_TO_CORE to
 * go back to the core's run loop (the VM ended, the vCPU waits, or a tick came). */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <rv_host.h>
#include <rv_insn.h>
#include <rv_debug.h>
#include <rv_virt.h>

typedef enum exit_action (*exit_handler_t)(struct vcpu *vcpu);

struct exit_entry {
	const char *name;
	exit_handler_t handler;
};

static enum exit_action exit_ecall(struct vcpu *vcpu)
{
	return rv_handle_sbi(vcpu);
}

/* WFI of a guest with several vCPUs (hstatus.VTW): the vCPU waits off the hart until one
 * of its enabled interrupts is pending, so the others run meanwhile. */
static enum exit_action guest_wfi(struct vcpu *vcpu)
{
	vcpu->arch.sw.guest.pc += 4;
	vcpu->state = VCPU_WAITING;
	return EXIT_TO_CORE;
}

/* The guest did something only the hypervisor may (hypervisor instructions, a CSR the
 * hart virtualizes, e.g. ssp with henvcfg.SSE off): to the guest it is illegal. */
static enum exit_action exit_virtual_insn(struct vcpu *vcpu)
{
	uint32_t insn = (uint32_t)vcpu->arch.sw.exit.stval;
	if (!insn && !rv_fetch_insn(vcpu, &insn))
		insn = 0;
	switch (rv_classify_virtual_insn(insn)) {
	case RV_VIRT_WFI:
		return guest_wfi(vcpu);
	case RV_VIRT_WRS:
		/* Waiting for a store to a reservation set another vCPU holds: let it run.
		 * WRS may complete at any time (Zawrs), so the guest just goes on after it. */
		vcpu->arch.sw.guest.pc += 4;
		return EXIT_TO_CORE;
	case RV_VIRT_ILLEGAL:
		break;
	}
	rv_inject_exception(vcpu, EXC_ILLEGAL_INST, vcpu->arch.sw.exit.stval);
	return EXIT_RESUME;
}

static enum exit_action exit_guest_page_fault(struct vcpu *vcpu)
{
	return rv_handle_guest_page_fault(vcpu);
}

static enum exit_action exit_misaligned(struct vcpu *vcpu)
{
	return rv_handle_misaligned(vcpu);
}

/* A trap testvisor never expects from a guest (it delegates them): reflect it as is. */
static enum exit_action exit_reflect(struct vcpu *vcpu)
{
	rv_inject_exception(vcpu, vcpu->arch.sw.exit.scause, vcpu->arch.sw.exit.stval);
	return EXIT_RESUME;
}

/* Delegated to the guest unless it has break addresses (debug_break.c). */
static enum exit_action exit_breakpoint(struct vcpu *vcpu)
{
	if (!vcpu->vm->arch.breaks.count)
		return exit_reflect(vcpu);
	return rv_break_exit(vcpu);
}

static const struct exit_entry exception_table[EXC_COUNT] = {
	[EXC_INST_MISALIGNED] = { "instruction address misaligned", exit_reflect },
	[EXC_INST_ACCESS] = { "instruction access fault", exit_reflect },
	[EXC_ILLEGAL_INST] = { "illegal instruction", exit_reflect },
	[EXC_BREAKPOINT] = { "breakpoint", exit_breakpoint },
	[EXC_LOAD_MISALIGNED] = { "load address misaligned", exit_misaligned },
	[EXC_LOAD_ACCESS] = { "load access fault", exit_reflect },
	[EXC_STORE_MISALIGNED] = { "store/AMO address misaligned", exit_misaligned },
	[EXC_STORE_ACCESS] = { "store/AMO access fault", exit_reflect },
	[EXC_ECALL_U] = { "ecall from VU-mode", exit_reflect },
	[EXC_ECALL_VS] = { "ecall from VS-mode (SBI)", exit_ecall },
	[EXC_INST_PAGE_FAULT] = { "instruction page fault", exit_reflect },
	[EXC_LOAD_PAGE_FAULT] = { "load page fault", exit_reflect },
	[EXC_STORE_PAGE_FAULT] = { "store/AMO page fault", exit_reflect },
	[EXC_SOFTWARE_CHECK] = { "software check", exit_reflect },
	[EXC_INST_GUEST_PAGE_FAULT] = { "instruction guest-page fault", exit_guest_page_fault },
	[EXC_LOAD_GUEST_PAGE_FAULT] = { "load guest-page fault", exit_guest_page_fault },
	[EXC_VIRTUAL_INST] = { "virtual instruction", exit_virtual_insn },
	[EXC_STORE_GUEST_PAGE_FAULT] = { "store/AMO guest-page fault", exit_guest_page_fault },
};

/* testvisor's tick: without Sstc it also stands in for the guest's timer. */
static enum exit_action irq_host_timer(struct vcpu *vcpu)
{
	rv_host_timer_set(UINT64_MAX);
	if (vcpu->arch.guest_timer <= arch_cycles()) {
		vcpu->arch.guest_timer = UINT64_MAX;
		rv_vcpu_set_hvip(vcpu, HVIP_VSTIP, 0);
	}
	return EXIT_TO_CORE;
}

/* Another interrupt for testvisor (none is enabled): go back to the core, which
 * re-enters; the guest loses nothing. */
static enum exit_action irq_other(struct vcpu *vcpu)
{
	return EXIT_TO_CORE;
}

static const struct exit_entry interrupt_table[IRQ_COUNT] = {
	[IRQ_S_SOFT] = { "supervisor software interrupt", irq_other },
	[IRQ_S_TIMER] = { "timer tick", irq_host_timer },
	[IRQ_S_EXT] = { "supervisor external interrupt", irq_other },
};

enum exit_action rv_handle_exit(struct vcpu *vcpu)
{
	uint64_t scause = vcpu->arch.sw.exit.scause;
	uint64_t code = scause & ~CAUSE_INTERRUPT;
	bool irq = scause & CAUSE_INTERRUPT;
	const struct exit_entry *e = NULL;
	if (irq && code < IRQ_COUNT)
		e = &interrupt_table[code];
	else if (!irq && code < EXC_COUNT)
		e = &exception_table[code];
	if (!e || !e->handler) {
		vcpu->last_exit = "unknown trap";
		vm_fail(vcpu->vm, "unexpected trap from the guest: scause 0x%lx stval 0x%lx at pc 0x%lx",
			(unsigned long)scause, (unsigned long)vcpu->arch.sw.exit.stval,
			(unsigned long)vcpu->arch.sw.guest.pc);
		return EXIT_TO_CORE;
	}
	vcpu->last_exit = e->name;
	if (!irq && e->handler != exit_ecall) {
		vcpu->arch.sw.exit.htval = csr_read(htval);
		vcpu->arch.sw.exit.htinst = csr_read(htinst);
	}
	if (e->handler(vcpu) != EXIT_RESUME || !vm_running(vcpu->vm) || vcpu->state != VCPU_RUNNABLE)
		return EXIT_TO_CORE;
	return EXIT_RESUME;
}
