/* The MDCR_EL2 debug-control table and the breakpoint/watchpoint counts against the Arm
 * ARM (DDI 0487): MDCR_EL2 TDE bit 8, TDA bit 9, TDOSA bit 10, TDRA bit 11 (D24
 * "MDCR_EL2"); ID_AA64DFR0_EL1 BRPs [15:12] and WRPs [23:20], each the number minus one;
 * OSLSR_EL1.OSLK resetting to 1. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <arm64/debug_regs.h>

static const struct mdcr_debug_rule *rule(const char *name)
{
	for (size_t i = 0; i < mdcr_debug_rule_count; i++)
		if (!strcmp(mdcr_debug_rules[i].name, name))
			return &mdcr_debug_rules[i];
	return NULL;
}

static void test_bit_positions(void **state)
{
	static const struct { const char *name; unsigned bit; } arm_arm[] = {
		{ "TDE", 8 }, { "TDA", 9 }, { "TDOSA", 10 }, { "TDRA", 11 },
	};
	for (size_t i = 0; i < sizeof(arm_arm) / sizeof(arm_arm[0]); i++) {
		const struct mdcr_debug_rule *r = rule(arm_arm[i].name);
		assert_non_null(r);
		assert_int_equal(r->bit, arm_arm[i].bit);
	}
}

/* The guest owns its self-hosted debug: none of these is set while it runs, whatever the
 * firmware left in MDCR_EL2 (EDK2 may leave TDE set), and other bits are kept. */
static void test_apply_clears_debug_traps_keeps_the_rest(void **state)
{
	uint64_t hpmn = 6, tpm = 1ull << 6;
	uint64_t firmware = hpmn | tpm | (0xfull << 8);
	assert_int_equal(mdcr_debug_apply(firmware), hpmn | tpm);
	for (size_t i = 0; i < mdcr_debug_rule_count; i++)
		assert_false(mdcr_debug_rules[i].value);
}

static void test_counts(void **state)
{
	uint64_t qemu_max = 0x100000001030560aull; /* measured: 6 breakpoints, 4 watchpoints */
	assert_int_equal(debug_brps(qemu_max), 6);
	assert_int_equal(debug_wrps(qemu_max), 4);
	assert_int_equal(debug_brps(0xf000), 16);
	assert_int_equal(debug_wrps(0xf00000), 16);
	assert_int_equal(debug_brps(0), 1);
}

static void test_reset(void **state)
{
	struct arm64_debug_regs r;
	memset(&r, 0xa5, sizeof(r));
	arm64_debug_reset(&r);
	assert_true(r.os_lock);
	for (unsigned n = 0; n < ARM64_MAX_BRPS; n++)
		assert_int_equal(r.bcr[n], 0);
	for (unsigned n = 0; n < ARM64_MAX_WRPS; n++)
		assert_int_equal(r.wcr[n], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bit_positions),
		cmocka_unit_test(test_apply_clears_debug_traps_keeps_the_rest),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
