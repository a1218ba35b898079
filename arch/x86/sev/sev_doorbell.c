/* Restricted Injection: the #HV doorbell page a vCPU registers through the GHCB, and the
 * posting of its interrupts and NMIs there with #HV as the signal (x86/hv_doorbell.h).
 * testvisor posts an interrupt only when the guest can take the signal at once (IF set,
 * no interrupt shadow, no other event being injected; an NMI whatever IF says): a **model convention** of testvisor as the
 * hypervisor (KVM's series signals regardless; a guest defers what arrives with IF clear,
 * as Linux's check_hv_pending does), so that a payload's #HV never interrupts its own
 * GHCB use. */
#include <hv/vm.h>
#include <x86/hv_doorbell.h>
#include <x86/sev.h>
#include <x86/sev_nae.h>
#include <x86/svm.h>

bool nae_hv_doorbell(struct nae *n)
{
	struct vcpu *vcpu = n->vcpu;
	struct sev_vm *s = &vcpu->vm->arch.sev;
	if (s->type != SEV_GUEST_SNP)
		return nae_refuse_snp_only(n);
	uint64_t gpa = nae_in(n, GHCB_F_EXIT_INFO2), info2 = 0;
	/* The hypervisor cannot use a private page (KVM maps it; SVSM shares it first). */
	bool page_ok = gpa < vcpu->vm->ram_size && sev_page_shared(s, gpa);
	struct sev_vcpu *sv = &vcpu->arch.sev;
	uint64_t registered = sv->hvdb_set ? sv->hvdb_gpa : HVDB_NONE;
	enum ghcb_error e = hvdb_nae(nae_in(n, GHCB_F_EXIT_INFO1), gpa, page_ok, &registered, &info2);
	sv->hvdb_set = registered != HVDB_NONE;
	sv->hvdb_gpa = registered;
	if (e != GHCB_OK)
		ghcb_fields_error(&n->out, e);
	else
		n->out.value[GHCB_F_EXIT_INFO2] = info2;
	return true;
}

static bool doorbell_read(struct vcpu *vcpu, uint8_t db[HVDB_BYTES])
{
	return vcpu->arch.sev.hvdb_set &&
	       vm_read(vcpu->vm, ipa_init(vcpu->arch.sev.hvdb_gpa), db, HVDB_BYTES);
}

bool sev_doorbell_free(struct vcpu *vcpu)
{
	uint8_t db[HVDB_BYTES];
	return doorbell_read(vcpu, db) && db[HVDB_OFF_VECTOR] == 0;
}

bool sev_doorbell_post(struct vcpu *vcpu, int vector)
{
	struct vmcb *v = vcpu->arch.vmcb;
	uint8_t db[HVDB_BYTES];
	bool maskable = vector >= 0; /* an NMI's #HV waits for no IF */
	if ((v->control.event_inj & EVENT_VALID) || (maskable && !svm_guest_if(vcpu)) ||
	    (v->control.interrupt_shadow & INTERRUPT_SHADOW) || !doorbell_read(vcpu, db))
		return false;
	enum hvdb_post p = vector < 0 ? hvdb_post_nmi(db) : hvdb_post_irq(db, (uint8_t)vector);
	if (p == HVDB_BUSY || !vm_write(vcpu->vm, ipa_init(vcpu->arch.sev.hvdb_gpa), db, HVDB_BYTES))
		return false;
	if (p == HVDB_POSTED_SIGNAL)
		v->control.event_inj = EVENT_VALID | EVENT_TYPE_EXCEPTION | HV_VECTOR;
	return true;
}
