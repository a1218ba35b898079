/* VMGEXIT with a GHCB page: the hypervisor's side of the GHCB specification's
 * non-automatic events. Each handler sees only the fields the guest put into its GHCB
 * (and marked valid) and answers only through the GHCB: an SEV-ES vCPU's registers are
 * sealed while testvisor runs (sev_es_cpu.c). Checking a request and writing the answer
 * is x86/ghcb_page.h; docs/x86-sev.md "GHCB protocol and #VC" lists each rule's source. */
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <cpu.h>
#include <x86/ghcb_msr.h>
#include <x86/ghcb_page.h>
#include <x86/msr_view.h>
#include <x86/sev.h>
#include <x86/sev_nae.h>
#include <x86/sev_policy.h>
#include <x86/svm.h>

#define IOIO_PORT_SHIFT 16
#define IOIO_SIZE_SHIFT 4 /* one-hot 8/16/32-bit in bits 4-6 */
#define EVENT_EXCEPTION_GP (13u | 3u << 8 | 1u << 31) /* EVENTINJ: #GP, exception, valid */


static bool nae_cpuid(struct nae *n)
{
	struct cpuid_regs r = svm_guest_cpuid(n->vcpu, (uint32_t)nae_in(n, GHCB_F_RAX), (uint32_t)nae_in(n, GHCB_F_RCX));
	nae_out(n, GHCB_F_RAX, r.eax);
	nae_out(n, GHCB_F_RBX, r.ebx);
	nae_out(n, GHCB_F_RCX, r.ecx);
	nae_out(n, GHCB_F_RDX, r.edx);
	return true;
}

static bool nae_ioio(struct nae *n)
{
	uint64_t info = nae_in(n, GHCB_F_EXIT_INFO1);
	uint16_t port = (uint16_t)(info >> IOIO_PORT_SHIFT);
	unsigned size = (info >> IOIO_SIZE_SHIFT) & 7;
	if (info & GHCB_IOIO_STRING)
		return nae_string_io(n);
	if (size != 1 && size != 2 && size != 4) {
		ghcb_fields_error(&n->out, GHCB_ERR_INVALID_INPUT);
		return true;
	}
	uint64_t mask = size == 4 ? 0xffffffffull : size == 2 ? 0xffff : 0xff;
	uint64_t val = nae_in(n, GHCB_F_RAX) & mask;
	if (info & GHCB_IOIO_IN) {
		if (!vm_pio_access(n->vcpu, port, size, false, &val))
			val = ~0ull; /* floats high, as for IN */
		nae_out(n, GHCB_F_RAX, val & mask);
	} else {
		vm_pio_access(n->vcpu, port, size, true, &val);
	}
	return vm_running(n->vcpu->vm);
}

static bool nae_msr(struct nae *n)
{
	uint32_t msr = (uint32_t)nae_in(n, GHCB_F_RCX);
	enum msr_result r;
	if (nae_in(n, GHCB_F_EXIT_INFO1)) {
		r = msr_view_write(n->vcpu, msr, (uint32_t)nae_in(n, GHCB_F_RAX) | nae_in(n, GHCB_F_RDX) << 32);
	} else {
		uint64_t val = 0;
		r = msr_view_read(n->vcpu, msr, &val);
		if (r == MSR_OK) {
			nae_out(n, GHCB_F_RAX, (uint32_t)val);
			nae_out(n, GHCB_F_RDX, val >> 32);
		}
	}
	/* An MSR the guest may not touch: #GP for it to raise (KVM: SW_EXITINFO1 = 1,
	 * SW_EXITINFO2 = the event in EVENTINJ format). */
	if (r == MSR_GP) {
		n->out.value[GHCB_F_EXIT_INFO1] = GHCB_RESULT_EXCEPTION;
		n->out.value[GHCB_F_EXIT_INFO2] = EVENT_EXCEPTION_GP;
	}
	return vm_running(n->vcpu->vm);
}

/* testvisor's hypercalls: RAX the number, RBX/RCX/RDX the arguments when marked valid. */
static bool nae_vmmcall(struct nae *n)
{
	const enum ghcb_field arg_fields[3] = { GHCB_F_RBX, GHCB_F_RCX, GHCB_F_RDX };
	uint64_t args[3], result;
	for (unsigned i = 0; i < 3; i++)
		args[i] = (n->in->fields & GHCB_F(arg_fields[i])) ? nae_in(n, arg_fields[i]) : 0;
	if (!svm_hypercall(n->vcpu, nae_in(n, GHCB_F_RAX), args, &result))
		return false;
	nae_out(n, GHCB_F_RAX, result);
	return true;
}

