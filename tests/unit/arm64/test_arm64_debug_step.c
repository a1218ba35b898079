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

/* ISS of a trapped MSR/MRS: op0 [21:20], op2 [19:17], op1 [16:14], CRn [13:10], Rt [9:5],
 * CRm [4:1], direction 0 (1: read). */
static uint64_t iss(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2, bool read)
{
	return ((uint64_t)op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (9u << 5) |
	       (crm << 1) | read;
}

/* MDSCR_EL1 S2_0_C0_C2_2, OSLSR_EL1 S2_0_C1_C1_4, OSLAR_EL1 S2_0_C1_C0_4 are answered from
 * the guest's view; DBGBVR0_EL1 S2_0_C0_C0_4 and the rest are not. */
static void test_guest_registers(void **state)
{
	assert_int_equal(step_guest_reg(iss(2, 0, 0, 2, 2, true)), STEP_REG_MDSCR);
	assert_int_equal(step_guest_reg(iss(2, 0, 0, 2, 2, false)), STEP_REG_MDSCR);
	assert_int_equal(step_guest_reg(iss(2, 0, 1, 1, 4, true)), STEP_REG_OSLSR);
	assert_int_equal(step_guest_reg(0x280483), STEP_REG_OSLSR); /* the payload's MRS */
	assert_int_equal(step_guest_reg(iss(2, 0, 1, 0, 4, false)), STEP_REG_OSLAR);
	assert_int_equal(step_guest_reg(iss(2, 0, 0, 0, 4, false)), STEP_REG_OTHER); /* DBGBVR0 */
	assert_int_equal(step_guest_reg(0x280300), STEP_REG_OTHER);
	assert_int_equal(step_guest_reg(iss(2, 3, 0, 2, 2, true)), STEP_REG_OTHER); /* op1 3 */
	assert_int_equal(step_guest_reg(iss(3, 0, 0, 2, 2, true)), STEP_REG_OTHER);
}

/* D2.12: from EL1 the guest's step needs MDSCR_EL1.SS and KDE with PSTATE.D clear, from
 * EL0 SS alone; the OS lock disables it. */
static void test_guest_step_enabled(void **state)
{
	struct step_guest_view g = { MDSCR_EL1_SS | MDSCR_EL1_KDE, false };
	assert_true(step_guest_enabled(&g, 0x5));           /* EL1h, D clear */
	assert_false(step_guest_enabled(&g, 0x5 | SPSR_D)); /* D masked */
	assert_true(step_guest_enabled(&g, 0x0));           /* EL0 */
	g.oslk = true;
	assert_false(step_guest_enabled(&g, 0x5));
	g = (struct step_guest_view){ MDSCR_EL1_SS, false };
	assert_false(step_guest_enabled(&g, 0x5));          /* KDE clear */
	assert_true(step_guest_enabled(&g, 0x0));
	g = (struct step_guest_view){ MDSCR_EL1_KDE, false };
	assert_false(step_guest_enabled(&g, 0x0));          /* SS clear */
}

/* The seed's lost single-step: after the guest's own ERET with SPSR.SS=1 it is owed a
 * step exception after the next instruction (ISV=1), with SPSR.SS=0 one at once (ISV=0);
 * the ESR is what QEMU gives standalone (0xcf000022 at EL1). */
static void test_guest_step_after_eret(void **state)
{
	struct step_guest_view g = { MDSCR_EL1_SS | MDSCR_EL1_KDE, false };
	assert_true(step_insn_is_eret(0xd69f03e0));
	assert_true(step_insn_is_eret(0xd69f0bff)); /* ERETAA */
	assert_false(step_insn_is_eret(0xd65f03c0)); /* RET */
	assert_int_equal(step_guest_after_eret(&g, 0x5 | SPSR_SS), STEP_OWED_STEP);
	assert_int_equal(step_guest_after_eret(&g, 0x5), STEP_OWED_PENDING);
	assert_int_equal(step_guest_after_eret(&g, 0x5 | SPSR_D | SPSR_SS), STEP_OWED_NONE);
	g.mdscr = MDSCR_EL1_KDE;
	assert_int_equal(step_guest_after_eret(&g, 0x5 | SPSR_SS), STEP_OWED_NONE);
	assert_int_equal(step_guest_esr(0x5, true), 0xcf000022);
	assert_int_equal(step_guest_esr(0x0, false), 0xca000022);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bit_positions),
		cmocka_unit_test(test_exit_kinds),
		cmocka_unit_test(test_pc_ipa),
		cmocka_unit_test(test_debug_register_access),
		cmocka_unit_test(test_guest_registers),
		cmocka_unit_test(test_guest_step_enabled),
		cmocka_unit_test(test_guest_step_after_eret),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
