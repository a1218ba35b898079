/* The GHCB MSR protocol (GHCB specification 2.03, section 2.3.1): requests an SEV-ES or
 * SEV-SNP guest makes by writing the GHCB MSR and executing VMGEXIT, before it has a GHCB
 * page, and the responses testvisor writes back into the MSR. GHCBInfo is bits 11:0,
 * GHCBData bits 63:12. Pure logic: sev.c supplies the VM's facts, the host unit tests
 * (tests/unit/x86) and the fuzz target x86_ghcb drive it directly. */
#ifndef X86_GHCB_MSR_H
#define X86_GHCB_MSR_H

#include <stdint.h>
#include <x86/sev_policy.h>

#define GHCB_INFO_MASK 0xfffull
#define GHCB_SEV_INFO_RESP 0x001
#define GHCB_SEV_INFO_REQ 0x002
#define GHCB_CPUID_REQ 0x004
#define GHCB_CPUID_RESP 0x005
#define GHCB_PSC_REQ 0x014  /* SNP page-state change: GFN 51:12, operation 55:52 */
#define GHCB_PSC_RESP 0x015 /* error code 63:32, 0 success */
#define GHCB_PSC_PRIVATE 1
#define GHCB_PSC_SHARED 2
/* Non-zero error codes of the PSC response: which number means what is not given by the
 * specification (**assumption**: 1 for an unknown operation, 2 for a GFN outside the
 * guest). */
#define GHCB_PSC_ERROR_OPERATION 1
#define GHCB_PSC_ERROR_GFN 2
#define GHCB_REGISTER_REQ 0x012
#define GHCB_REGISTER_RESP 0x013
#define GHCB_HV_FEATURES_REQ 0x080
#define GHCB_HV_FEATURES_RESP 0x081
#define GHCB_TERMINATE_REQ 0x100
/* Hypervisor features (GHCB specification "Hypervisor Feature Support"): bit 0 SEV-SNP,
 * bit 1 SEV-SNP AP creation, bit 2 Restricted Injection (the #HV doorbell; KVM's series
 * GHCB_HV_FT_SNP_RINJ); testvisor offers the three to SNP guests. */
#define GHCB_HV_FEATURE_SNP 1ull
#define GHCB_HV_FEATURE_AP_CREATION 2ull
#define GHCB_HV_FEATURE_RESTRICTED_INJECTION 4ull

/* What the protocol needs to know of the VM. */
struct ghcb_msr_vm {
	enum sev_guest_type type;
	unsigned version; /* GHCB protocol version it speaks (ghcb_version=) */
	unsigned cbit;    /* C-bit position */
	/* Register `reg` (0 EAX, 1 EBX, 2 ECX, 3 EDX) of CPUID function `fn` as the guest
	 * sees it. */
	uint32_t (*cpuid)(void *ctx, uint32_t fn, unsigned reg);
	/* SNP: page `gfn` to GHCB_PSC_PRIVATE or GHCB_PSC_SHARED; 0, or the error code the
	 * response carries. NULL: no page-state changes. */
	uint32_t (*page_state)(void *ctx, uint64_t gfn, unsigned op);
	void *ctx;
};

enum ghcb_msr_result {
	GHCB_MSR_RESPONSE,    /* *msr holds the response; the guest resumes */
	GHCB_MSR_TERMINATE,   /* the guest asked to be terminated: reason set, code in req */
	GHCB_MSR_UNSUPPORTED, /* a request testvisor does not implement: stop the guest */
};

/* The hypervisor features a guest of this type is offered (MSR protocol and GHCB page). */
uint64_t ghcb_hv_features(enum sev_guest_type type);

enum ghcb_msr_result ghcb_msr_request(const struct ghcb_msr_vm *vm, uint64_t req, uint64_t *msr);

#endif