static bool nae_rdtsc(struct nae *n)
{
	uint64_t tsc = sev_guest_tsc(n->vcpu);
	nae_out(n, GHCB_F_RAX, (uint32_t)tsc);
	nae_out(n, GHCB_F_RDX, tsc >> 32);
	if (nae_in(n, GHCB_F_EXIT_CODE) == GHCB_NAE_RDTSCP)
		nae_out(n, GHCB_F_RCX, n->vcpu->id); /* TSC_AUX */
	return true;
}

/* SW_EXITINFO2: the same features as the MSR protocol's answer. */
/* NMI complete (GHCB specification "NMI Complete"; KVM sev_handle_vmgexit clears its NMI
 * mask): an SEV-ES guest's IRET cannot be intercepted usefully, so its NMI handler says
 * it is done and further NMIs may come (vapic.c). */
static bool nae_nmi_complete(struct nae *n)
{
	vapic_nmi_complete(n->vcpu);
	return true;
}

static bool nae_hv_features(struct nae *n)
{
	n->out.value[GHCB_F_EXIT_INFO2] = ghcb_hv_features(n->vcpu->vm->arch.sev.type);
	return true;
}

bool nae_refuse_snp_only(struct nae *n)
{
	bool kvm = sev_switch_on(n->vcpu->vm->arch.sev.switches, SEV_SW_ES_SNP_EVENT_MISSING);
	ghcb_fields_error(&n->out, kvm ? GHCB_ERR_MISSING_INPUT : GHCB_ERR_INVALID_EVENT);
	return true;
}

/* AP creation (GHCB specification "SEV-SNP AP Creation"; KVM sev_snp_ap_creation): the
 * guest builds the new vCPU's VMSA in its own memory and names the vCPU by APIC ID; the
 * vCPU then runs from that state with that VMSA's SEV_FEATURES, which its VMRUN checks
 * against ALLOWED_SEV_FEATURES like any other (the path a guest sets its own features
 * by). What KVM refuses by ending the guest, testvisor ends it for, with the reason. */
#define SEV_INJECTION_MODES (SEV_FEAT(SEV_FEAT_RESTRICTED_INJECTION) | SEV_FEAT(SEV_FEAT_ALTERNATE_INJECTION))
static bool nae_ap_creation(struct nae *n)
{
	struct vm *vm = n->vcpu->vm;
	uint64_t info1 = nae_in(n, GHCB_F_EXIT_INFO1), vmsa_gpa = nae_in(n, GHCB_F_EXIT_INFO2);
	unsigned request = (uint32_t)info1, apic_id = (unsigned)(info1 >> 32);
	if (vm->arch.sev.type != SEV_GUEST_SNP)
		return nae_refuse_snp_only(n);
	if (apic_id >= vm->nr_vcpus || apic_id == n->vcpu->id) {
		vm_fail(vm, "GHCB AP creation for APIC ID %u: no such other vCPU", apic_id);
		return false;
	}
	struct vcpu *target = &vm->vcpus[apic_id];
	if (request == GHCB_AP_DESTROY) {
		target->state = VCPU_OFF;
		return true;
	}
	if (request != GHCB_AP_CREATE) {
		vm_fail(vm, "GHCB AP creation request %u is %s", request,
			request == GHCB_AP_CREATE_ON_INIT ? "not implemented (create on INIT)" : "unknown");
		return false;
	}
	uint64_t features = nae_in(n, GHCB_F_RAX);
	if ((features ^ vm->arch.sev.features) & SEV_INJECTION_MODES) {
		vm_fail(vm, "GHCB AP creation: interrupt injection mode %#lx differs from the VM's",
			(unsigned long)(features & SEV_INJECTION_MODES));
		return false;
	}
	static uint8_t vmsa[GHCB_PAGE_SIZE];
	if ((vmsa_gpa & 0xfff) || !vm_read(vm, ipa_init(vmsa_gpa), vmsa, sizeof(vmsa))) {
		vm_fail(vm, "GHCB AP creation: VMSA at %#lx is not a page of guest RAM",
			(unsigned long)vmsa_gpa);
		return false;
	}
	return svm_vcpu_start_from_vmsa(n->vcpu, target, vmsa, vmsa_gpa);
}

/* Termination through the GHCB page (KVM: SVM_VMGEXIT_TERM_REQUEST ends the VM and
 * reports SW_EXITINFO1/2). */
static bool nae_terminate(struct nae *n)
{
	vm_fail(n->vcpu->vm, "guest asked for termination through the GHCB page (SW_EXITINFO1 %#lx, "
		"SW_EXITINFO2 %#lx)", (unsigned long)nae_in(n, GHCB_F_EXIT_INFO1),
		(unsigned long)nae_in(n, GHCB_F_EXIT_INFO2));
	return false;
}

static bool nae_unsupported(struct nae *n)
{
	vm_fail(n->vcpu->vm, "guest reported an event its #VC handler does not support "
		"(SW_EXITINFO1 %#lx, SW_EXITINFO2 %#lx)", (unsigned long)nae_in(n, GHCB_F_EXIT_INFO1),
		(unsigned long)nae_in(n, GHCB_F_EXIT_INFO2));
	return false;
}

