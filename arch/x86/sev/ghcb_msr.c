/* The GHCB MSR protocol's requests and responses (x86/ghcb_msr.h). */
#include <x86/ghcb_msr.h>
#include <x86/sev_config.h>

uint64_t ghcb_hv_features(enum sev_guest_type type)
{
	return type == SEV_GUEST_SNP ? GHCB_HV_FEATURE_SNP | GHCB_HV_FEATURE_AP_CREATION |
					       GHCB_HV_FEATURE_RESTRICTED_INJECTION : 0;
}

enum ghcb_msr_result ghcb_msr_request(const struct ghcb_msr_vm *vm, uint64_t req, uint64_t *msr)
{
	switch (req & GHCB_INFO_MASK) {
	case GHCB_SEV_INFO_REQ:
		*msr = sev_ghcb_sev_info(vm->version, vm->cbit);
		return GHCB_MSR_RESPONSE;
	case GHCB_CPUID_REQ: /* function in 63:32, register in 31:30 */
		*msr = (uint64_t)vm->cpuid(vm->ctx, (uint32_t)(req >> 32), (req >> 30) & 3) << 32 |
		       GHCB_CPUID_RESP;
		return GHCB_MSR_RESPONSE;
	case GHCB_HV_FEATURES_REQ:
		*msr = ghcb_hv_features(vm->type) << 12 | GHCB_HV_FEATURES_RESP;
		return GHCB_MSR_RESPONSE;
	case GHCB_PSC_REQ: {
		if (vm->type != SEV_GUEST_SNP || !vm->page_state)
			return GHCB_MSR_UNSUPPORTED;
		unsigned op = (req >> 52) & 0xf;
		uint64_t gfn = (req >> 12) & ((1ull << 40) - 1);
		uint32_t error = op == GHCB_PSC_PRIVATE || op == GHCB_PSC_SHARED ?
			vm->page_state(vm->ctx, gfn, op) : GHCB_PSC_ERROR_OPERATION;
		*msr = (uint64_t)error << 32 | GHCB_PSC_RESP;
		return GHCB_MSR_RESPONSE;
	}
	case GHCB_REGISTER_REQ: /* the GHCB's GFN, accepted as given */
		*msr = (req & ~GHCB_INFO_MASK) | GHCB_REGISTER_RESP;
		return GHCB_MSR_RESPONSE;
	case GHCB_TERMINATE_REQ:
		return GHCB_MSR_TERMINATE;
	default:
		return GHCB_MSR_UNSUPPORTED;
	}
}
