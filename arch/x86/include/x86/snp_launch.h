/* The SEV-SNP launch sequence over the PSP command layer, shared by the hardware and the
 * emulated backend (SEV-SNP firmware ABI, AMD pub. 56860: SNP_GCTX_CREATE,
 * SNP_LAUNCH_START, SNP_ACTIVATE, SNP_LAUNCH_UPDATE, SNP_LAUNCH_FINISH):
 *   SNP_PLATFORM_STATUS (and SNP_INIT_EX when the platform is not yet initialized);
 *   RMPUPDATE of the guest context page to the Firmware state, SNP_GCTX_CREATE;
 *   SNP_LAUNCH_START (policy, desired TSC frequency), SNP_ACTIVATE (ASID);
 *   for every guest memory chunk: RMPUPDATE to Pre-Guest, SNP_LAUNCH_UPDATE (NORMAL);
 *   the VMSA page: RMPUPDATE to Pre-Guest, SNP_LAUNCH_UPDATE (VMSA) - before
 *   SNP_LAUNCH_FINISH, which refuses further updates;
 *   SNP_LAUNCH_FINISH.
 * On failure and when the guest goes: SNP_DECOMMISSION and the pages back to the
 * Hypervisor state. Pure logic over a transport (the mailbox doorbell or the model PSP) and
 * an RMPUPDATE callback (the instruction or the model's table), host-tested. */
#ifndef X86_SNP_LAUNCH_H
#define X86_SNP_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <x86/psp.h>

/* RMPUPDATE: the CPU instruction on hardware, the model's table otherwise; 0 on success. */
struct snp_rmp {
	int (*update)(void *ctx, uint64_t pa, const struct rmp_update *e);
	void *ctx;
};

/* The guest-physical address KVM gives the launch VMSA's RMP entry (it is not guest
 * memory): Linux arch/x86/kvm/svm/sev.c INITIAL_VMSA_GPA. */
#define SNP_VMSA_GPA 0xFFFFFFFFF000ull

struct snp_launch_params {
	uint64_t gctx_pa;          /* page-aligned guest context page */
	uint32_t asid;
	uint64_t policy;
	uint32_t tsc_khz;          /* desired TSC frequency; 0 without Secure TSC */
	uint64_t mem_pa, mem_size; /* guest memory measured at launch, guest-physical 0 up */
	uint64_t vmsa_pa;          /* vCPU 0's VMSA page (0: none) */
	uint64_t secrets_pa;       /* a page of guest memory the firmware makes the secrets
				    * page (0: none); its 2 MiB chunk is launched by 4 KiB pages */
	bool ciphertext_hiding;    /* for SNP_INIT_EX, if the platform needs it */
	uint16_t max_snp_asid;
	/* Whether the chunk at host-physical `pa` of `len` bytes holds only zeros: such a chunk
	 * is launched as a ZERO page (the firmware zeroes it; its contents are not hashed),
	 * others as NORMAL pages. NULL: every chunk NORMAL. */
	bool (*chunk_is_zero)(uint64_t pa, uint64_t len);
};

/* Walks guest memory in launch chunks: 2 MiB pages where aligned, 4 KiB elsewhere (the
 * secrets page's 2 MiB by 4 KiB pages). False past the end; else `large` for the chunk at
 * `pa`. */
bool snp_launch_chunk(const struct snp_launch_params *p, uint64_t *pa, bool *large);

/* Returns 0, or -1 with "<COMMAND>: <status>" (or "RMPUPDATE ...") in `err`. */
int snp_launch(const struct psp_transport *t, const struct snp_rmp *rmp,
	       const struct snp_launch_params *p, char *err, size_t errlen);
/* Whether the firmware can hide ciphertext (as Linux's sev_is_snp_ciphertext_hiding_supported
 * decides): SNP_PLATFORM_STATUS says the platform enabled it and that SNP_FEATURE_INFO
 * exists, and SNP_FEATURE_INFO leaf 0 says the firmware supports it. 0, or -1 with the
 * failing command in `err`. */
int snp_ciphertext_hiding_capable(const struct psp_transport *t, bool *capable, char *err,
				  size_t errlen);
/* SNP_DECOMMISSION, then every launch page back to the Hypervisor state. */
int snp_retire(const struct psp_transport *t, const struct snp_rmp *rmp,
	       const struct snp_launch_params *p, char *err, size_t errlen);

#endif
