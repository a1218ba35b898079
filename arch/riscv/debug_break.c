/* break= on riscv64 (rv_debug.h, docs/debug.md): one mcontrol6 execute trigger per break
 * address, installed through the firmware's SBI DBTR extension, matching in VS/VU mode
 * only (testvisor's own code in HS never fires it). A hit is a breakpoint exception,
 * which hedeleg then keeps in HS: the guest's own EBREAKs come the same way and are given
 * back to it unchanged. */
#include <stdarg.h>
#include <stdio.h>
#include <hv/vm.h>
#include <riscv_csr.h>
#include <rv_debug.h>
#include <rv_host.h>
#include <rv_virt.h>
#include <sbi_defs.h>

/* One DBTR shared-memory entry per trigger (SBI 2.0 "Debug Triggers Extension": tstate,
 * tdata1, tdata2, tdata3, XLEN each; on return the first word is the trigger's index). */
struct dbtr_entry {
	uint64_t tstate, tdata1, tdata2, tdata3;
};
static struct dbtr_entry shmem[BREAK_MAX] __attribute__((aligned(64)));
static bool shmem_set;

static bool refuse(struct vm *vm, const char *fmt, ...)
{
	char why[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("testvisor: guest %s: break: %s (docs/debug.md)\n", vm->cfg.name, why);
	return false;
}

bool rv_break_configure(struct vm *vm)
{
	char err[120];
	struct break_config *b = &vm->arch.breaks;
	if (!break_config_parse(vm_config_get(&vm->cfg, "break"), b, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return false;
	}
	if (!b->count)
		return true;
	struct rv_sbiret r = rv_sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBTR, 0, 0);
	if (r.error || !r.value)
		return refuse(vm, "the firmware has no SBI DBTR extension");
	r = rv_sbi_call(SBI_EXT_DBTR, DBTR_NUM_TRIGGERS, MC6_TYPE << MC6_TYPE_SHIFT, 0, 0);
	if (r.error || (unsigned long)r.value < b->count)
		return refuse(vm, "%u addresses need as many mcontrol6 triggers; the firmware's SBI "
			      "DBTR offers %ld", b->count, r.error ? 0 : r.value);
	if (!shmem_set) {
		r = rv_sbi_call(SBI_EXT_DBTR, DBTR_SET_SHMEM, (unsigned long)shmem, 0, 0);
		if (r.error)
			return refuse(vm, "SBI DBTR set_shmem failed (%ld)", r.error);
		shmem_set = true;
	}
	/* One trigger per call: OpenSBI 1.5 fails a call installing two (measured on QEMU 10:
	 * SBI_ERR_FAILED, value 1) while two calls of one each succeed. */
	for (unsigned i = 0; i < b->count; i++) {
		shmem[0] = (struct dbtr_entry){ 0, rv_break_tdata1(), b->addr[i], 0 };
		r = rv_sbi_call(SBI_EXT_DBTR, DBTR_INSTALL_TRIGGERS, 1, 0, 0);
		if (r.error) {
			rv_break_release(vm);
			return refuse(vm, "SBI DBTR install_triggers failed for %#lx (%ld, %ld)",
				      (unsigned long)b->addr[i], r.error, r.value);
		}
		vm->arch.trigger_idx[i] = (uint8_t)shmem[0].tstate;
		vm->arch.triggers = i + 1;
	}
	return true;
}

void rv_break_release(struct vm *vm)
{
	for (unsigned i = 0; i < vm->arch.triggers; i++)
		rv_sbi_call(SBI_EXT_DBTR, DBTR_UNINSTALL, vm->arch.trigger_idx[i], 1, 0);
	vm->arch.triggers = 0;
}

/* A breakpoint exception (hedeleg keeps it in HS only for a VM with break addresses). */
enum exit_action rv_break_exit(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	uint64_t pc = vcpu->arch.sw.guest.pc;
	bool bare = (csr_read(vsatp) >> 60) == 0;
	switch (rv_break_classify(&vm->arch.breaks, pc, bare)) {
	case RV_BREAK_GUEST:
		rv_inject_exception(vcpu, vcpu->arch.sw.exit.scause, vcpu->arch.sw.exit.stval);
		return EXIT_RESUME;
	case RV_BREAK_STOP:
		printf("testvisor: %s break at %#lx\n", vm->cfg.name, (unsigned long)pc);
		vcpu->last_exit = "break";
		vm_fail(vm, "break at %#lx (vCPU %u, pc %#lx)", (unsigned long)pc, vcpu->id,
			(unsigned long)pc);
		return EXIT_TO_CORE;
	default:
		vm_fail(vm, "break at virtual pc %#lx with the guest's paging on (vsatp %#lx): the "
			"trigger compares virtual addresses, break= physical ones: not supported on "
			"riscv64", (unsigned long)pc, (unsigned long)csr_read(vsatp));
		return EXIT_TO_CORE;
	}
}