static const struct {
	uint64_t exit_code;
	bool (*handle)(struct nae *n);
} handlers[] = {
	{ GHCB_NAE_CPUID, nae_cpuid },
	{ GHCB_NAE_IOIO, nae_ioio },
	{ GHCB_NAE_MMIO_READ, nae_mmio },
	{ GHCB_NAE_MMIO_WRITE, nae_mmio },
	{ GHCB_NAE_PSC, nae_psc },
	{ GHCB_NAE_MSR, nae_msr },
	{ GHCB_NAE_VMMCALL, nae_vmmcall },
	{ GHCB_NAE_RDTSC, nae_rdtsc },
	{ GHCB_NAE_RDTSCP, nae_rdtsc },
	{ GHCB_NAE_HV_FEATURES, nae_hv_features },
	{ GHCB_NAE_NMI_COMPLETE, nae_nmi_complete },
	{ GHCB_NAE_AP_CREATION, nae_ap_creation },
	{ GHCB_NAE_HV_DOORBELL, nae_hv_doorbell },
	{ GHCB_NAE_GUEST_REQUEST, nae_guest_request },
	{ GHCB_NAE_EXT_GUEST_REQUEST, nae_ext_guest_request },
	{ GHCB_NAE_TERMINATE, nae_terminate },
	{ GHCB_NAE_UNSUPPORTED, nae_unsupported },
};

static uint8_t ghcb_copy[GHCB_PAGE_SIZE] __attribute__((aligned(8)));

static bool reply(struct vcpu *vcpu, uint64_t gpa)
{
	if (vm_write(vcpu->vm, ipa_init(gpa), ghcb_copy, sizeof(ghcb_copy)))
		return true;
	vm_fail(vcpu->vm, "GHCB at %#lx cannot be written back", (unsigned long)gpa);
	return false;
}

bool sev_ghcb_page_exit(struct vcpu *vcpu, uint64_t gpa)
{
	struct vm *vm = vcpu->vm;
	struct sev_vm *s = &vm->arch.sev;
	/* An SNP guest must register its GHCB first (GHCB specification "GHCB GPA
	 * Registration"; KVM ends the guest otherwise). */
	if (s->type == SEV_GUEST_SNP && gpa != vcpu->arch.sev.ghcb_registered) {
		vm_fail(vm, "GHCB at %#lx is not the registered GHCB (%#lx): the GHCB specification "
			"requires an SNP guest to register it", (unsigned long)gpa,
			(unsigned long)vcpu->arch.sev.ghcb_registered);
		return false;
	}
	/* ... and the page shared: the hypervisor cannot read a private page (GHCB
	 * specification: the GHCB is a shared page; on hardware the read faults). */
	if (s->type == SEV_GUEST_SNP && !sev_page_shared(s, gpa)) {
		vm_fail(vm, "GHCB at %#lx is a private page: no page-state change made it shared",
			(unsigned long)gpa);
		return false;
	}
	if (!vm_read(vm, ipa_init(gpa), ghcb_copy, sizeof(ghcb_copy))) {
		vm_fail(vm, "GHCB at %#lx is outside guest RAM", (unsigned long)gpa);
		return false;
	}
	struct ghcb_request req;
	enum ghcb_error err = ghcb_read_request(ghcb_copy, &req);
	if (err == GHCB_OK && sev_switch_on(s->switches, SEV_SW_GHCB_VERSION_CHECK) &&
	    !ghcb_version_field_ok(req.version, s->ghcb_version))
		err = GHCB_ERR_INVALID_INPUT;
	if (err != GHCB_OK) {
		/* KVM answers a malformed GHCB with SW_EXITINFO1 = 2 and the reason, and lets
		 * the guest decide (sev_es_validate_vmgexit). */
		printf("testvisor: guest %s: GHCB refused (exit code %#lx, usage %u): reason %u\n",
		       vm->cfg.name, (unsigned long)req.in.value[GHCB_F_EXIT_CODE], req.usage, err);
		ghcb_write_error(ghcb_copy, err);
		return reply(vcpu, gpa);
	}
	struct nae n = { .vcpu = vcpu, .in = &req.in, .page = ghcb_copy, .ghcb_gpa = gpa };
	for (unsigned i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++) {
		if (handlers[i].exit_code != req.in.value[GHCB_F_EXIT_CODE])
			continue;
		if (!handlers[i].handle(&n))
			return false;
		ghcb_write_response(ghcb_copy, &n.out);
		return reply(vcpu, gpa);
	}
	vm_fail(vm, "GHCB event %#lx is valid but not implemented by testvisor",
		(unsigned long)req.in.value[GHCB_F_EXIT_CODE]);
	return false;
}
