/* Faults during event delivery (arch/x86/svm/fault_merge.c), against the SDM's Table 6-5
 * (vol. 3, Interrupt 8): benign / contributory (#DE 0, #TS 10, #NP 11, #SS 12, #GP 13) /
 * page fault (14) classes, and anything during #DF (8) a shutdown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/fault_merge.h>

static void table_6_5(void **state)
{
	const unsigned contributory[] = { 0, 10, 11, 12, 13 }, benign[] = { 1, 3, 5, 6, 7, 16, 17, 19 };
	for (unsigned i = 0; i < 5; i++) {
		for (unsigned j = 0; j < 5; j++)
			assert_int_equal(fault_merge(true, contributory[i], contributory[j]), FAULT_DOUBLE);
		assert_int_equal(fault_merge(true, contributory[i], 14), FAULT_DELIVER);
		assert_int_equal(fault_merge(true, 14, contributory[i]), FAULT_DOUBLE);
		for (unsigned j = 0; j < 8; j++) {
			assert_int_equal(fault_merge(true, contributory[i], benign[j]), FAULT_DELIVER);
			assert_int_equal(fault_merge(true, benign[j], contributory[i]), FAULT_DELIVER);
		}
	}
	assert_int_equal(fault_merge(true, 14, 14), FAULT_DOUBLE);
	assert_int_equal(fault_merge(true, 14, 6), FAULT_DELIVER);
	assert_int_equal(fault_merge(true, 8, 13), FAULT_SHUTDOWN);
	assert_int_equal(fault_merge(true, 8, 14), FAULT_SHUTDOWN);
	/* An interrupt or NMI being delivered: the fault is simply delivered. */
	assert_int_equal(fault_merge(false, 13, 13), FAULT_DELIVER);
	assert_int_equal(fault_merge(false, 8, 14), FAULT_DELIVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(table_6_5) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
