/* testvisor tracing its guest with PER (debug_per.h): an instruction-fetch event for
 * every instruction, over the whole address range, while the guest's own PER is off. */
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include "debug_per.h"
#include "s390_vcpu.h"

bool per_trace_configure(struct vm *vm)
{
	char err[120];
	if (!trace_config_parse(vm_config_get(&vm->cfg, "trace"), &vm->arch.trace, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return false;
	}
	return true;
}

/* Whether this instruction is one the trace records. */
static bool recording(const struct vcpu *vcpu)
{
	const struct trace_config *c = &vcpu->vm->arch.trace;
	return c->mode == TRACE_RING || (c->mode == TRACE_PRINT && vcpu->arch.trace.steps < c->count);
}

/* Whether testvisor steps the guest: to record it, or to stop it at a break address. */
static bool tracing(const struct vcpu *vcpu)
{
	return recording(vcpu) || vcpu->vm->arch.breaks.count;
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

static void print_entry(const char *name, uint64_t n, const struct per_trace_entry *e)
{
	printf("testvisor: %s trace %lu: address %016lx insn", name, (unsigned long)n,
	       (unsigned long)e->address);
	for (unsigned i = 0; i < e->len; i++)
		printf(" %02x", e->bytes[i]);
	printf("\n");
}

static size_t ring_pages(uint32_t count)
{
	return (count * sizeof(struct per_trace_entry) + 4095) / 4096;
}

void per_trace_claim(struct vcpu *vcpu, struct per_event *ev)
{
	struct per_trace *t = &vcpu->arch.trace;
	const struct trace_config *c = &vcpu->vm->arch.trace;
	if (!t->host_per || !ev->pending)
		return;
	ev->pending = false;
	if (vcpu->vm->arch.breaks.count) {
		per_break_event(vcpu, ev);
		return;
	}
	struct per_trace_entry e = { .address = ev->address, .len = (uint8_t)(ev->ilc ? ev->ilc : 2) };
	if (!guest_read(vcpu, e.address, e.bytes, e.len))
		e.len = 0;
	t->steps++;
	if (c->mode == TRACE_PRINT) {
		print_entry(vcpu->vm->cfg.name, t->steps, &e);
		return;
	}
	if (!t->ring) {
		paddr_t pa = hv_alloc_pages(ring_pages(c->count), 1);
		if (!pa_addr(pa))
			return;
		t->ring = ptr_from_pa(pa);
	}
	t->ring[t->ring_next] = e;
	t->ring_next = (t->ring_next + 1) % c->count;
}

/* A failed guest: stopped, unexpected failures, or an exit status other than 0 and 77. */
void per_trace_finish(struct vm *vm)
{
	const struct trace_config *c = &vm->arch.trace;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct per_trace *t = &vm->vcpus[i].arch.trace;
		if (!t->ring)
			continue;
		bool failed = vm->state == VM_FAILED || vm->results.failed ||
			      (vm->state == VM_EXITED && vm->exit_status != 0 && vm->exit_status != 77);
		if (failed) {
			uint32_t n = t->steps < c->count ? (uint32_t)t->steps : c->count;
			printf("testvisor: %s vCPU %u: the last %u instructions before the failure:\n",
			       vm->cfg.name, i, n);
			for (uint32_t k = 0; k < n; k++)
				print_entry(vm->cfg.name, t->steps - n + k + 1,
					    &t->ring[(t->ring_next + c->count - n + k) % c->count]);
		}
		hv_free_pages(pa_from_ptr(t->ring), ring_pages(c->count));
		t->ring = NULL;
	}
}
