/* The guest-table walker of dynamic address translation (arch/s390/guest_dat_walk.c):
 * each table level, invalid bits, table length and offset, table types, protection and
 * ASCE types, with the exception codes and TEIDs of the Principles of Operation
 * (SA22-7832 ch. 3 "Dynamic Address Translation", ch. 6 "Program-Interruption
 * Conditions"). Numbers are spelled out here from those sections, not taken from the
 * header under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "guest_dat_walk.h"

#define MEM_BYTES (4u << 20)
static uint64_t mem[MEM_BYTES / 8];

static bool read_entry(void *ctx, uint64_t abs, uint64_t *entry)
{
	(void)ctx;
	if (abs >= MEM_BYTES)
		return false;
	*entry = mem[abs / 8];
	return true;
}

static void put(uint64_t abs, uint64_t entry) { mem[abs / 8] = entry; }

/* Fills a 2048-entry (16 KiB) region or segment table, or a 256-entry page table, with
 * invalid entries of the right type. */
static void invalid_table(uint64_t origin, unsigned entries, uint64_t invalid)
{
	for (unsigned i = 0; i < entries; i++)
		put(origin + 8 * i, invalid);
}

/* Layout: R1 at 0x100000, R2 at 0x110000, R3 at 0x120000, segment table at 0x130000,
 * page table at 0x140000. Virtual 0x12345000 (RFX=RSX=RTX=0, SX=0x123, PX=0x45)
 * maps to real 0x200000. */
#define R1T 0x100000ULL
#define R2T 0x110000ULL
#define R3T 0x120000ULL
#define SGT 0x130000ULL
#define PGT 0x140000ULL
#define VA  0x12345000ULL
#define SX  0x123
#define PX  0x45
#define FRAME 0x200000ULL

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	invalid_table(R1T, 2048, 0x20 | 0xc);
	invalid_table(R2T, 2048, 0x20 | 0x8);
	invalid_table(R3T, 2048, 0x20 | 0x4);
	invalid_table(SGT, 2048, 0x20);
	invalid_table(PGT, 256, 0x400);
	put(R1T, R2T | 0xc | 3);        /* TT=11 region-first entry, TL=3 */
	put(R2T, R3T | 0x8 | 3);
	put(R3T, SGT | 0x4 | 3);
	put(SGT + SX * 8, PGT);         /* TT=00 */
	put(PGT + PX * 8, FRAME);
	return 0;
}

static uint16_t walk(uint64_t asce, uint64_t va, struct dat_walk_result *r)
{
	struct dat_walk_req req = { .asce = asce, .vaddr = va, .teid_bits = 0x800,
				    .read = read_entry, .ctx = NULL };
	return dat_walk(&req, r);
}

static void every_asce_type_translates(void **state)
{
	struct dat_walk_result r;
	const uint64_t asces[] = { R1T | 0xc | 3, R2T | 0x8 | 3, R3T | 0x4 | 3, SGT | 0x0 | 3 };
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(walk(asces[i], VA + 0x123, &r), 0);
		assert_int_equal(r.real, FRAME + 0x123);
		assert_false(r.protect);
	}
}

static void real_space_asce_is_identity(void **state)
{
	struct dat_walk_result r;
	assert_int_equal(walk(0x20, 0xfedcba9876543210ULL, &r), 0);
	assert_int_equal(r.real, 0xfedcba9876543210ULL);
}

/* Invalid bit of each level: its own translation exception, TEID = page | bits. */
static void invalid_entry_of_each_level(void **state)
{
	struct dat_walk_result r;
	put(PGT + PX * 8, FRAME | 0x400);
	assert_int_equal(walk(SGT | 3, VA + 8, &r), 0x11);
	assert_int_equal(r.teid, VA | 0x800);
	put(SGT + SX * 8, PGT | 0x20);
	assert_int_equal(walk(SGT | 3, VA, &r), 0x10);
	put(R3T, SGT | 0x4 | 3 | 0x20);
	assert_int_equal(walk(R3T | 0x4 | 3, VA, &r), 0x3b);
	put(R2T, R3T | 0x8 | 3 | 0x20);
	assert_int_equal(walk(R2T | 0x8 | 3, VA, &r), 0x3a);
	put(R1T, R2T | 0xc | 3 | 0x20);
	assert_int_equal(walk(R1T | 0xc | 3, VA, &r), 0x39);
	assert_int_equal(r.teid, VA | 0x800);
}

