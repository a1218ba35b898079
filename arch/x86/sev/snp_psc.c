/* The SNP page-state change descriptor carried out (x86/snp_psc.h). */
#include <string.h>
#include <x86/snp_psc.h>

#define ENTRY_CUR_PAGE 0xfffull
#define ENTRY_GFN(e) (((e) >> 12) & ((1ull << 40) - 1))
#define ENTRY_OP(e) ((unsigned)((e) >> 52) & 0xf)
#define ENTRY_2M (1ull << 56)

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static void set16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

uint64_t snp_psc_run(uint8_t *desc, size_t len, snp_psc_page_fn page, void *ctx)
{
	if (len < SNP_PSC_HDR_SIZE)
		return SNP_PSC_ERROR_INVALID_HDR;
	size_t max = (len - SNP_PSC_HDR_SIZE) / SNP_PSC_ENTRY_SIZE;
	if (max > SNP_PSC_MAX_ENTRIES)
		max = SNP_PSC_MAX_ENTRIES;
	unsigned cur = get16(desc), end = get16(desc + 2);
	if (end >= max)
		return SNP_PSC_ERROR_INVALID_HDR;
	for (unsigned idx = cur; idx <= end; idx++) {
		uint8_t *slot = desc + SNP_PSC_HDR_SIZE + idx * SNP_PSC_ENTRY_SIZE;
		uint64_t e;
		memcpy(&e, slot, 8);
		uint64_t npages = (e & ENTRY_2M) ? 512 : 1, gfn = ENTRY_GFN(e);
		uint64_t done = e & ENTRY_CUR_PAGE;
		if (done > npages || gfn % npages)
			return SNP_PSC_ERROR_INVALID_ENTRY;
		unsigned op = ENTRY_OP(e);
		for (; done < npages; done++) {
			if ((op == SNP_PSC_OP_PRIVATE || op == SNP_PSC_OP_SHARED) && page(ctx, gfn + done, op))
				break;
		}
		e = (e & ~ENTRY_CUR_PAGE) | done;
		memcpy(slot, &e, 8);
		if (done < npages)
			return SNP_PSC_ERROR_GENERIC;
		set16(desc, (uint16_t)(idx + 1));
	}
	return 0;
}
