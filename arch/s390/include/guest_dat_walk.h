/* The guest's dynamic address translation as the Principles of Operation (SA22-7832,
 * ch. 3 "Dynamic Address Translation") define it: a walk from an address-space-control
 * element through region, segment and page tables to a real address, or the program
 * exception and translation-exception identification the CPU would present. Pure logic
 * (table entries come through a callback), host unit-tested; docs/s390.md lists the rules. */
#ifndef GUEST_DAT_WALK_H
#define GUEST_DAT_WALK_H

#include <stdbool.h>
#include <stdint.h>

/* Address-space-control element (PoP ch. 3 "Address-Space-Control Element"). */
#define ASCE_ORIGIN         (~0xfffULL)  /* bits 0-51: table origin */
#define ASCE_PRIVATE_SPACE  0x100ULL     /* bit 55 */
#define ASCE_REAL_SPACE     0x020ULL     /* bit 58 */
#define ASCE_DT_MASK        0x00cULL     /* bits 60-61: designation type */
#define ASCE_DT_SHIFT       2
#define ASCE_TL_MASK        0x003ULL     /* bits 62-63: table length */
enum asce_dt { ASCE_DT_SEGMENT = 0, ASCE_DT_REGION3 = 1, ASCE_DT_REGION2 = 2, ASCE_DT_REGION1 = 3 };

/* Region-table entries (PoP ch. 3 "Region-Table Entries"). */
#define REGION_ENTRY_ORIGIN (~0xfffULL)
#define REGION_ENTRY_P      0x200ULL     /* bit 54: protection (EDAT-1) */
#define REGION_ENTRY_TF     0x0c0ULL     /* bits 56-57: offset of the next table */
#define REGION_ENTRY_TF_SHIFT 6
#define REGION_ENTRY_I      0x020ULL     /* bit 58: invalid */
#define REGION_ENTRY_TT     0x00cULL     /* bits 60-61: table type */
#define REGION_ENTRY_TL     0x003ULL     /* bits 62-63: length of the next table */
/* Segment-table entries (PoP ch. 3 "Segment-Table Entries"). */
#define SEGMENT_ENTRY_ORIGIN (~0x7ffULL) /* bits 0-52: page-table origin */
#define SEGMENT_ENTRY_SFAA  (~0xfffffULL) /* bits 0-43: segment-frame absolute address */
#define SEGMENT_ENTRY_FC    0x400ULL     /* bit 53: format control (EDAT-1) */
#define SEGMENT_ENTRY_P     0x200ULL     /* bit 54: page protection */
#define SEGMENT_ENTRY_I     0x020ULL     /* bit 58: invalid */
#define SEGMENT_ENTRY_CS    0x010ULL     /* bit 59: common segment */
#define SEGMENT_ENTRY_TT    0x00cULL     /* bits 60-61: table type, 00 */
/* Page-table entries (PoP ch. 3 "Page-Table Entries"). */
#define PAGE_ENTRY_PFRA     (~0xfffULL)  /* bits 0-51: page-frame real address */
#define PAGE_ENTRY_0        0x800ULL     /* bit 52: must be zero */
#define PAGE_ENTRY_I        0x400ULL     /* bit 53: invalid */
#define PAGE_ENTRY_P        0x200ULL     /* bit 54: page protection */
/* Table-type values of region and segment entries (bits 60-61). */
#define TT_REGION1 0xcULL
#define TT_REGION2 0x8ULL
#define TT_REGION3 0x4ULL
#define TT_SEGMENT 0x0ULL

/* Translation-exception identification (PoP ch. 6 "Translation-Exception
 * Identification"): the failing page address in bits 0-51, fetch/store indication in
 * bits 52-53 (as the machine sets them), DAT protection in bit 61, the address space in
 * bits 62-63. */
#define TEID_ADDRESS        (~0xfffULL)
#define TEID_FETCH          0x800ULL
#define TEID_STORE          0x400ULL
#define TEID_DAT_PROTECTION 0x004ULL
#define TEID_ASID_MASK      0x003ULL

/* Special-operation exception (PoP ch. 6): SET ADDRESS SPACE CONTROL with DAT off, or a
 * space its controls do not allow. */
#define PGM_SPECIAL_OPERATION 0x0013

/* Reads the 8-byte table entry at guest absolute `abs`; false when it is outside guest
 * storage (an addressing exception). */
typedef bool (*dat_entry_reader)(void *ctx, uint64_t abs, uint64_t *entry);

struct dat_walk_req {
	uint64_t asce;
	uint64_t vaddr;
	bool edat1;            /* CR0 bit 40 set and the facility installed */
	uint64_t teid_bits;    /* fetch/store and address-space bits for a TEID */
	dat_entry_reader read;
	void *ctx;
};

struct dat_walk_result {
	uint64_t real;         /* the real address of vaddr */
	bool protect;          /* page, segment or (EDAT-1) region protection */
	uint64_t teid;         /* on a translation exception */
};

/* Translates req->vaddr: 0 and out->real on success, else the program-interruption code
 * (PGM_ADDRESSING when a table entry lies outside storage: no TEID then). */
uint16_t dat_walk(const struct dat_walk_req *req, struct dat_walk_result *out);

/* The address spaces DAT translates for (access-register mode is not emulated): the
 * control register with the space's ASCE, the PSW address-space control that selects
 * it, its code in TEID bits 62-63. */
enum dat_space { DAT_SPACE_PRIMARY, DAT_SPACE_SECONDARY, DAT_SPACE_HOME, DAT_SPACES };
struct dat_space_info { unsigned cr; uint64_t psw_asc; uint64_t teid_asid; };
const struct dat_space_info *dat_space(enum dat_space space);
/* False for access-register mode (PSW) or an access-register-specified TEID. */
bool dat_space_of_psw(uint64_t psw_mask, enum dat_space *space);
bool dat_space_of_teid(uint64_t teid, enum dat_space *space);

/* The index of `vaddr` in a table of type `dt` (what IDTE takes from R2). */
uint64_t dat_table_index(enum asce_dt dt, uint64_t vaddr);

/* ASCE-type, region, segment and page translation exceptions nullify the instruction
 * (the PSW addresses it); translation specification suppresses (PoP ch. 6
 * "Program-Interruption Conditions"). */
bool dat_exception_nullifies(uint16_t code);

#endif
