/* break= on riscv64 (arch/riscv/debug_trigger.c, docs/debug.md): the mcontrol6 trigger
 * testvisor asks its firmware for, and what a breakpoint exception of a guest with break
 * addresses is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <rv_debug.h>

/* Debug spec 1.0, 5.7.17 mcontrol6: type [63:60] = 6, vs 24, vu 23, execute 2; m 6, s 4,
 * u 3 clear (never testvisor's own code), action [15:12] 0 (breakpoint exception), match
 * [10:7] 0 (equal), dmode 59 clear (OpenSBI refuses dmode and m). */
static void test_tdata1_bits(void **state)
{
	uint64_t t = rv_break_tdata1();
	assert_int_equal(t >> 60, 6);
	assert_true(t & (1ull << 24));
	assert_true(t & (1ull << 23));
	assert_true(t & (1ull << 2));
	assert_int_equal(t & ((1ull << 6) | (1ull << 4) | (1ull << 3) | (1ull << 59)), 0);
	assert_int_equal((t >> 12) & 0xf, 0);
	assert_int_equal((t >> 7) & 0xf, 0);
	assert_int_equal(t & 3, 0); /* no load/store match */
	assert_int_equal(t, 0x6000000001800004ull);
}

/* Only a break address stops the guest; its own EBREAK elsewhere is its own; with its
 * paging on the trigger compared a virtual pc, which break= does not mean. */
static void test_classify(void **state)
{
	struct break_config b = { 2, { 0x80200000, 0x8020041c } };
	assert_int_equal(rv_break_classify(&b, 0x8020041c, true), RV_BREAK_STOP);
	assert_int_equal(rv_break_classify(&b, 0x80200000, true), RV_BREAK_STOP);
	assert_int_equal(rv_break_classify(&b, 0x80200004, true), RV_BREAK_GUEST);
	assert_int_equal(rv_break_classify(&b, 0x8020041c, false), RV_BREAK_PAGED);
	assert_int_equal(rv_break_classify(&b, 0x80200004, false), RV_BREAK_GUEST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tdata1_bits),
		cmocka_unit_test(test_classify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
