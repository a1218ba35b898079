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
					 "EXIT: STATUS=0", NULL });
	assert_int_equal(r.passed, 2);
	assert_int_equal(r.known_failures, 1);
	assert_int_equal(results_verdict(&r, true, 0, why, sizeof(why)), VERDICT_PASS);
}

static void test_failures(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "PASS: a", "FAIL: b", "SUMMARY: 2 tests, 1 unexpected failures, 0 skipped",
					 "EXIT: STATUS=1", NULL });
	assert_int_equal(results_verdict(&r, true, 1, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "1 unexpected"));
	/* Stopped by testvisor: always a failure. */
	assert_int_equal(results_verdict(&r, false, 0, why, sizeof(why)), VERDICT_FAIL);
}

static void test_missing_lines(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "PASS: a", "EXIT: STATUS=0", NULL });
	assert_int_equal(results_verdict(&r, true, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "SUMMARY"));
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped", NULL });
	assert_int_equal(results_verdict(&r, true, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "EXIT"));
	feed(&r, (const char *const[]){ "SUMMARY: 0 tests", "EXIT: STATUS=x", NULL });
	assert_false(r.exit_line_seen);
}

static void test_status_mismatch_and_skip(void **state)
{
	struct guest_results r;
	char why[100];
	feed(&r, (const char *const[]){ "SKIP: no feature", "SUMMARY: 1 tests, 0 unexpected failures, 1 skipped",
					 "EXIT: STATUS=77", NULL });
	assert_int_equal(results_verdict(&r, true, 77, why, sizeof(why)), VERDICT_SKIP);
	assert_int_equal(results_verdict(&r, true, 0, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "STATUS=77"));
}

/* A guest whose exit path carries no status (arm64: PSCI SYSTEM_OFF) is judged by its lines
 * and EXIT line alone, and the verdict says that nothing was cross-checked. */
static void test_no_independent_status(void **state)
{
	struct guest_results r;
	char why[160];
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped",
					 "EXIT: STATUS=0", NULL });
	assert_int_equal(results_verdict(&r, true, RESULTS_NO_STATUS, why, sizeof(why)), VERDICT_PASS);
	assert_non_null(strstr(why, "not cross-checked"));
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped",
					 "EXIT: STATUS=3", NULL });
	assert_int_equal(results_verdict(&r, true, RESULTS_NO_STATUS, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "exit status 3"));
	feed(&r, (const char *const[]){ "PASS: a", "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped", NULL });
	assert_int_equal(results_verdict(&r, true, RESULTS_NO_STATUS, why, sizeof(why)), VERDICT_FAIL);
	assert_non_null(strstr(why, "without a status and without an EXIT line"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass), cmocka_unit_test(test_failures),
		cmocka_unit_test(test_missing_lines), cmocka_unit_test(test_status_mismatch_and_skip),
		cmocka_unit_test(test_no_independent_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
