/* PVALIDATE and RMPADJUST on the modelled RMP (x86/snp_rmp_insn.h). */
#include <string.h>
#include <x86/snp_rmp_insn.h>

#define ALIGN_2M_BITS 0x1ff000ull /* RAX 20:12 */

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

static struct snp_rmp_result result(uint64_t rax, bool cf) { return (struct snp_rmp_result){ rax, cf }; }

void snp_rmp_smash(struct snp_page *region, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		region[i].large = false;
}

bool snp_rmp_make_2m(struct snp_page *region, unsigned n, bool validated)
{
	if (n < SNP_RMP_2M_PAGES)
		return false;
	for (unsigned i = 0; i < SNP_RMP_2M_PAGES; i++)
		region[i] = (struct snp_page){ .validated = validated, .large = true };
	return true;
}

/* What a request of its size finds: 0 when it may go on (a 4 KiB request inside a 2 MiB
 * entry having smashed it), else the failure code. */
static uint64_t size_check(const struct snp_rmp_op *op)
{
	if (!op->large) {
		if (op->region[op->idx].large)
			snp_rmp_smash(op->region, op->n);
		return SNP_RMP_SUCCESS;
	}
	if ((op->rax & ALIGN_2M_BITS) && !sev_switch_on(op->switches, SEV_SW_RMP_2M_ALIGN_DOWN))
		return SNP_RMP_FAIL_INPUT;
	if (op->n < SNP_RMP_2M_PAGES || !op->region[0].large)
		return SNP_RMP_FAIL_SIZEMISMATCH;
	return SNP_RMP_SUCCESS;
}

struct snp_rmp_result snp_pvalidate(const struct snp_rmp_op *op, bool validate)
{
	uint64_t rc = size_check(op);
	if (rc)
		return result(rc, false);
	unsigned first = op->large ? 0 : op->idx, count = op->large ? SNP_RMP_2M_PAGES : 1;
	bool unchanged = op->region[first].validated == validate;
	for (unsigned i = first; i < first + count; i++)
		op->region[i].validated = validate;
	return result(SNP_RMP_SUCCESS, unchanged);
}

/* A VMPL-0 guest may set the rights of VMPL 1-3 only (its own are not its to change), on
 * a page it validated. */
struct snp_rmp_result snp_rmpadjust(const struct snp_rmp_op *op, uint64_t attrs)
{
	unsigned target = attrs & 0xff;
	if (target > 3 || (attrs >> 17))
		return result(SNP_RMP_FAIL_INPUT, false);
	if (target == 0)
		return result(SNP_RMP_FAIL_PERMISSION, false);
	uint64_t rc = size_check(op);
	if (rc)
		return result(rc, false);
	bool vmsa = attrs & SNP_RMPADJUST_VMSA;
	if (op->large && vmsa && !sev_switch_on(op->switches, SEV_SW_RMPADJUST_2M_VMSA))
		return result(SNP_RMP_FAIL_INPUT, false); /* a VMSA is one 4 KiB page */
	struct snp_page *p = &op->region[op->large ? 0 : op->idx];
	if (!p->validated && !sev_switch_on(op->switches, SEV_SW_RMPADJUST_UNVALIDATED))
		return result(SNP_RMP_FAIL_INPUT, false);
	p->vmsa = vmsa;
	return result(SNP_RMP_SUCCESS, false);
}
