/* The step log of trace= (hv/trace_log.h). */
#include <stdio.h>
#include <string.h>
#include <hv/hv.h>
#include <hv/trace_log.h>
#include <hv/vm.h>

bool trace_log_configure(struct vm *vm, const char *pc_name, enum trace_insn_form form)
{
	char err[120];
	struct trace_config cfg;
	if (!trace_config_parse(vm_config_get(&vm->cfg, "trace"), &cfg, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return false;
	}
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
		vm->vcpus[i].trace = (struct trace_log){ .cfg = cfg, .pc_name = pc_name, .form = form };
	return true;
}

bool trace_log_recording(const struct trace_log *t)
{
	return t->cfg.mode == TRACE_RING || (t->cfg.mode == TRACE_PRINT && t->steps < t->cfg.count);
}

static void print_entry(const char *name, uint64_t n, const struct trace_log *t,
			const struct trace_entry *e)
{
	printf("testvisor: %s trace %lu: %s %016lx insn", name, (unsigned long)n, t->pc_name,
	       (unsigned long)e->pc);
	if (t->form == TRACE_INSN_WORD32 && e->len == 4)
		printf(" %08x", (unsigned)e->bytes[0] | (unsigned)e->bytes[1] << 8 |
				(unsigned)e->bytes[2] << 16 | (unsigned)e->bytes[3] << 24);
	else
		for (unsigned i = 0; i < e->len; i++)
			printf(" %02x", e->bytes[i]);
	printf("\n");
}

static size_t ring_pages(uint32_t count)
{
	return (count * sizeof(struct trace_entry) + PAGE_SIZE - 1) / PAGE_SIZE;
}

void trace_log_record(struct vcpu *vcpu, const struct trace_entry *e)
{
	struct trace_log *t = &vcpu->trace;
	if (!trace_log_recording(t))
		return;
	t->steps++;
	if (t->cfg.mode == TRACE_PRINT) {
		print_entry(vcpu->vm->cfg.name, t->steps, t, e);
		return;
	}
	if (!t->ring) {
		paddr_t pa = hv_alloc_pages(ring_pages(t->cfg.count), 1);
		if (!pa_addr(pa))
			return; /* no memory: the report says how many steps it lacks */
		t->ring = ptr_from_pa(pa);
	}
	t->ring[t->ring_next] = *e;
	t->ring_next = (t->ring_next + 1) % t->cfg.count;
}

uint32_t trace_ring_slot(uint32_t next, uint32_t count, uint32_t n, uint32_t k)
{
	return (uint32_t)(((uint64_t)next + count - n + k) % count);
}

bool trace_guest_failed(const struct vm *vm)
{
	return vm->state == VM_FAILED || vm->results.failed ||
	       (vm->state == VM_EXITED && vm->exit_status != 0 && vm->exit_status != 77);
}

void trace_log_report(struct vm *vm, char *note, size_t notelen)
{
	note[0] = '\0';
	if (!trace_guest_failed(vm))
		return;
	unsigned sections = 0;
	uint32_t shown = 0;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct trace_log *t = &vm->vcpus[i].trace;
		if (!t->ring)
			continue;
		uint32_t n = t->steps < t->cfg.count ? (uint32_t)t->steps : t->cfg.count;
		printf("testvisor: --- trace %s vCPU %u: the last %u instructions before the failure ---\n",
		       vm->cfg.name, i, n);
		for (uint32_t k = 0; k < n; k++)
			print_entry(vm->cfg.name, t->steps - n + k + 1, t,
				    &t->ring[trace_ring_slot(t->ring_next, t->cfg.count, n, k)]);
		if (t->next_valid && vm->state == VM_FAILED) /* stopped at it: not completed */
			print_entry(vm->cfg.name, t->steps + 1, t, &t->next);
		sections++;
		shown = n;
	}
	if (sections == 1)
		snprintf(note, notelen, "trace: last %u steps above, section 'trace %s'", shown,
			 vm->cfg.name);
	else if (sections)
		snprintf(note, notelen, "trace: last steps of %u vCPUs above, sections 'trace %s'",
			 sections, vm->cfg.name);
}

void trace_log_free(struct vm *vm)
{
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++) {
		struct trace_log *t = &vm->vcpus[i].trace;
		if (t->ring)
			hv_free_pages(pa_from_ptr(t->ring), ring_pages(t->cfg.count));
		t->ring = NULL;
	}
}
