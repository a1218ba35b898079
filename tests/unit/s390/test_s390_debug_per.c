/* Guest PER bookkeeping (arch/s390/debug_per_event.c) against the Principles of
 * Operation: CR9 bit positions (ch. 4 "Control-Register Allocation"), lowcore offsets of
 * the PER fields (0x8e code with bit 0x80, 0x96 PER code, 0x97 ATMID, 0x98 address, 0xa1
 * access id), the address range with wrap-around ("PER Address Range") and the
 * store-using-real-address event needing CR9 bits 34 and 36. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "debug_per.h"

#define CR9_BIT(n) (1ull << (63 - (n)))

static void test_cr9_bits(void **state)
{
	assert_int_equal(PER_CR9_GUEST_BITS, CR9_BIT(32) | CR9_BIT(33) | CR9_BIT(34) | CR9_BIT(36) |
						  CR9_BIT(39) | CR9_BIT(40));
	assert_int_equal(PER_CR9_GUEST_BITS & CR9_BIT(42), 0); /* storage-alteration-space control */
	assert_int_equal(PER_CR9_STORAGE_ALTERATION, CR9_BIT(34));
	assert_int_equal(PER_CR9_STORE_REAL, CR9_BIT(36));
}

static void test_take_reads_the_pop_offsets(void **state)
{
	uint8_t lc[0x200] = { 0 };
	lc[0x8d] = 4;          /* ILC 4 bytes */
	lc[0x8f] = 0x82;       /* privileged operation + PER */
	lc[0x96] = 0x40;       /* instruction fetching */
	lc[0x97] = 0xe0;       /* ATMID: 64-bit, DAT on (the real PSW) */
	lc[0xa1] = 3;
	for (unsigned i = 0; i < 8; i++)
		lc[0x98 + i] = (uint8_t)(0x0102030405060708ull >> (56 - 8 * i));
	struct per_event ev = per_event_take(lc, false);
	assert_true(ev.pending);
	assert_int_equal(ev.code, 0x40);
	assert_int_equal(ev.atmid, 0xc0); /* the guest's DAT is off */
	assert_int_equal(ev.address, 0x0102030405060708ull);
	assert_int_equal(ev.access_id, 3);
	assert_int_equal(ev.ilc, 4);
	lc[0x8f] = 0x02;
	assert_false(per_event_take(lc, false).pending);
}

static void test_store_adds_the_per_bit(void **state)
{
	uint8_t lc[0x200] = { 0 };
	lc[0x8f] = 0x06;
	struct per_event ev = { .pending = true, .code = 0x08, .atmid = 0xc0, .address = 0x20400 };
	per_event_store(lc, &ev, true);
	assert_int_equal(lc[0x8f], 0x86);
	assert_int_equal(lc[0x96], 0x08);
	assert_int_equal(lc[0x97], 0xc0);
	assert_int_equal(lc[0x9d], 0x02);
	assert_int_equal(lc[0x9e], 0x04);
}

static void test_merge(void **state)
{
	struct per_event hw = { .pending = true, .code = 0x40, .address = 0x100 };
	struct per_event emu = { .pending = true, .code = 0x08, .address = 0x100 };
	per_event_merge(&hw, &emu);
	assert_int_equal(hw.code, 0x48);
	assert_false(emu.pending);
	struct per_event none = { 0 };
	emu = (struct per_event){ .pending = true, .code = 0x08, .address = 0x200 };
	per_event_merge(&none, &emu);
	assert_true(none.pending);
	assert_int_equal(none.address, 0x200);
}

static void test_range(void **state)
{
	assert_true(per_range_hit(0x1000, 0x1007, 0x1004, 4));
	assert_true(per_range_hit(0x1000, 0x1007, 0xffe, 4));  /* last bytes inside */
	assert_false(per_range_hit(0x1000, 0x1007, 0x1008, 4));
	assert_true(per_range_hit(0xfffffffffffff000ull, 0x10, 0x8, 4)); /* wraps */
	assert_false(per_range_hit(0xfffffffffffff000ull, 0x10, 0x100, 4));
}

static void test_store_real_needs_both_bits(void **state)
{
	assert_true(per_store_real_event(CR9_BIT(34) | CR9_BIT(36), 0x100, 0x103, 0x100, 4));
	assert_false(per_store_real_event(CR9_BIT(36), 0x100, 0x103, 0x100, 4));
	assert_false(per_store_real_event(CR9_BIT(34), 0x100, 0x103, 0x100, 4));
	assert_false(per_store_real_event(CR9_BIT(34) | CR9_BIT(36), 0x100, 0x103, 0x104, 4));
}

/* break=: nullifying instruction fetch (CR9 bits 33, 39) over the break addresses' span
 * with DAT off, every address with DAT on (logical addresses), every address but the one
 * being stepped over (a wrapping range, CR10 > CR11) after a miss in the span. */
static void test_break_range(void **state)
{
	assert_int_equal(PER_CR9_IFETCH, CR9_BIT(33));
	assert_int_equal(PER_CR9_IFETCH_NULLIFY, CR9_BIT(39));
	struct break_config b = { 3, { 0x20760, 0x10002, 0x20850 } };
	struct per_range r = per_break_range(&b, false, false, 0);
	assert_int_equal(r.start, 0x10002);
	assert_int_equal(r.end, 0x20850);
	r = per_break_range(&b, true, false, 0);
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, ~0ull);
	r = per_break_range(&b, false, true, 0x20000);
	assert_false(per_range_hit(r.start, r.end, 0x20000, 1));
	assert_true(per_range_hit(r.start, r.end, 0x1fffe, 1));
	assert_true(per_range_hit(r.start, r.end, 0x20002, 1));
	assert_true(per_range_hit(r.start, r.end, 0x10002, 1));
	r = per_break_range(&b, false, true, 0); /* stepping over address 0 */
	assert_false(per_range_hit(r.start, r.end, 0, 1));
	assert_true(per_range_hit(r.start, r.end, ~0ull, 1));
	/* A miss inside the span is stepped over; outside it the span alone is armed again. */
	assert_true(per_break_must_skip(&b, false, 0x10002));
	assert_true(per_break_must_skip(&b, false, 0x20000));
	assert_false(per_break_must_skip(&b, false, 0x10000));
	assert_false(per_break_must_skip(&b, false, 0x20852));
	assert_true(per_break_must_skip(&b, true, 0x40000100));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cr9_bits),
		cmocka_unit_test(test_take_reads_the_pop_offsets),
		cmocka_unit_test(test_store_adds_the_per_bit),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_store_real_needs_both_bits),
		cmocka_unit_test(test_break_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
