/* The emulated backend's SEV-ES/SNP CPU around a #VMEXIT. QEMU's TCG has no SEV-ES, so its
 * intercepts arrive at testvisor as for any guest; this is what the real CPU would have
 * done with them before (or instead of) exiting:
 *  - VMGEXIT (REP VMMCALL) is an automatic exit with code 0x403, RIP already past it;
 *  - the MSRs the CPU keeps in the VMSA (GHCB, SEV_STATUS, EFER, PAT; GUEST_TSC_FREQ reads
 *    and RDTSC(P) of a Secure TSC guest) are the CPU's own: no exit on hardware;
 *  - a nested page fault is #VC (error code 0x400) only when EXITINFO1 has RSVD: the
 *    reserved-bit NPT entries testvisor gives an SEV-ES guest's device pages (svm/vm.c);
 *    any other NPF is automatic (sev_exit_kind.c);
 *  - any other intercept is automatic or not by the APM's list (sev_exit_kind.c): an
 *    automatic one reaches the hypervisor with the registers sealed, a non-automatic one
 *    is a #VC in the guest with the exit code as error code and RIP on the instruction.
 * The registers of a sealed vCPU are zeroed in gprs and the VMCB (RFLAGS reads 2), so an
 * exit handler that reads them (the way a plain guest's exits are answered) answers wrong
 * instead of right by accident. What the CPU does show of RFLAGS is IF, as the VMCB's
 * GUEST_INTERRUPT_MASK (offset 0x68 bit 1), which the hypervisor needs to inject
 * interrupts. docs/x86-sev.md, "GHCB protocol and #VC" and "Interrupts". */
#include <hv/vm.h>
#include <string.h>
#include <trap_frame.h>
#include <stdio.h>
#include <x86/idt_delivery.h>
#include <x86/sev.h>
#include <x86/sev_exit_kind.h>
#include <x86/svm.h>

#define RFLAGS_RESET 0x2ull /* bit 1 is always set */

static bool modelled(const struct vcpu *vcpu)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	return sev_active(s) && !s->hardware && !sev_switch_on(s->switches, SEV_SW_NAE_DIRECT);
}

/* MSRs an SEV-ES guest reaches without an intercept: the GHCB MSR and SEV_STATUS live in
 * the VMSA (APM vol. 2 §15.35), and KVM leaves EFER and PAT unintercepted for SEV-ES
 * guests (sev_es_init_vmcb; an EFER write is then a trap, which testvisor does not
 * enable). GUEST_TSC_FREQ reads are the CPU's for a Secure TSC guest (Linux
 * __vc_handle_secure_tsc_msrs: a read that raises #VC means a broken hypervisor); its
 * writes stay intercepted, as KVM intercepts them. */
static bool cpu_owns_msr(const struct sev_vm *s, uint32_t msr, bool write)
{
	static const uint32_t vmsa_msrs[] = { MSR_SEV_GHCB, MSR_SEV_STATUS, MSR_EFER, MSR_PAT };
	for (unsigned i = 0; i < sizeof(vmsa_msrs) / sizeof(vmsa_msrs[0]); i++)
		if (vmsa_msrs[i] == msr)
			return true;
	return msr == MSR_GUEST_TSC_FREQ && !write && s->secure_tsc;
}

static bool cpu_owns_exit(const struct vcpu *vcpu, uint64_t code)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	const struct vmcb *v = vcpu->arch.vmcb;
	if (code == SVM_EXIT_MSR)
		return cpu_owns_msr(s, (uint32_t)vcpu->arch.gprs.rcx, v->control.exit_info1 != 0);
	if (code == SVM_EXIT_RDTSC || code == SVM_EXIT_RDTSCP)
		return s->secure_tsc; /* the TSC from the VMSA's scale and offset */
	return false;
}

/* GUEST_INTERRUPT_MASK: the guest's RFLAGS.IF, written by the CPU at each #VMEXIT of an
 * SEV-ES guest (KVM svm_interrupt_blocked: "SEV-ES guests do not expose RFLAGS"). */
