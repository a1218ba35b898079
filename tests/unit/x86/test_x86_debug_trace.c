/* Tracing decisions (arch/x86/svm/debug_trace_db.c): the `trace=` value, which
 * instructions load RFLAGS, and who a #DB belongs to while testvisor single-steps a guest.
 * DR6 bits from the SDM vol. 3 18.2.3 (B0-B3 0-3, BD 13, BS 14; 0xFFFF0FF0 reserved ones);
 * the rule that the guest's own single-step must not be lost while the host steps it is
 * the seed "KVM: X86: Two fixes for KVM_SET_GUEST_DEBUG". */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/debug_trace.h>

#define DR6_FIXED 0xffff0ff0ull
#define BS (1ull << 14)
#define BD (1ull << 13)
#define B1 (1ull << 1)
#define B3 (1ull << 3)
#define DR7_RESET 0x400ull
#define DR7_L1 (1ull << 2) /* DR7 (SDM vol. 3 18.2.4): Ln bit 2n, Gn bit 2n+1 */
#define DR7_G1 (1ull << 3)
#define DR7_L3 (1ull << 6)

static void test_parse(void **state)
{
	struct trace_config c;
	char err[120];
	assert_true(trace_config_parse("20", &c, err, sizeof(err)));
	assert_int_equal(c.mode, TRACE_PRINT);
	assert_int_equal(c.count, 20);
	assert_true(trace_config_parse("last:16", &c, err, sizeof(err)));
	assert_int_equal(c.mode, TRACE_RING);
	assert_int_equal(c.count, 16);
	assert_true(trace_config_parse(NULL, &c, err, sizeof(err)));
	assert_int_equal(c.mode, TRACE_OFF);
	const char *bad[] = { "", "0", "last:", "last:0", "x", "12x", "last:2000", "-1", "first:3" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(trace_config_parse(bad[i], &c, err, sizeof(err)));
}

/* An instruction testvisor completed (RDMSR, CPUID, OUT...) with its own TF set: no #DB
 * for the guest (before, the guest got one and a payload without an IDT yet triple-
 * faulted at its first RDMSR under trace=last:N); with the guest's own TF it is owed. */
static void test_emulated_step_owed(void **state)
{
	assert_false(trace_emulated_step_owed(true, true));
	assert_true(trace_emulated_step_owed(true, false));
	assert_false(trace_emulated_step_owed(false, false));
}

static void test_loads_rflags(void **state)
{
	const uint8_t popf[] = { 0x9d }, iretq[] = { 0x48, 0xcf }, iret16[] = { 0x66, 0xcf };
	const uint8_t pushf[] = { 0x9c }, nop[] = { 0x90 }, modrm_cf[] = { 0x89, 0xcf };
	assert_true(trace_insn_loads_rflags(popf, 1));
	assert_true(trace_insn_loads_rflags(iretq, 2));
	assert_true(trace_insn_loads_rflags(iret16, 2));
	assert_false(trace_insn_loads_rflags(pushf, 1));
	assert_false(trace_insn_loads_rflags(nop, 1));
	assert_false(trace_insn_loads_rflags(modrm_cf, 2)); /* mov edi, ecx */
	assert_false(trace_insn_loads_rflags(popf, 0));
}

/* A plain host step: recorded, not injected, BS removed, TF back to the guest's 0. */
static void test_host_step_is_invisible(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED, .host_tf = true,
				  .tf_after = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_true(out.host_step);
	assert_false(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED);
	assert_false(out.guest_tf);
}

/* The seed's bug class: the guest single-steps itself (its TF, so testvisor did not set
 * it): the #DB is the guest's and must be injected with BS. */
static void test_guest_step_not_lost(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED, .host_tf = false,
				  .tf_after = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_false(out.host_step);
	assert_true(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED | BS);
	assert_true(out.guest_tf);
}

/* A guest breakpoint hit during a host step: both; the guest sees B1 without BS. */
static void test_breakpoint_during_host_step(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS | B1, .dr6_before = DR6_FIXED,
				  .dr7 = DR7_RESET | DR7_L1, .host_tf = true, .tf_after = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_true(out.host_step);
	assert_true(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED | B1);
	assert_false(out.guest_tf);
}

/* B1 reported for a breakpoint DR7 does not enable (the SDM allows it; QEMU's TCG does
 * it when RIP equals DR1 after the handler disarmed DR7): not the guest's #DB, and its
 * DR6 stays as it was. Before the DR7 check the guest saw a second #DB. */
static void test_disabled_breakpoint_is_no_condition(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS | B1, .dr6_before = DR6_FIXED,
				  .dr7 = DR7_RESET, .host_tf = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_true(out.host_step);
	assert_false(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED);
	in.dr7 = DR7_RESET | DR7_G1; /* enabled globally: a condition */
	assert_true(trace_db_decide(&in).inject);
}

/* A single-step #DB may clear B0-B3 (SDM vol. 3 18.2.3; QEMU's TCG does): testvisor's own
 * step gives the guest back the B3 its handler has not read yet. Without that, the debug
 * payload under trace= saw `DR6 = 0xffff0ff0` at a data breakpoint now and then. */
static void test_host_step_keeps_guest_b_bits(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED | B3,
				  .dr7 = DR7_RESET | DR7_L3, .host_tf = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_true(out.host_step);
	assert_false(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED | B3);
}

/* MOV DR6 during a host step: what the guest wrote is its DR6, not the B3 before it (a
 * handler clearing DR6 must not see B3 come back). */
static void test_mov_dr6_is_the_guests(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED | B3 | BS,
				  .dr7 = DR7_RESET | DR7_L3, .host_tf = true,
				  .insn_writes_dr6 = true, .dr6_written = 0 };
	struct trace_db_out out = trace_db_decide(&in);
	assert_false(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED);
}