/* The ASCE's table length covers 512 entries per unit: an index beyond it is the
 * designated level's exception. */
static void asce_table_length(void **state)
{
	struct dat_walk_result r;
	uint64_t va = 0x40000000ULL;    /* SX 0x400: needs TL >= 2 */
	assert_int_equal(walk(SGT | 1, va, &r), 0x10);
	assert_int_equal(r.teid, va | 0x800);
	va = 0x0000020000000000ULL;     /* RTX 0x400 */
	assert_int_equal(walk(R3T | 0x4 | 1, va, &r), 0x3b);
	va = 0x0010000000000000ULL;     /* RSX 0x400 (bit 11) */
	assert_int_equal(walk(R2T | 0x8 | 0, va, &r), 0x3a);
	va = 0x4000000000000000ULL;     /* RFX 0x200 */
	assert_int_equal(walk(R1T | 0xc | 0, va, &r), 0x39);
}

/* Region entries carry the next table's offset (TF) and length (TL). */
static void region_entry_offset_and_length(void **state)
{
	struct dat_walk_result r;
	put(R3T, SGT | (1 << 6) | 0x4 | 3);  /* segment table starts at index 512 */
	assert_int_equal(walk(R3T | 0x4 | 3, VA, &r), 0x10);
	put(R3T, SGT | 0x4 | 0);             /* 512 entries: SX 0x400 beyond */
	assert_int_equal(walk(R3T | 0x4 | 3, 0x40000000ULL, &r), 0x10);
	put(R2T, R3T | 0x8 | 0);
	assert_int_equal(walk(R2T | 0x8 | 3, 0x0000020000000000ULL, &r), 0x3b);
	put(R1T, R2T | (2 << 6) | 0xc | 3);
	assert_int_equal(walk(R1T | 0xc | 3, VA, &r), 0x3a);
}

/* An entry of the wrong table type is a translation-specification exception, and so
 * is bit 52 of a page-table entry. */
static void table_type_and_reserved_bits(void **state)
{
	struct dat_walk_result r;
	put(R1T, R2T | 0x8 | 3);
	assert_int_equal(walk(R1T | 0xc | 3, VA, &r), 0x12);
	assert_int_equal(r.teid, VA | 0x800);
	put(SGT + SX * 8, PGT | 0x4);
	assert_int_equal(walk(SGT | 3, VA, &r), 0x12);
	put(SGT + SX * 8, PGT);
	put(PGT + PX * 8, FRAME | 0x800);
	assert_int_equal(walk(SGT | 3, VA, &r), 0x12);
}

/* Common segment in a private space is a translation-specification exception. */
static void common_segment_in_private_space(void **state)
{
	struct dat_walk_result r;
	put(SGT + SX * 8, PGT | 0x10);
	assert_int_equal(walk(SGT | 3, VA, &r), 0);
	assert_int_equal(walk(SGT | 0x100 | 3, VA, &r), 0x12);
}

/* Index bits above the designated first table must be zero: ASCE-type exception. */
static void asce_type_exception(void **state)
{
	struct dat_walk_result r;
	assert_int_equal(walk(SGT | 3, 0x80000000ULL, &r), 0x38);
	assert_int_equal(r.teid, 0x80000000ULL | 0x800);
	assert_int_equal(walk(R3T | 0x4 | 3, 0x0000040000000000ULL, &r), 0x38);
	assert_int_equal(walk(R2T | 0x8 | 3, 0x0020000000000000ULL, &r), 0x38);
}

static void protection_bits(void **state)
{
	struct dat_walk_result r;
	put(PGT + PX * 8, FRAME | 0x200);
	assert_int_equal(walk(SGT | 3, VA, &r), 0);
	assert_true(r.protect);
	put(PGT + PX * 8, FRAME);
	put(SGT + SX * 8, PGT | 0x200);
	assert_int_equal(walk(SGT | 3, VA, &r), 0);
	assert_true(r.protect);
	/* Region protection only with EDAT-1. */
	put(SGT + SX * 8, PGT);
	put(R3T, SGT | 0x200 | 0x4 | 3);
	assert_int_equal(walk(R3T | 0x4 | 3, VA, &r), 0);
	assert_false(r.protect);
	struct dat_walk_req req = { .asce = R3T | 0x4 | 3, .vaddr = VA, .edat1 = true,
				    .read = read_entry };
	assert_int_equal(dat_walk(&req, &r), 0);
	assert_true(r.protect);
}

