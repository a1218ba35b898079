/* Break addresses (the `break` key, docs/debug.md) on the problem-state backend, with
 * testvisor's nullifying instruction-fetch PER (debug_per.h): the guest is stopped before
 * the instruction at a break address runs. */
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include "backend.h"
#include "debug_per.h"
#include "s390_vcpu.h"
#include "shadow_dat.h"

bool per_break_configure(struct vm *vm)
{
	char err[120];
	struct break_config *b = &vm->arch.breaks;
	if (!break_config_parse(vm_config_get(&vm->cfg, "break"), b, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return false;
	}
	if (!b->count)
		return true;
	/* SIE runs the guest without testvisor's PER: nothing would ever stop it. */
	if (vm->arch.backend != &backend_problem_state) {
		printf("testvisor: guest %s: break is not supported on the %s backend\n",
		       vm->cfg.name, vm->arch.backend->name);
		return false;
	}
	/* trace= needs an event after every instruction, break= one before: CR9 has one
	 * nullification bit for both. */
	if (vm->vcpus[0].trace.cfg.mode != TRACE_OFF) {
		printf("testvisor: guest %s: trace and break together are not supported on s390x\n",
		       vm->cfg.name);
		return false;
	}
	return true;
}

void per_break_enter(struct vcpu *vcpu)
{
	struct per_trace *t = &vcpu->arch.trace;
	struct per_range r = per_break_range(&vcpu->vm->arch.breaks, vcpu->arch.psw_mask & PSW_MASK_DAT,
					     t->break_skipping, t->break_skip);
	uint64_t regs[3] = { PER_CR9_IFETCH | PER_CR9_IFETCH_NULLIFY, r.start, r.end };
	asm volatile("lctlg 9,11,%0" : : "S"(regs) : "memory");
}

void per_break_event(struct vcpu *vcpu, const struct per_event *ev)
{
	struct vm *vm = vcpu->vm;
	struct arch_vcpu *a = &vcpu->arch;
	struct per_trace *t = &a->trace;
	bool dat = a->psw_mask & PSW_MASK_DAT;
	uint64_t real = ev->address;
	t->break_skipping = false;
	/* With the guest's DAT on, its tables give the real address. A failed walk leaves
	 * a TEID in the guest's lowcore that the instruction fetch, about to fault the same
	 * way, overwrites. */
	bool mapped = !dat || !guest_logical_to_real(vcpu, ev->address, ACCESS_INSN, &real);
	if (mapped && break_config_hit(&vm->arch.breaks, real)) {
		printf("testvisor: %s break at %#lx\n", vm->cfg.name, (unsigned long)real);
		vcpu->last_exit = "break";
		vm_fail(vm, "break at %#lx (vCPU %u, PSW address %#lx)", (unsigned long)real,
			vcpu->id, (unsigned long)a->psw_addr);
		return;
	}
	if (per_break_must_skip(&vm->arch.breaks, dat, ev->address)) {
		t->break_skipping = true;
		t->break_skip = ev->address;
	}
}