/* MOV DRn, r is 0F 23 /r: ModRM.reg the debug register, ModRM.rm (+REX.B) the source. */
static void test_writes_dr6(void **state)
{
	unsigned gpr = 99;
	static const uint8_t rax[] = { 0x0f, 0x23, 0xf0 }, r9[] = { 0x41, 0x0f, 0x23, 0xf1 };
	static const uint8_t dr7[] = { 0x0f, 0x23, 0xf8 }, read6[] = { 0x0f, 0x21, 0xf0 };
	assert_true(trace_insn_writes_dr6(rax, sizeof(rax), &gpr));
	assert_int_equal(gpr, 0);
	assert_true(trace_insn_writes_dr6(r9, sizeof(r9), &gpr));
	assert_int_equal(gpr, 9);
	assert_false(trace_insn_writes_dr6(dr7, sizeof(dr7), &gpr));
	assert_false(trace_insn_writes_dr6(read6, sizeof(read6), &gpr));
	assert_false(trace_insn_writes_dr6(rax, 2, &gpr));
}

/* POPF that sets TF during a host step: the guest's TF from now on. */
static void test_popf_sets_guest_tf(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED, .host_tf = true,
				  .insn_sets_flags = true, .tf_after = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_true(out.guest_tf);
	assert_false(out.inject);
}

/* The guest's sticky BS stays when the host step adds its own. */
static void test_sticky_guest_bs_kept(void **state)
{
	struct trace_db_in in = { .dr6 = DR6_FIXED | BS, .dr6_before = DR6_FIXED | BS, .host_tf = true };
	struct trace_db_out out = trace_db_decide(&in);
	assert_int_equal(out.guest_dr6, DR6_FIXED | BS);
	assert_false(out.inject);
}

/* ICEBP / GD: no BS, the guest's. */
static void test_other_db_is_the_guests(void **state)
{
	struct trace_db_in icebp = { .dr6 = DR6_FIXED, .dr6_before = DR6_FIXED, .host_tf = true };
	assert_true(trace_db_decide(&icebp).inject);
	struct trace_db_in gd = { .dr6 = DR6_FIXED | BD, .dr6_before = DR6_FIXED, .host_tf = true };
	struct trace_db_out out = trace_db_decide(&gd);
	assert_true(out.inject);
	assert_int_equal(out.guest_dr6, DR6_FIXED | BD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_loads_rflags),
		cmocka_unit_test(test_emulated_step_owed),
		cmocka_unit_test(test_host_step_is_invisible),
		cmocka_unit_test(test_guest_step_not_lost),
		cmocka_unit_test(test_breakpoint_during_host_step),
		cmocka_unit_test(test_disabled_breakpoint_is_no_condition),
		cmocka_unit_test(test_host_step_keeps_guest_b_bits),
		cmocka_unit_test(test_mov_dr6_is_the_guests),
		cmocka_unit_test(test_writes_dr6),
		cmocka_unit_test(test_popf_sets_guest_tf),
		cmocka_unit_test(test_sticky_guest_bs_kept),
		cmocka_unit_test(test_other_db_is_the_guests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
