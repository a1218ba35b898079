/* Tracing a guest (x86/debug_trace.h): TF set by testvisor before VMRUN, the #DB
 * intercept, the step log or ring. */
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <cpu.h>
#include <trap_frame.h>
#include <x86/debug_trace.h>
#include <x86/insn.h>
#include <x86/svm.h>

#define RFLAGS_TF (1ull << 8)
#define DR6_BD (1ull << 13)
#define DR7_GD (1ull << 13)

bool svm_trace_configure(struct vm *vm)
{
	if (!trace_log_configure(vm, "rip", TRACE_INSN_BYTES))
		return false;
	bool step = vm->vcpus[0].trace.cfg.mode != TRACE_OFF || vm->arch.breaks.count;
	/* Faults too: one the CPU delivered inside the guest during a step would push
	 * testvisor's TF into the guest's exception frame, and the handler's IRET would then
	 * hand it to the guest as its own (an unexpected #DB in the guest). Intercepted, they
	 * are given back through EVENTINJ with testvisor's TF taken off first. */
	if (step)
		vm->arch.intercepts.exceptions |= 1u << X86_DB | TRACE_REFLECTED_FAULTS;
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
		vm->vcpus[i].arch.trace = (struct trace_state){ .active = step };
	return true;
}

static void record(struct vcpu *vcpu, struct trace_state *t)
{
	trace_log_record(vcpu, &vcpu->trace.next);
	/* trace=N is done: stop stepping unless break= still needs it. */
	if (!trace_log_recording(&vcpu->trace) && vcpu->trace.cfg.mode == TRACE_PRINT &&
	    !vcpu->vm->arch.breaks.count)
		t->active = false;
}

/* The instruction about to run (stopping at a break address), and TF for it. */
bool svm_trace_before_run(struct vcpu *vcpu)
{
	struct trace_state *t = &vcpu->arch.trace;
	if (!t->active)
		return true;
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	/* An event being injected pushes RFLAGS into the guest's frame: no TF of testvisor's
	 * may go with it (the guest's IRET would later hand it back as the guest's). */
	if (vcpu->arch.vmcb->control.event_inj & EVENT_VALID) {
		if (t->host_tf)
			s->rflags &= ~RFLAGS_TF;
		t->host_tf = false;
		t->dr6_before = s->dr6;
		return true;
	}
	struct trace_entry *next = &vcpu->trace.next;
	*next = (struct trace_entry){ .pc = s->rip, .len = TRACE_INSN_MAX };
	vcpu->trace.next_valid = true;
	struct x86_insn insn;
	int len = svm_decode_current(vcpu, &insn); /* undecodable: all 15 bytes shown */
	if (!svm_read_guest_virt(vcpu, s->rip, next->bytes, TRACE_INSN_MAX))
		next->len = 0;
	else if (len > 0)
		next->len = (uint8_t)len;
	if (svm_break_check(vcpu))
		return false; /* `next` is the instruction it stopped at */
	/* TF still set by testvisor for an instruction that exited before completing (no
	 * #DB consumed it) is not the guest's. */
	bool guest_tf = (s->rflags & RFLAGS_TF) && !t->host_tf;
	t->host_tf = !guest_tf;
	s->rflags |= RFLAGS_TF;
	t->dr6_before = s->dr6;
	return true;
}

int svm_trace_db_exit(struct vcpu *vcpu, struct vmcb *v)
{
	struct trace_state *t = &vcpu->arch.trace;
	struct vmcb_save *s = &v->save;
	struct trace_db_in in = {
		.dr6 = s->dr6, .dr6_before = t->dr6_before, .dr7 = s->dr7, .host_tf = t->host_tf,
		.insn_sets_flags = trace_insn_loads_rflags(vcpu->trace.next.bytes, vcpu->trace.next.len),
		.tf_after = (s->rflags & RFLAGS_TF) != 0,
	};
	unsigned gpr;
	if (trace_insn_writes_dr6(vcpu->trace.next.bytes, vcpu->trace.next.len, &gpr)) {
		in.insn_writes_dr6 = true;
		in.dr6_written = svm_gpr_get(vcpu, gpr);
	}
	struct trace_db_out out = trace_db_decide(&in);
	if (out.host_step)
		record(vcpu, t);
	s->dr6 = out.guest_dr6;
	s->rflags = out.guest_tf ? (s->rflags | RFLAGS_TF) : (s->rflags & ~RFLAGS_TF);
	t->host_tf = false;
	if (out.inject) {
		/* DR7.GD is cleared when a BD #DB is delivered (SDM 18.2.4); an injected one is
		 * delivered by the injection, as KVM's kvm_deliver_exception_payload does. */
		if (out.guest_dr6 & DR6_BD)
			s->dr7 &= ~DR7_GD;
		svm_inject_exception(vcpu, X86_DB, false, 0);
	}
	return 0;
}

bool svm_trace_owes_step(struct vcpu *vcpu)
{
	struct trace_state *t = &vcpu->arch.trace;
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	bool tf = (s->rflags & RFLAGS_TF) != 0;
	bool host_tf = t->active && t->host_tf;
	if (host_tf) {
		record(vcpu, t);
		s->rflags &= ~RFLAGS_TF; /* the guest's TF was clear (host_tf) */
		t->host_tf = false;
	}
	return trace_emulated_step_owed(tf, host_tf);
}