/* EDAT-1: a segment entry with FC=1 maps a 1 MiB frame; without EDAT-1 FC is ignored. */
static void edat1_large_segment(void **state)
{
	struct dat_walk_result r;
	put(SGT + SX * 8, 0x00300000ULL | 0x400);
	struct dat_walk_req req = { .asce = SGT | 3, .vaddr = VA + 0x67, .edat1 = true,
				    .read = read_entry };
	assert_int_equal(dat_walk(&req, &r), 0);
	assert_int_equal(r.real, 0x00300000ULL | 0x45067);
}

static void table_outside_storage_is_addressing(void **state)
{
	struct dat_walk_result r;
	put(SGT + SX * 8, 0x10000000ULL);
	assert_int_equal(walk(SGT | 3, VA, &r), 0x05);
	assert_int_equal(walk(0x40000000ULL | 3, VA, &r), 0x05);
}

/* Translation exceptions nullify, translation specification suppresses (PoP ch. 6). */
static void which_exceptions_nullify(void **state)
{
	const uint16_t nullify[] = { 0x38, 0x39, 0x3a, 0x3b, 0x10, 0x11 };
	for (unsigned i = 0; i < 6; i++)
		assert_true(dat_exception_nullifies(nullify[i]));
	assert_false(dat_exception_nullifies(0x12));
	assert_false(dat_exception_nullifies(0x04));
	assert_false(dat_exception_nullifies(0x05));
	assert_int_equal(PGM_SPECIAL_OPERATION, 0x13);  /* PoP ch. 6 */
}

/* IDTE's index field: the table index of its type's level. */
static void table_index_per_type(void **state)
{
	uint64_t va = (0x101ULL << 53) | (0x202ULL << 42) | (0x303ULL << 31) | (0x404ULL << 20);
	assert_int_equal(dat_table_index(ASCE_DT_REGION1, va), 0x101);
	assert_int_equal(dat_table_index(ASCE_DT_REGION2, va), 0x202);
	assert_int_equal(dat_table_index(ASCE_DT_REGION3, va), 0x303);
	assert_int_equal(dat_table_index(ASCE_DT_SEGMENT, va), 0x404);
}

/* PSW bits 16-17: 00 primary (CR1), 01 access register, 10 secondary (CR7), 11 home
 * (CR13); TEID bits 62-63 the same codes (PoP ch. 3 "Address Spaces", ch. 6). */
static void address_spaces(void **state)
{
	enum dat_space sp;
	assert_true(dat_space_of_psw(0x0400000180000000ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_PRIMARY);
	assert_int_equal(dat_space(sp)->cr, 1);
	assert_true(dat_space_of_psw(0x0400800180000000ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_SECONDARY);
	assert_int_equal(dat_space(sp)->cr, 7);
	assert_true(dat_space_of_psw(0x0400c00180000000ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_HOME);
	assert_int_equal(dat_space(sp)->cr, 13);
	assert_false(dat_space_of_psw(0x0400400180000000ULL, &sp));
	assert_true(dat_space_of_teid(0x40001803ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_HOME);
	assert_true(dat_space_of_teid(0x40001802ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_SECONDARY);
	assert_true(dat_space_of_teid(0x40001800ULL, &sp));
	assert_int_equal(sp, DAT_SPACE_PRIMARY);
	assert_false(dat_space_of_teid(0x40001801ULL, &sp));
	assert_int_equal(dat_space(DAT_SPACE_HOME)->teid_asid, 3);
	assert_int_equal(dat_space(DAT_SPACE_SECONDARY)->teid_asid, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(every_asce_type_translates, setup),
		cmocka_unit_test_setup(real_space_asce_is_identity, setup),
		cmocka_unit_test_setup(invalid_entry_of_each_level, setup),
		cmocka_unit_test_setup(asce_table_length, setup),
		cmocka_unit_test_setup(region_entry_offset_and_length, setup),
		cmocka_unit_test_setup(table_type_and_reserved_bits, setup),
		cmocka_unit_test_setup(common_segment_in_private_space, setup),
		cmocka_unit_test_setup(asce_type_exception, setup),
		cmocka_unit_test_setup(protection_bits, setup),
		cmocka_unit_test_setup(edat1_large_segment, setup),
		cmocka_unit_test_setup(table_outside_storage_is_addressing, setup),
		cmocka_unit_test(which_exceptions_nullify),
		cmocka_unit_test(table_index_per_type),
		cmocka_unit_test(address_spaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
