/* break= on riscv64 (rv_debug.h, docs/debug.md): one mcontrol6 execute trigger per break
 * address, installed through the firmware's SBI DBTR extension (dbtr_fw.c), matching in
 * VS/VU mode only (testvisor's own code in HS never fires it). A hit is a breakpoint exception,
 * which hedeleg then keeps in HS: the guest's own EBREAKs come the same way and are given
 * back to it unchanged. */
#include <stdarg.h>
#include <stdio.h>
#include <hv/vm.h>
#include <riscv_csr.h>
#include <rv_dbtr.h>
#include <rv_debug.h>
#include <rv_virt.h>

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
	struct break_config *b = &vm->arch.breaks;
	if (!vm_break_configure(vm, b))
		return false;
	if (!b->count)
		return true;
	if (!rv_fw_dbtr_ready())
		return refuse(vm, "the firmware has no usable SBI DBTR extension (absent, no "
			      "mcontrol6 triggers, or set_shmem failed)");
	unsigned have = rv_fw_dbtr_count();
	if (have < b->count)
		return refuse(vm, "%u addresses need as many mcontrol6 triggers; the firmware's SBI "
			      "DBTR offers %u", b->count, have);
	for (unsigned i = 0; i < b->count; i++) {
		unsigned idx;
		long err = rv_fw_dbtr_install(rv_break_tdata1(), b->addr[i], &idx);
		if (err) {
			rv_break_release(vm);
			return refuse(vm, "SBI DBTR install_triggers failed for %#lx (%ld)",
				      (unsigned long)b->addr[i], err);
		}
		vm->arch.trigger_idx[i] = (uint8_t)idx;
		vm->arch.triggers = i + 1;
	}
	return true;
}

void rv_break_release(struct vm *vm)
{
	for (unsigned i = 0; i < vm->arch.triggers; i++)
		rv_fw_dbtr_uninstall(vm->arch.trigger_idx[i]);
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
