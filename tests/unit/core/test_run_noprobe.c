/* hv/run.c when the architecture's probe says the CPU cannot run guests: every guest is
 * SKIP with the probe's reason, the probe is asked once per boot, nothing is set up.
 * (A program of its own: the core asks the probe once per boot.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "run_fixture.h"

static void test_probe_says_no(void **state)
{
	fixture_reset();
	fake.virt_ok = false;
	fake.virt_why = "no SVM (CPUID 0x80000001 ECX bit 2 clear)";
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=a", NULL, 0, &t, &out), VERDICT_SKIP);
	assert_non_null(strstr(out, "testvisor: no virtualization on this CPU: no SVM (CPUID 0x80000001 ECX bit 2 clear)\n"));
	assert_non_null(strstr(out, "[a] SKIP: no virtualization: no SVM"));
	assert_non_null(strstr(out, "testvisor: guest a: SKIP (0 passed, 0 failed, 1 skipped; no virtualization: no SVM"));
	assert_int_equal(t.skipped, 1);
	assert_int_equal(fixture_run(&img, "name=b", NULL, 0, &t, &out), VERDICT_SKIP);
	assert_null(strstr(out, "on this CPU")); /* said once per boot */
	assert_int_equal(fake.probes, 1);
	assert_int_equal(fake.vm_inits, 0);
	/* Configuration mistakes are still errors, not skips. */
	assert_int_equal(fixture_run(&img, "name=c rass=v1p1", NULL, 0, &t, &out), VERDICT_FAIL);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_probe_says_no) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
