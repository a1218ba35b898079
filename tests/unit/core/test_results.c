/* Verdicts from a guest's console lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/results.h>

static void feed(struct guest_results *r, const char *const *lines)
{
	memset(r, 0, sizeof(*r));
	for (; *lines; lines++)
		results_feed_line(r, *lines);
}

static void test_pass(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "PASS: a", "PASS: b", "KFAIL: c", "INFO: x",
					 "SUMMARY: 3 tests, 0 unexpected failures, 0 skipped",
					 "EXIT: STATUS=1", NULL });
	assert_int_equal(r.passed, 2);
	assert_int_equal(r.known_failures, 1);
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_PASS);
	assert_int_equal(results_verdict(&r, GUEST_ENDED, 0, why, sizeof(why)), VERDICT_PASS);
	/* A pass without a status to compare says that no cross-check happened. */
	assert_non_null(strstr(why, "not cross-checked"));
}

static void test_failures(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "PASS: a", "FAIL: b", "SUMMARY: 2 tests, 1 unexpected failures, 0 skipped",
					 "EXIT: STATUS=3", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 1, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "1 unexpected"));
	/* Stopped by testvisor: always a failure. */
	assert_int_equal(results_verdict(&r, GUEST_STOPPED, 0, why, sizeof(why)), VERDICT_FAIL);
}

static void test_missing_lines(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "PASS: a", "EXIT: STATUS=1", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "SUMMARY"));
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "EXIT"));
	feed(&r, (const char *const[]){ "SUMMARY: 0 tests", "EXIT: STATUS=x", NULL });
	assert_false(r.exit_line_seen);
}

static void test_status_mismatch_and_skip(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "SKIP: no feature", "SUMMARY: 1 tests, 0 unexpected failures, 1 skipped",
					 "EXIT: STATUS=155", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 77, why, sizeof(why)), VERDICT_SKIP);
	assert_int_equal(results_verdict(&r, GUEST_ENDED, 0, why, sizeof(why)), VERDICT_SKIP);
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "STATUS=155"));
}

/* A kvm-unit-tests kernel's exit(0) prints EXIT: STATUS=1 ((0 << 1) | 1) and ends with
 * status 0 (lib/<arch>/io.c exit()). */
static void test_kvm_unit_tests_exit_line(void **state)
{
	struct guest_results r;
	char why[120];
	feed(&r, (const char *const[]){ "PASS: sbi: probe", "SUMMARY: 1 tests", "", "EXIT: STATUS=1", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_PASS);
	assert_int_equal(results_verdict(&r, GUEST_ENDED, 0, why, sizeof(why)), VERDICT_PASS);
	/* An even status cannot come from exit(): a crash marker. */
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests", "EXIT: STATUS=0", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "crash marker"));
}

/* An exit device carrying a status (isa-debug-exit, test finisher) without an EXIT line:
 * the status alone decides, as QEMU's exit code would be read. */
static void test_exit_device_without_exit_line(void **state)
{
	struct guest_results r;
	char why[120];
	feed(&r, (const char *const[]){ "PASS: a", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_PASS);
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 3, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "exit code 3"));
	feed(&r, (const char *const[]){ "SKIP: a", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 77, why, sizeof(why)), VERDICT_SKIP);
	feed(&r, (const char *const[]){ "PASS: a", "FAIL: b", NULL });
	assert_int_equal(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)), VERDICT_FAIL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass), cmocka_unit_test(test_failures),
		cmocka_unit_test(test_missing_lines), cmocka_unit_test(test_status_mismatch_and_skip),
		cmocka_unit_test(test_kvm_unit_tests_exit_line),
		cmocka_unit_test(test_exit_device_without_exit_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
