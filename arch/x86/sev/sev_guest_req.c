/* The SNP guest request events through the GHCB page: the guest request (0x8000_0011) and
 * the extended guest request (0x8000_0012), whose certificate part is x86/snp_ext_req.h.
 * docs/x86-sev.md "Guest messages" lists each rule's source. */
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <x86/ghcb_page.h>
#include <x86/sev.h>
#include <x86/sev_nae.h>
#include <x86/sev_policy.h>
#include <x86/snp_ext_req.h>
#include <x86/svm.h>

#define PAGE 4096ull

/* GHCB specification "SNP Guest Request"; KVM snp_handle_guest_req: the guest's sealed
 * request page (SW_EXITINFO1) goes to the firmware through a copy in testvisor's memory,
 * the firmware's response to the guest's response page (SW_EXITINFO2); SW_EXITINFO2
 * returns the hypervisor's error << 32 | the firmware's status. Both pages must be
 * shared; anything else ends the guest with the reason. */
static bool guest_request(struct nae *n, uint64_t req_gpa, uint64_t resp_gpa)
{
	struct vm *vm = n->vcpu->vm;
	const struct sev_vm *s = &vm->arch.sev;
	static uint8_t req[GHCB_PAGE_SIZE] __attribute__((aligned(GHCB_PAGE_SIZE)));
	static uint8_t resp[GHCB_PAGE_SIZE] __attribute__((aligned(GHCB_PAGE_SIZE)));
	const char *why = ((req_gpa | resp_gpa) & 0xfff) ? "not page-aligned" :
			  !sev_page_shared(s, req_gpa) || !sev_page_shared(s, resp_gpa) ? "not shared" :
			  !vm_read(vm, ipa_init(req_gpa), req, sizeof(req)) ? "outside guest RAM" : NULL;
	if (why) {
		vm_fail(vm, "GHCB guest request: request page %#lx or response page %#lx %s",
			(unsigned long)req_gpa, (unsigned long)resp_gpa, why);
		return false;
	}
	int status = sev_guest_request(vm, pa_from_ptr(req), pa_from_ptr(resp));
	n->out.value[GHCB_F_EXIT_INFO2] = (uint32_t)status;
	if (status == 0 && !vm_write(vm, ipa_init(resp_gpa), resp, sizeof(resp))) {
		vm_fail(vm, "GHCB guest request: response page %#lx cannot be written", (unsigned long)resp_gpa);
		return false;
	}
	return true;
}

static bool snp_only(struct nae *n)
{
	if (n->vcpu->vm->arch.sev.type == SEV_GUEST_SNP)
		return true;
	ghcb_fields_error(&n->out, GHCB_ERR_INVALID_EVENT);
	return false;
}

bool nae_guest_request(struct nae *n)
{
	if (!snp_only(n))
		return true;
	return guest_request(n, nae_in(n, GHCB_F_EXIT_INFO1), nae_in(n, GHCB_F_EXIT_INFO2));
}

/* The certificate buffer is the guest's shared memory: a page of it that is not shared
 * ends the guest (**assumption**: KVM's write to it would fail with -EIO, which ends the
 * VM's run). */
static bool write_certs(struct nae *n, uint64_t gpa, const void *data, size_t len)
{
	struct vm *vm = n->vcpu->vm;
	for (uint64_t p = gpa; p < gpa + len; p += PAGE)
		if (!sev_page_shared(&vm->arch.sev, p)) {
			vm_fail(vm, "GHCB extended guest request: certificate buffer page %#lx not shared",
				(unsigned long)p);
			return false;
		}
	if (vm_write(vm, ipa_init(gpa), data, len))
		return true;
	vm_fail(vm, "GHCB extended guest request: certificate buffer %#lx cannot be written",
		(unsigned long)gpa);
	return false;
}

/* GHCB specification "SNP Extended Guest Request"; KVM snp_handle_ext_guest_req and
 * snp_complete_req_certs: for a report request the certificates go to the buffer at RAX
 * (RBX pages) first, or RBX answers the pages they need. */
bool nae_ext_guest_request(struct nae *n)
{
	struct vm *vm = n->vcpu->vm;
	if (!snp_only(n))
		return true;
	uint64_t req_gpa = nae_in(n, GHCB_F_EXIT_INFO1), resp_gpa = nae_in(n, GHCB_F_EXIT_INFO2);
	uint8_t type;
	if (!vm_read(vm, ipa_init(req_gpa + SNP_MSG_TYPE_OFFSET), &type, 1)) {
		vm_fail(vm, "GHCB extended guest request: request page %#lx outside guest RAM",
			(unsigned long)req_gpa);
		return false;
	}
	static uint8_t certs[GHCB_PAGE_SIZE];
	size_t certs_len = sev_switch_on(vm->arch.sev.switches, SEV_SW_SNP_CERTS_MODEL) ? snp_model_certs(certs, sizeof(certs)) : 0;
	struct snp_ext_in in = { type, n->in->fields & GHCB_F(GHCB_F_RAX), n->in->fields & GHCB_F(GHCB_F_RBX),
				 nae_in(n, GHCB_F_RAX), nae_in(n, GHCB_F_RBX), certs_len };
	uint64_t need = 0;
	static const uint8_t empty[SNP_CERT_ENTRY_SIZE];
	switch (snp_ext_decide(&in, &need)) {
	case SNP_EXT_INVALID_INPUT:
		ghcb_fields_error(&n->out, GHCB_ERR_INVALID_INPUT);
		return true;
	case SNP_EXT_TOO_SMALL:
		nae_out(n, GHCB_F_RBX, need);
		n->out.value[GHCB_F_EXIT_INFO2] = SNP_EXT_ERR_INVALID_LEN;
		return true;
	case SNP_EXT_EMPTY_TABLE:
		if (in.rbx && !write_certs(n, in.rax, empty, sizeof(empty)))
			return false;
		break;
	case SNP_EXT_CERTS:
		if (!write_certs(n, in.rax, certs, certs_len))
			return false;
		break;
	case SNP_EXT_PLAIN:
		break;
	}
	return guest_request(n, req_gpa, resp_gpa);
}
