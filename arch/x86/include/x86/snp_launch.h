/* The SEV-SNP launch sequence over the PSP command layer, shared by the hardware and the
 * emulated backend: platform status (and SNP_INIT_EX when the platform is not yet
 * initialized), guest context, LAUNCH_START with policy and desired TSC frequency,
 * ACTIVATE with the guest's ASID, LAUNCH_UPDATE of guest memory, LAUNCH_FINISH; and
 * DECOMMISSION when the guest goes. Pure logic over a transport (host-tested). */
#ifndef X86_SNP_LAUNCH_H
#define X86_SNP_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <x86/psp.h>

struct snp_launch_params {
	uint64_t gctx_pa;          /* page-aligned guest context page */
	uint32_t asid;
	uint64_t policy;
	uint32_t tsc_khz;          /* desired TSC frequency; 0 without Secure TSC */
	uint64_t mem_pa, mem_size; /* guest memory measured at launch */
	bool ciphertext_hiding;    /* for SNP_INIT_EX, if the platform needs it */
	uint16_t max_snp_asid;
};

/* Returns 0, or -1 with "<COMMAND>: <status>" in `err`. */
int snp_launch(const struct psp_transport *t, const struct snp_launch_params *p,
	       char *err, size_t errlen);
/* Whether the firmware can hide ciphertext (as Linux's sev_is_snp_ciphertext_hiding_supported
 * decides): SNP_PLATFORM_STATUS says the platform enabled it and that SNP_FEATURE_INFO
 * exists, and SNP_FEATURE_INFO leaf 0 says the firmware supports it. 0, or -1 with the
 * failing command in `err`. */
int snp_ciphertext_hiding_capable(const struct psp_transport *t, bool *capable, char *err,
				  size_t errlen);
int snp_retire(const struct psp_transport *t, uint64_t gctx_pa, char *err, size_t errlen);

#endif
