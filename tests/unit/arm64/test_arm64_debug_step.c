/* Stepping a guest for break= (arch/arm64/debug_step.c) against the Arm ARM (DDI 0487):
 * MDCR_EL2.TDE bit 8, MDSCR_EL1.SS bit 0, SPSR_ELx.SS bit 21, OSLSR_EL1.OSLK bit 1 (D24);
 * ESR_EL2 exception classes 0x32 (software step, lower EL), 0x3c (BRK), 0x30 (breakpoint,
 * lower EL), 0x34 (watchpoint, lower EL), 0x3a (vector catch); PAR_EL1.F bit 0 and PA in
 * bits [47:12]; a trapped MSR/MRS with op0 (ISS [21:20]) == 2 is a debug/trace register. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <arm64/debug_step.h>

static void test_bit_positions(void **state)
{
	assert_int_equal(MDCR_EL2_TDE, 1ull << 8);
	assert_int_equal(MDSCR_EL1_SS, 1ull << 0);
	assert_int_equal(SPSR_SS, 1ull << 21);
	assert_int_equal(OSLSR_EL1_OSLK, 1ull << 1);
	assert_int_equal(PAR_EL1_F, 1ull << 0);
}

/* The seed's lost single-step, arm64 form: only a software step is testvisor's; the
 * guest's BRK goes back to it; its own breakpoints and watchpoints are never taken as
 * steps. */
static void test_exit_kinds(void **state)
{
	assert_int_equal(step_exit_kind(0x32), STEP_EXIT_OURS);
	assert_int_equal(step_exit_kind(0x3c), STEP_EXIT_GUEST_BRK);
	assert_int_equal(step_exit_kind(0x30), STEP_EXIT_UNSUPPORTED);
	assert_int_equal(step_exit_kind(0x34), STEP_EXIT_UNSUPPORTED);
	assert_int_equal(step_exit_kind(0x3a), STEP_EXIT_UNSUPPORTED);
	assert_int_equal(step_exit_kind(0x33), STEP_EXIT_OTHER); /* same-EL step: never at EL2 from a guest */
	assert_int_equal(step_exit_kind(0x18), STEP_EXIT_OTHER);
}

static void test_pc_ipa(void **state)
{
	uint64_t ipa = 0;
	assert_true(step_pc_ipa(false, 0xdead, 0x40080970, &ipa));
	assert_int_equal(ipa, 0x40080970);
	assert_true(step_pc_ipa(true, 0x0000000123456f80ull | 0x700, 0xffff000000001974ull, &ipa));
	assert_int_equal(ipa, 0x123456974ull);
	assert_false(step_pc_ipa(true, PAR_EL1_F | 0x12, 0x1000, &ipa));
}

static void test_debug_register_access(void **state)
{
	/* MDSCR_EL1 (op0 2) read, OSLAR_EL1 (op0 2) write; SCTLR_EL1 (op0 3) is not one. */
	assert_true(step_iss_is_debug_register((2ull << 20) | (2ull << 1) | 1));
	assert_true(step_iss_is_debug_register(0x280483));
	assert_false(step_iss_is_debug_register((3ull << 20) | (1ull << 10)));
	assert_false(step_iss_is_debug_register(1ull << 20));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bit_positions),
		cmocka_unit_test(test_exit_kinds),
		cmocka_unit_test(test_pc_ipa),
		cmocka_unit_test(test_debug_register_access),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