static void publish_if(struct vmcb *v)
{
	v->control.interrupt_shadow &= ~GUEST_INTERRUPT_MASK;
	if (v->save.rflags & RFLAGS_IF)
		v->control.interrupt_shadow |= GUEST_INTERRUPT_MASK;
}

static void seal(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	a->sev_es_vmsa.gprs = a->gprs;
	a->sev_es_vmsa.rax = a->vmcb->save.rax;
	a->sev_es_vmsa.rflags = a->vmcb->save.rflags;
	a->sev_es_vmsa.sealed = true;
	memset(&a->gprs, 0, sizeof(a->gprs));
	a->vmcb->save.rax = 0;
	a->vmcb->save.rflags = RFLAGS_RESET;
}

void sev_es_unseal(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!a->sev_es_vmsa.sealed)
		return;
	a->gprs = a->sev_es_vmsa.gprs;
	a->vmcb->save.rax = a->sev_es_vmsa.rax;
	a->vmcb->save.rflags = a->sev_es_vmsa.rflags;
	a->sev_es_vmsa.sealed = false;
}

/* #VC with the exit code as error code, delivered through the guest's IDT. */
static bool raise_vc(struct vcpu *vcpu, uint64_t code)
{
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	struct idt_delivery_in in = {
		.rip = s->rip, .rsp = s->rsp, .rflags = s->rflags, .error_code = code,
		.cs = s->cs.selector, .ss = s->ss.selector, .cpl = s->cpl,
	};
	struct idt_delivery_out out;
	const char *why = NULL;
	if (!(s->efer & EFER_LMA) || !(s->cs.attrib & (1u << 9)))
		why = "the guest is not in 64-bit mode (not modelled)";
	else if (s->idtr.limit < X86_VC * 16 + 15)
		why = "the IDT has no entry for it";
	else if (!svm_read_guest_virt(vcpu, s->idtr.base + X86_VC * 16, in.gate, sizeof(in.gate)))
		why = "its IDT entry cannot be read";
	if (!why)
		why = idt_deliver64(&in, &out);
	if (!why && out.cs != s->cs.selector)
		why = "the IDT gate names another code segment (not modelled)";
	if (!why && !svm_write_guest_virt(vcpu, out.frame_gva, out.frame, sizeof(out.frame)))
		why = "its stack is not mapped";
	if (why) {
		vm_fail(vcpu->vm, "SEV-ES: #VC for exit %#lx at RIP %#lx cannot be delivered: %s",
			(unsigned long)code, (unsigned long)s->rip, why);
		return false;
	}
	s->rip = out.rip;
	s->rsp = out.rsp;
	s->rflags = out.rflags;
	publish_if(vcpu->arch.vmcb); /* the #VC's interrupt gate cleared IF */
	return true;
}

enum sev_es_exit sev_es_cpu_exit(struct vcpu *vcpu)
{
	if (!modelled(vcpu))
		return SEV_ES_PLAIN;
	struct vmcb *v = vcpu->arch.vmcb;
	uint64_t code = v->control.exit_code;
	publish_if(v);
	if (code == SVM_EXIT_VMMCALL && svm_is_vmgexit(vcpu)) {
		if (!svm_skip_instruction(vcpu))
			return SEV_ES_STOP;
		v->control.exit_code = SVM_EXIT_VMGEXIT;
		seal(vcpu);
		return SEV_ES_AUTOMATIC;
	}
	if (cpu_owns_exit(vcpu, code))
		return SEV_ES_PLAIN;
	if (code == SVM_EXIT_EXCP_BASE + X86_UD) {
		enum sev_es_exit e = sev_rmp_cpu_insn(vcpu);
		if (e != SEV_ES_AUTOMATIC)
			return e;
	}
	if (code == SVM_EXIT_NPF && !sev_npf_is_automatic(v->control.exit_info1))
		return raise_vc(vcpu, code) ? SEV_ES_VC : SEV_ES_STOP;
	if (sev_exit_is_automatic(code)) {
		seal(vcpu);
		return SEV_ES_AUTOMATIC;
	}
	if (!raise_vc(vcpu, code))
		return SEV_ES_STOP;
	return SEV_ES_VC;
}
