/* The SEV-SNP launch sequence (see x86/snp_launch.h). */
#include <stdio.h>
#include <x86/snp_launch.h>

#define LARGE_PAGE (2ull << 20)
#define PAGE 4096ull

static int check(int rc, uint32_t cmd, char *err, size_t errlen)
{
	if (rc == PSP_OK)
		return 0;
	snprintf(err, errlen, "%s: %s (%d)", psp_cmd_name(cmd), psp_status_name(rc), rc);
	return -1;
}

/* Page states of the SNP firmware ABI, as RMPUPDATE writes them. */
static const struct rmp_update hypervisor_state = { 0 };
static struct rmp_update firmware_state(void)
{
	return (struct rmp_update){ .assigned = 1, .immutable = 1 };
}
static struct rmp_update pre_guest_state(uint64_t gpa, uint32_t asid, bool large)
{
	return (struct rmp_update){ .gpa = gpa, .assigned = 1, .pagesize = large, .immutable = 1,
				    .asid = asid };
}

static int rmp_set(const struct snp_rmp *rmp, uint64_t pa, struct rmp_update e, char *err,
		   size_t errlen)
{
	if (rmp->update(rmp->ctx, pa, &e) == 0)
		return 0;
	snprintf(err, errlen, "RMPUPDATE of %#lx failed", (unsigned long)pa);
	return -1;
}

bool snp_launch_chunk(const struct snp_launch_params *p, uint64_t *pa, bool *large)
{
	uint64_t end = p->mem_pa + p->mem_size;
	if (*pa >= end)
		return false;
	*large = !(*pa % LARGE_PAGE) && end - *pa >= LARGE_PAGE &&
		 !(p->secrets_pa >= *pa && p->secrets_pa < *pa + LARGE_PAGE);
	return true;
}

static int measure(const struct psp_transport *t, const struct snp_rmp *rmp,
		   const struct snp_launch_params *p, char *err, size_t errlen)
{
	bool large;
	for (uint64_t pa = p->mem_pa; snp_launch_chunk(p, &pa, &large); pa += large ? LARGE_PAGE : PAGE) {
		enum snp_page_type type = pa == p->secrets_pa ? SNP_PAGE_SECRETS :
			p->chunk_is_zero && p->chunk_is_zero(pa, large ? LARGE_PAGE : PAGE) ?
			SNP_PAGE_ZERO : SNP_PAGE_NORMAL;
		if (rmp_set(rmp, pa, pre_guest_state(pa - p->mem_pa, p->asid, large), err, errlen) ||
		    check(psp_snp_launch_update(t, p->gctx_pa, pa, type, large),
			  PSP_CMD_SNP_LAUNCH_UPDATE, err, errlen))
			return -1;
	}
	if (!p->vmsa_pa)
		return 0;
	return rmp_set(rmp, p->vmsa_pa, pre_guest_state(SNP_VMSA_GPA, p->asid, false), err, errlen) ||
	       check(psp_snp_launch_update(t, p->gctx_pa, p->vmsa_pa, SNP_PAGE_VMSA, false),
		     PSP_CMD_SNP_LAUNCH_UPDATE, err, errlen) ? -1 : 0;
}

/* Every page the launch took, back to the Hypervisor state. */
static int release_pages(const struct snp_rmp *rmp, const struct snp_launch_params *p,
			 char *err, size_t errlen)
{
	int rc = rmp_set(rmp, p->gctx_pa, hypervisor_state, err, errlen);
	bool large;
	for (uint64_t pa = p->mem_pa; snp_launch_chunk(p, &pa, &large); pa += large ? LARGE_PAGE : PAGE)
		rc |= rmp_set(rmp, pa, hypervisor_state, err, errlen);
	if (p->vmsa_pa)
		rc |= rmp_set(rmp, p->vmsa_pa, hypervisor_state, err, errlen);
	return rc ? -1 : 0;
}

int snp_launch(const struct psp_transport *t, const struct snp_rmp *rmp,
	       const struct snp_launch_params *p, char *err, size_t errlen)
{
	struct psp_snp_platform_status status;
	if (check(psp_snp_platform_status(t, &status), PSP_CMD_SNP_PLATFORM_STATUS, err, errlen))
		return -1;
	if (status.state == SNP_STATE_UNINIT &&
	    check(psp_snp_init_ex(t, p->ciphertext_hiding, p->max_snp_asid), PSP_CMD_SNP_INIT_EX,
		  err, errlen))
		return -1;
	if (rmp_set(rmp, p->gctx_pa, firmware_state(), err, errlen) ||
	    check(psp_snp_gctx_create(t, p->gctx_pa), PSP_CMD_SNP_GCTX_CREATE, err, errlen)) {
		char ignored[8];
		release_pages(rmp, p, ignored, sizeof(ignored));
		return -1;
	}
	if (check(psp_snp_launch_start(t, p->gctx_pa, p->policy, p->tsc_khz),
		  PSP_CMD_SNP_LAUNCH_START, err, errlen) ||
	    check(psp_snp_activate(t, p->gctx_pa, p->asid), PSP_CMD_SNP_ACTIVATE, err, errlen) ||
	    measure(t, rmp, p, err, errlen) ||
	    check(psp_snp_launch_finish(t, p->gctx_pa, NULL), PSP_CMD_SNP_LAUNCH_FINISH, err, errlen)) {
		char ignored[8];
		psp_snp_decommission(t, p->gctx_pa); /* do not leak the context */
		release_pages(rmp, p, ignored, sizeof(ignored));
		return -1;
	}
	return 0;
}

int snp_ciphertext_hiding_capable(const struct psp_transport *t, bool *capable, char *err,
				  size_t errlen)
{
	*capable = false;
	struct psp_snp_platform_status status;
	if (check(psp_snp_platform_status(t, &status), PSP_CMD_SNP_PLATFORM_STATUS, err, errlen))
		return -1;
	if (!(status.features & SNP_STATUS_CIPHERTEXT_HIDING_CAP) ||
	    !(status.features & SNP_STATUS_FEATURE_INFO))
		return 0;
	struct psp_snp_feature_leaf leaf;
	if (check(psp_snp_feature_info(t, 0, &leaf), PSP_CMD_SNP_FEATURE_INFO, err, errlen))
		return -1;
	*capable = leaf.ecx & SNP_FEATURE_ECX_CIPHERTEXT_HIDING;
	return 0;
}

int snp_retire(const struct psp_transport *t, const struct snp_rmp *rmp,
	       const struct snp_launch_params *p, char *err, size_t errlen)
{
	if (check(psp_snp_decommission(t, p->gctx_pa), PSP_CMD_SNP_DECOMMISSION, err, errlen))
		return -1;
	return release_pages(rmp, p, err, errlen);
}
