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
	char err[120];
	struct trace_config cfg;
	if (!trace_config_parse(vm_config_get(&vm->cfg, "trace"), &cfg, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return false;
	}
	bool step = cfg.mode != TRACE_OFF || vm->arch.breaks.count;
	if (step)
		vm->arch.intercepts.exceptions |= 1u << X86_DB;
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
		vm->vcpus[i].arch.trace = (struct trace_state){ .cfg = cfg, .active = step };
	return true;
}

static void print_entry(const char *name, uint64_t n, const struct trace_entry *e)
{
	printf("testvisor: %s trace %lu: rip %016lx insn", name, (unsigned long)n, (unsigned long)e->rip);
	for (unsigned i = 0; i < e->len; i++)
		printf(" %02x", e->bytes[i]);
	printf("\n");
}

static void record(struct vcpu *vcpu, struct trace_state *t)
{
	if (t->cfg.mode == TRACE_OFF ||
	    (t->cfg.mode == TRACE_PRINT && t->steps >= t->cfg.count)) /* stepping for break= */
		return;
	t->steps++;
	if (t->cfg.mode == TRACE_PRINT) {
		print_entry(vcpu->vm->cfg.name, t->steps, &t->last);
		if (t->steps >= t->cfg.count && !vcpu->vm->arch.breaks.count)
			t->active = false;
		return;
	}
	if (!t->ring) {
		size_t pages = (t->cfg.count * sizeof(struct trace_entry) + 4095) / 4096;
		paddr_t pa = hv_alloc_pages(pages, 1);
		if (!pa_addr(pa)) {
			t->active = false;
			return;
		}
		t->ring = ptr_from_pa(pa);
	}
	t->ring[t->ring_next] = t->last;
	t->ring_next = (t->ring_next + 1) % t->cfg.count;
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
	t->last = (struct trace_entry){ .rip = s->rip, .len = TRACE_INSN_BYTES };
	struct x86_insn insn;
	int len = svm_decode_current(vcpu, &insn); /* undecodable: all 15 bytes shown */
	if (!svm_read_guest_virt(vcpu, s->rip, t->last.bytes, TRACE_INSN_BYTES))
		t->last.len = 0;
	else if (len > 0)
		t->last.len = (uint8_t)len;
	if (svm_break_check(vcpu))
		return false; /* t->last is the instruction it stopped at */
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
		.dr6 = s->dr6, .dr6_before = t->dr6_before, .host_tf = t->host_tf,
		.insn_sets_flags = trace_insn_loads_rflags(t->last.bytes, t->last.len),
		.tf_after = (s->rflags & RFLAGS_TF) != 0,
	};
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

/* A failed guest (stopped, unexpected failures, or a non-zero exit status other than
 * 77, "all skipped") gets its last instructions printed. */
void svm_trace_finish(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct trace_state *t = &vm->vcpus[i].arch.trace;
		if (!t->ring)
			continue;
		bool failed = vm->state == VM_FAILED || vm->results.failed ||
			      (vm->state == VM_EXITED && vm->exit_status != 0 && vm->exit_status != 77);
		if (failed) {
			uint32_t n = t->steps < t->cfg.count ? (uint32_t)t->steps : t->cfg.count;
			printf("testvisor: %s vCPU %u: the last %u instructions before the failure:\n",
			       vm->cfg.name, i, n);
			for (uint32_t k = 0; k < n; k++) {
				uint32_t at = (t->ring_next + t->cfg.count - n + k) % t->cfg.count;
				print_entry(vm->cfg.name, t->steps - n + k + 1, &t->ring[at]);
			}
			if (vm->state == VM_FAILED) /* the one it was stopped at, not completed */
				print_entry(vm->cfg.name, t->steps + 1, &t->last);
		}
		size_t pages = (t->cfg.count * sizeof(struct trace_entry) + 4095) / 4096;
		hv_free_pages(pa_from_ptr(t->ring), pages);
		t->ring = NULL;
	}
}
