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

/* Measures guest memory: 2 MiB pages where aligned, 4 KiB pages elsewhere. */
static int measure(const struct psp_transport *t, const struct snp_launch_params *p,
		   char *err, size_t errlen)
{
	uint64_t pa = p->mem_pa, end = p->mem_pa + p->mem_size;
	while (pa < end) {
		bool large = !(pa % LARGE_PAGE) && end - pa >= LARGE_PAGE;
		int rc = psp_snp_launch_update(t, p->gctx_pa, pa, SNP_PAGE_NORMAL, large);
		if (check(rc, PSP_CMD_SNP_LAUNCH_UPDATE, err, errlen))
			return -1;
		pa += large ? LARGE_PAGE : PAGE;
	}
	return 0;
}

int snp_launch(const struct psp_transport *t, const struct snp_launch_params *p,
	       char *err, size_t errlen)
{
	struct psp_snp_platform_status status;
	if (check(psp_snp_platform_status(t, &status), PSP_CMD_SNP_PLATFORM_STATUS, err, errlen))
		return -1;
	if (status.state == SNP_STATE_UNINIT &&
	    check(psp_snp_init_ex(t, p->ciphertext_hiding, p->max_snp_asid), PSP_CMD_SNP_INIT_EX,
		  err, errlen))
		return -1;
	if (check(psp_snp_gctx_create(t, p->gctx_pa), PSP_CMD_SNP_GCTX_CREATE, err, errlen))
		return -1;
	if (check(psp_snp_launch_start(t, p->gctx_pa, p->policy, p->tsc_khz),
		  PSP_CMD_SNP_LAUNCH_START, err, errlen) ||
	    check(psp_snp_activate(t, p->gctx_pa, p->asid), PSP_CMD_SNP_ACTIVATE, err, errlen) ||
	    measure(t, p, err, errlen) ||
	    check(psp_snp_launch_finish(t, p->gctx_pa, NULL), PSP_CMD_SNP_LAUNCH_FINISH, err, errlen)) {
		psp_snp_decommission(t, p->gctx_pa); /* do not leak the context */
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

int snp_retire(const struct psp_transport *t, uint64_t gctx_pa, char *err, size_t errlen)
{
	return check(psp_snp_decommission(t, gctx_pa), PSP_CMD_SNP_DECOMMISSION, err, errlen);
}
