/* The guest-table walk of dynamic address translation (see guest_dat_walk.h). The four
 * table levels above the page table differ only in where their index and length fields
 * sit in the virtual address, their table type and their exception: one table row each,
 * walked from the level the ASCE designates down to the segment table. */
#include "guest_dat_walk.h"
#include <s390_arch.h>

struct dat_level {
	unsigned index_shift;  /* 11-bit table index: bits (63-shift-10)..(63-shift) */
	unsigned length_shift; /* its two leftmost bits, compared with TL/TF */
	uint64_t table_type;
	uint16_t exception;    /* invalid entry, or index beyond the table's length */
};

enum { LEVEL_REGION1, LEVEL_REGION2, LEVEL_REGION3, LEVEL_SEGMENT, LEVEL_COUNT };

/* PoP ch. 3 "Translation Process": RFX bits 0-10, RSX 11-21, RTX 22-32, SX 33-43, PX
 * 44-51, BX 52-63; the exception codes from ch. 6 "Program-Interruption Conditions". */
static const struct dat_level levels[LEVEL_COUNT] = {
	[LEVEL_REGION1] = { 53, 62, TT_REGION1, PGM_REGION_FIRST },
	[LEVEL_REGION2] = { 42, 51, TT_REGION2, PGM_REGION_SECOND },
	[LEVEL_REGION3] = { 31, 40, TT_REGION3, PGM_REGION_THIRD },
	[LEVEL_SEGMENT] = { 20, 29, TT_SEGMENT, PGM_SEGMENT_TRANSLATION },
};
#define TABLE_INDEX_MASK 0x7ffULL
#define PAGE_INDEX_SHIFT 12
#define PAGE_INDEX_MASK 0xffULL
#define PAGE_OFFSET_MASK 0xfffULL
#define SEGMENT_OFFSET_MASK 0xfffffULL

static uint64_t table_index(unsigned level, uint64_t vaddr)
{
	return (vaddr >> levels[level].index_shift) & TABLE_INDEX_MASK;
}

static uint64_t length_index(unsigned level, uint64_t vaddr)
{
	return (vaddr >> levels[level].length_shift) & 3;
}

static uint16_t fail(const struct dat_walk_req *req, struct dat_walk_result *out, uint16_t code)
{
	out->teid = (req->vaddr & TEID_ADDRESS) | req->teid_bits;
	return code;
}

/* The index bits above the first table the ASCE designates must be zero. */
static bool beyond_asce_type(unsigned first, uint64_t vaddr)
{
	if (first == LEVEL_REGION1)
		return false;
	return (vaddr >> (levels[first - 1].index_shift)) != 0;
}

