/* The PSCI/SMCCC table: which call exists in which PSCI version, PSCI_FEATURES and
 * SMCCC_ARCH_FEATURES answers consistent with it, version parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arm64/smccc.h>

#define V(a, b) PSCI_VERSION_OF(a, b)

static void calls_follow_the_version(void **state)
{
	assert_int_equal(smccc_lookup(PSCI_FN_VERSION, V(0, 2)), CALL_PSCI_VERSION);
	assert_int_equal(smccc_lookup(PSCI_FN_FEATURES, V(0, 2)), CALL_NONE);
	assert_int_equal(smccc_lookup(PSCI_FN_FEATURES, V(1, 0)), CALL_PSCI_FEATURES);
	assert_int_equal(smccc_lookup(PSCI_FN_SYSTEM_RESET2, V(1, 0)), CALL_NONE);
	assert_int_equal(smccc_lookup(PSCI_FN_SYSTEM_RESET2 | SMCCC_FN64, V(1, 1)), CALL_SYSTEM_RESET2);
	assert_int_equal(smccc_lookup(PSCI_FN_SYSTEM_OFF2, V(1, 2)), CALL_NONE);
	assert_int_equal(smccc_lookup(PSCI_FN_SYSTEM_OFF2, V(1, 3)), CALL_SYSTEM_OFF2);
	/* SMC64 form only where the function has one. */
	assert_int_equal(smccc_lookup(PSCI_FN_CPU_ON | SMCCC_FN64, V(0, 2)), CALL_CPU_ON);
	assert_int_equal(smccc_lookup(PSCI_FN_SYSTEM_OFF | SMCCC_FN64, V(1, 3)), CALL_NONE);
	assert_int_equal(smccc_lookup(SMCCC_FN_VERSION, V(0, 2)), CALL_NONE);
	assert_int_equal(smccc_lookup(SMCCC_FN_VENDOR_HYP_CALL_UID, V(1, 0)), CALL_VENDOR_UID);
	assert_int_equal(smccc_lookup(0x8400001f, V(1, 3)), CALL_NONE);
}

static void features_follow_the_version(void **state)
{
	assert_int_equal(psci_features(PSCI_FN_CPU_ON, V(1, 0)), 0);
	assert_int_equal(psci_features(PSCI_FN_SYSTEM_RESET2, V(1, 0)), PSCI_NOT_SUPPORTED);
	assert_int_equal(psci_features(PSCI_FN_SYSTEM_RESET2, V(1, 1)), 0);
	assert_int_equal(psci_features(PSCI_FN_SYSTEM_OFF2, V(1, 3)), 1); /* HIBERNATE_OFF */
	assert_int_equal(psci_features(SMCCC_FN_VERSION, V(1, 0)), 0);
	/* Vendor calls are not discoverable through PSCI_FEATURES. */
	assert_int_equal(psci_features(SMCCC_FN_VENDOR_HYP_CALL_UID, V(1, 3)), PSCI_NOT_SUPPORTED);
	assert_int_equal(smccc_arch_features(SMCCC_FN_ARCH_FEATURES, V(1, 0)), 0);
	assert_int_equal(smccc_arch_features(SMCCC_FN_ARCH_WORKAROUND_1, V(1, 3)), SMCCC_NOT_SUPPORTED);
}

static void version_parsing(void **state)
{
	unsigned v;
	assert_true(psci_version_parse("0.2", &v) && v == V(0, 2));
	assert_true(psci_version_parse("1.2", &v) && v == V(1, 2));
	assert_false(psci_version_parse("1.4", &v));
	assert_false(psci_version_parse("1", &v));
	assert_false(psci_version_parse("1.0x", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calls_follow_the_version),
		cmocka_unit_test(features_follow_the_version),
		cmocka_unit_test(version_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
