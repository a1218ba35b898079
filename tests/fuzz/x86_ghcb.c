/* Fuzz target: the GHCB MSR protocol (arch/x86/sev/ghcb_msr.c): whatever an SEV-ES/SNP
 * guest writes to the GHCB MSR before VMGEXIT. Input: a byte choosing the guest type and
 * GHCB version, the C-bit position, then 8-byte MSR values, handled in turn as sev.c does
 * (a response replaces the MSR; termination or an unsupported request ends the guest).
 * Checks beyond the sanitizers, from the specification's table of GHCBInfo codes: each
 * request gets its own response code; SEV information reports the VM's version as max,
 * 1 as min and its C-bit; CPUID asks the view for the function and register the request
 * names and returns that register; registration gives the GFN back; hypervisor features
 * offer SEV-SNP to SNP guests only; only 0x100 terminates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <x86/ghcb_msr.h>

static uint32_t asked_fn;
static unsigned asked_reg;

static uint32_t fake_cpuid(void *ctx, uint32_t fn, unsigned reg)
{
	if (reg > 3)
		abort();
	asked_fn = fn;
	asked_reg = reg;
	return fn * 2654435761u ^ reg; /* any value, recomputable */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	static const enum sev_guest_type types[] = { SEV_GUEST_ES, SEV_GUEST_SNP };
	struct ghcb_msr_vm vm = { types[data[0] & 1], 1 + ((data[0] >> 1) & 1), data[1] & 63,
				  fake_cpuid, NULL };
	for (size_t p = 2; p + 8 <= size; p += 8) {
		uint64_t req, msr = 0x5a5a5a5a5a5a5a5aull;
		memcpy(&req, data + p, 8);
		enum ghcb_msr_result r = ghcb_msr_request(&vm, req, &msr);
		unsigned info = (unsigned)(req & GHCB_INFO_MASK);
		if (r == GHCB_MSR_TERMINATE) {
			if (info != GHCB_TERMINATE_REQ || msr != 0x5a5a5a5a5a5a5a5aull)
				abort();
			break;
		}
		if (r == GHCB_MSR_UNSUPPORTED) {
			if (info == GHCB_SEV_INFO_REQ || info == GHCB_CPUID_REQ ||
			    info == GHCB_REGISTER_REQ || info == GHCB_HV_FEATURES_REQ ||
			    msr != 0x5a5a5a5a5a5a5a5aull)
				abort();
			break;
		}
		if (r != GHCB_MSR_RESPONSE)
			abort();
		switch (info) {
		case GHCB_SEV_INFO_REQ:
			if ((msr & GHCB_INFO_MASK) != GHCB_SEV_INFO_RESP || msr >> 48 != vm.version ||
			    ((msr >> 32) & 0xffff) != 1 || ((msr >> 24) & 0xff) != vm.cbit)
				abort();
			break;
		case GHCB_CPUID_REQ:
			if ((msr & GHCB_INFO_MASK) != GHCB_CPUID_RESP || asked_fn != (uint32_t)(req >> 32) ||
			    asked_reg != ((req >> 30) & 3) || msr >> 32 != fake_cpuid(NULL, asked_fn, asked_reg))
				abort();
			break;
		case GHCB_REGISTER_REQ:
			if (msr != ((req & ~GHCB_INFO_MASK) | GHCB_REGISTER_RESP))
				abort();
			break;
		case GHCB_HV_FEATURES_REQ:
			if ((msr & GHCB_INFO_MASK) != GHCB_HV_FEATURES_RESP ||
			    ((msr >> 12) & GHCB_HV_FEATURE_SNP) != (vm.type == SEV_GUEST_SNP))
				abort();
			break;
		default:
			abort(); /* a response to a request the protocol does not have */
		}
	}
	return 0;
}
