/* testvisor tracing its guest with PER (debug_per.h): an instruction-fetch event for
 * every instruction, over the whole address range, while the guest's own PER is off. The
 * log is the core's (hv/trace_log.h). */
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include "debug_per.h"
#include "s390_vcpu.h"

bool per_trace_configure(struct vm *vm)
{
	return trace_log_configure(vm, "address", TRACE_INSN_BYTES);
}

/* Whether testvisor steps the guest: to record it, or to stop it at a break address. */
static bool tracing(const struct vcpu *vcpu)
{
	return trace_log_recording(&vcpu->trace) || vcpu->vm->arch.breaks.count;
}

uint64_t per_trace_enter(struct vcpu *vcpu)
{
	struct per_trace *t = &vcpu->arch.trace;
	t->host_per = tracing(vcpu) && !(vcpu->arch.psw_mask & PSW_MASK_PER);
	if (!t->host_per)
		return 0;
	if (vcpu->vm->arch.breaks.count) {
		per_break_enter(vcpu);
		return PSW_MASK_PER;
	}
	uint64_t regs[3] = { PER_CR9_IFETCH, 0, ~0ULL };
	asm volatile("lctlg 9,11,%0" : : "S"(regs) : "memory");
	return PSW_MASK_PER;
}

void per_trace_claim(struct vcpu *vcpu, struct per_event *ev)
{
	struct per_trace *t = &vcpu->arch.trace;
	if (!t->host_per || !ev->pending)
		return;
	ev->pending = false;
	if (vcpu->vm->arch.breaks.count) {
		per_break_event(vcpu, ev);
		return;
	}
	struct trace_entry e = { .pc = ev->address, .len = (uint8_t)(ev->ilc ? ev->ilc : 2) };
	if (!guest_read(vcpu, e.pc, e.bytes, e.len))
		e.len = 0;
	trace_log_record(vcpu, &e);
}