uint16_t dat_walk(const struct dat_walk_req *req, struct dat_walk_result *out)
{
	uint64_t vaddr = req->vaddr, entry;
	out->protect = false;
	out->teid = 0;
	if (req->asce & ASCE_REAL_SPACE) {
		out->real = vaddr;
		return 0;
	}
	unsigned first = LEVEL_SEGMENT - ((req->asce & ASCE_DT_MASK) >> ASCE_DT_SHIFT);
	if (beyond_asce_type(first, vaddr))
		return fail(req, out, PGM_ASCE_TYPE);
	if (length_index(first, vaddr) > (req->asce & ASCE_TL_MASK))
		return fail(req, out, levels[first].exception);
	uint64_t origin = req->asce & ASCE_ORIGIN;
	for (unsigned l = first; l < LEVEL_SEGMENT; l++) {
		if (!req->read(req->ctx, origin + table_index(l, vaddr) * 8, &entry))
			return PGM_ADDRESSING;
		if (entry & REGION_ENTRY_I)
			return fail(req, out, levels[l].exception);
		if ((entry & REGION_ENTRY_TT) != levels[l].table_type)
			return fail(req, out, PGM_TRANSLATION_SPEC);
		uint64_t next = length_index(l + 1, vaddr);
		if (next < (entry & REGION_ENTRY_TF) >> REGION_ENTRY_TF_SHIFT ||
		    next > (entry & REGION_ENTRY_TL))
			return fail(req, out, levels[l + 1].exception);
		if (req->edat1 && (entry & REGION_ENTRY_P))
			out->protect = true;
		origin = entry & REGION_ENTRY_ORIGIN;
	}
	if (!req->read(req->ctx, origin + table_index(LEVEL_SEGMENT, vaddr) * 8, &entry))
		return PGM_ADDRESSING;
	if (entry & SEGMENT_ENTRY_I)
		return fail(req, out, PGM_SEGMENT_TRANSLATION);
	if ((entry & SEGMENT_ENTRY_TT) != TT_SEGMENT ||
	    ((entry & SEGMENT_ENTRY_CS) && (req->asce & ASCE_PRIVATE_SPACE)))
		return fail(req, out, PGM_TRANSLATION_SPEC);
	if (entry & SEGMENT_ENTRY_P)
		out->protect = true;
	if (req->edat1 && (entry & SEGMENT_ENTRY_FC)) {
		out->real = (entry & SEGMENT_ENTRY_SFAA) | (vaddr & SEGMENT_OFFSET_MASK);
		return 0;
	}
	origin = entry & SEGMENT_ENTRY_ORIGIN;
	uint64_t px = (vaddr >> PAGE_INDEX_SHIFT) & PAGE_INDEX_MASK;
	if (!req->read(req->ctx, origin + px * 8, &entry))
		return PGM_ADDRESSING;
	if (entry & PAGE_ENTRY_I)
		return fail(req, out, PGM_PAGE_TRANSLATION);
	if (entry & PAGE_ENTRY_0)
		return fail(req, out, PGM_TRANSLATION_SPEC);
	if (entry & PAGE_ENTRY_P)
		out->protect = true;
	out->real = (entry & PAGE_ENTRY_PFRA) | (vaddr & PAGE_OFFSET_MASK);
	return 0;
}

uint64_t dat_table_index(enum asce_dt dt, uint64_t vaddr)
{
	return table_index(LEVEL_SEGMENT - dt, vaddr);
}

bool dat_exception_nullifies(uint16_t code)
{
	static const uint16_t nullifying[] = {
		PGM_ASCE_TYPE, PGM_REGION_FIRST, PGM_REGION_SECOND, PGM_REGION_THIRD,
		PGM_SEGMENT_TRANSLATION, PGM_PAGE_TRANSLATION,
	};
	for (unsigned i = 0; i < sizeof(nullifying) / sizeof(nullifying[0]); i++)
		if (nullifying[i] == code)
			return true;
	return false;
}

/* The address spaces: which control register holds the ASCE, which PSW address-space
 * control (bits 16-17) selects the space, and its code in a TEID (bits 62-63) (PoP
 * ch. 3 "Address Spaces", ch. 6 "Translation-Exception Identification"). */
static const struct dat_space_info spaces[DAT_SPACES] = {
	[DAT_SPACE_PRIMARY] = { 1, 0, 0 },
	[DAT_SPACE_SECONDARY] = { 7, 2, 2 },
	[DAT_SPACE_HOME] = { 13, 3, 3 },
};
#define PSW_ASC_MASK 0x0000c00000000000ULL
#define PSW_ASC_SHIFT 46

const struct dat_space_info *dat_space(enum dat_space space)
{
	return &spaces[space];
}

bool dat_space_of_psw(uint64_t psw_mask, enum dat_space *space)
{
	for (unsigned i = 0; i < DAT_SPACES; i++)
		if (spaces[i].psw_asc == (psw_mask & PSW_ASC_MASK) >> PSW_ASC_SHIFT) {
			*space = (enum dat_space)i;
			return true;
		}
	return false;           /* access-register mode */
}

bool dat_space_of_teid(uint64_t teid, enum dat_space *space)
{
	for (unsigned i = 0; i < DAT_SPACES; i++)
		if (spaces[i].teid_asid == (teid & TEID_ASID_MASK)) {
			*space = (enum dat_space)i;
			return true;
		}
	return false;           /* access-register specified */
}
