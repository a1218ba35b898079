/* Switching the guest's debug registers (x86/debug_regs.h): the table says which ones
 * VMRUN switches and which testvisor must. testvisor itself sets no breakpoint, so the
 * host value of DR0-DR3 is 0; after #VMEXIT the host's DR7 (reset value) is back, so a
 * guest's armed breakpoint cannot fire in testvisor, and its addresses do not reach the
 * next guest. */
#include <hv/vm.h>
#include <string.h>
#include <x86/debug_regs.h>
#include <x86/svm.h>

static uint64_t read_dr(unsigned n)
{
	uint64_t v = 0;
	switch (n) {
	case 0: __asm__ volatile("mov %%dr0, %0" : "=r"(v)); break;
	case 1: __asm__ volatile("mov %%dr1, %0" : "=r"(v)); break;
	case 2: __asm__ volatile("mov %%dr2, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("mov %%dr3, %0" : "=r"(v)); break;
	}
	return v;
}

static void write_dr(unsigned n, uint64_t v)
{
	switch (n) {
	case 0: __asm__ volatile("mov %0, %%dr0" ::"r"(v)); break;
	case 1: __asm__ volatile("mov %0, %%dr1" ::"r"(v)); break;
	case 2: __asm__ volatile("mov %0, %%dr2" ::"r"(v)); break;
	case 3: __asm__ volatile("mov %0, %%dr3" ::"r"(v)); break;
	}
}

void svm_debug_init(struct vcpu *vcpu)
{
	uint8_t *vmcb = (uint8_t *)vcpu->arch.vmcb;
	for (unsigned i = 0; i < x86_debug_reg_count; i++) {
		const struct x86_debug_reg *r = &x86_debug_regs[i];
		if (r->home == X86_DR_IN_VMCB)
			memcpy(vmcb + r->vmcb_offset, &r->reset, sizeof(r->reset));
		else if (r->number < X86_DR_COUNT)
			vcpu->arch.drs.dr[r->number] = r->reset;
	}
}

void svm_debug_enter(struct vcpu *vcpu)
{
	for (unsigned i = 0; i < x86_debug_reg_count; i++) {
		unsigned n = x86_debug_regs[i].number;
		if (x86_debug_regs[i].home == X86_DR_SWITCHED && n < X86_DR_COUNT)
			write_dr(n, vcpu->arch.drs.dr[n]);
	}
}

void svm_debug_leave(struct vcpu *vcpu)
{
	for (unsigned i = 0; i < x86_debug_reg_count; i++) {
		unsigned n = x86_debug_regs[i].number;
		if (x86_debug_regs[i].home != X86_DR_SWITCHED || n >= X86_DR_COUNT)
			continue;
		vcpu->arch.drs.dr[n] = read_dr(n);
		write_dr(n, 0);
	}
}
