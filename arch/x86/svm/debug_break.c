/* Break addresses (x86/debug_trace.h, docs/debug.md): testvisor single-steps the guest
 * (debug_trace.c) and, before each entry, compares the guest-physical address of the
 * instruction about to run with the `break` list. Stepping rather than DR0-DR3 keeps the
 * guest's own debug registers entirely its own. */
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include <x86/debug_trace.h>
#include <x86/svm.h>
#include <x86/vmcb.h>

bool svm_break_configure(struct vm *vm)
{
	return vm_break_configure(vm, &vm->arch.breaks);
}

bool svm_break_check(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	uint64_t gpa;
	if (!vm->arch.breaks.count || !svm_code_gpa(vcpu, &gpa) ||
	    !break_config_hit(&vm->arch.breaks, gpa))
		return false;
	printf("testvisor: %s break at %#lx\n", vm->cfg.name, (unsigned long)gpa);
	vcpu->last_exit = "break";
	vm_fail(vm, "break at %#lx (vCPU %u, rip %#lx)", (unsigned long)gpa, vcpu->id,
		(unsigned long)vcpu->arch.vmcb->save.rip);
	return true;
}
