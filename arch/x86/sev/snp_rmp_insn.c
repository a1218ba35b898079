/* PVALIDATE and RMPADJUST on the modelled RMP (x86/snp_rmp_insn.h). */
#include <string.h>
#include <x86/snp_rmp_insn.h>

static const uint8_t pvalidate[] = { 0xf2, 0x0f, 0x01, 0xff };
static const uint8_t rmpadjust[] = { 0xf3, 0x0f, 0x01, 0xfe };

enum snp_rmp_insn snp_rmp_insn_decode(const uint8_t *bytes, unsigned len)
{
	if (len >= sizeof(pvalidate) && !memcmp(bytes, pvalidate, sizeof(pvalidate)))
		return SNP_INSN_PVALIDATE;
	if (len >= sizeof(rmpadjust) && !memcmp(bytes, rmpadjust, sizeof(rmpadjust)))
		return SNP_INSN_RMPADJUST;
	return SNP_INSN_NONE;
}

struct snp_rmp_result snp_pvalidate(struct snp_page *p, bool large, bool validate)
{
	if (large)
		return (struct snp_rmp_result){ SNP_RMP_FAIL_SIZEMISMATCH, false };
	bool unchanged = p->validated == validate;
	p->validated = validate;
	return (struct snp_rmp_result){ SNP_RMP_SUCCESS, unchanged };
}

/* A VMPL-0 guest may set the rights of VMPL 1-3 only (its own are not its to change), on
 * a page it validated. */
struct snp_rmp_result snp_rmpadjust(struct snp_page *p, bool large, uint64_t attrs)
{
	unsigned target = attrs & 0xff;
	if (large)
		return (struct snp_rmp_result){ SNP_RMP_FAIL_SIZEMISMATCH, false };
	if (target > 3 || (attrs >> 17))
		return (struct snp_rmp_result){ SNP_RMP_FAIL_INPUT, false };
	if (target == 0)
		return (struct snp_rmp_result){ SNP_RMP_FAIL_PERMISSION, false };
	if (!p->validated)
		return (struct snp_rmp_result){ SNP_RMP_FAIL_INPUT, false };
	p->vmsa = attrs & SNP_RMPADJUST_VMSA;
	return (struct snp_rmp_result){ SNP_RMP_SUCCESS, false };
}
