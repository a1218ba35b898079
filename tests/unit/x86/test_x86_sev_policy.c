/* SEV-SNP policy: feature facts, discovery, the allowed set, the VMRUN-time check,
 * SEV_STATUS, the guest's CPUID leaf, ASID partitioning and Secure TSC scaling. The
 * expected values are the APM's (written out here), not the module's tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/sev_policy.h>

#define BIT(n) (1ull << (n))
#define ENABLE BIT(63)

static void test_defined_bits(void **state)
{
	const unsigned bits[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 21 };
	uint64_t want = 0;
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		want |= BIT(bits[i]);
	assert_int_equal(sev_defined_features(), want);
	assert_string_equal(sev_feature_name(9), "SecureTsc");
	assert_string_equal(sev_feature_name(0), "SNPActive");
	assert_string_equal(sev_feature_name(21), "IbpbOnEntry");
	assert_string_equal(sev_feature_name(11), "reserved");
	assert_int_equal(SEV_ES_FEATURES, BIT(5) | BIT(6) | BIT(10) | BIT(12) | BIT(13));
}

static void test_caps_from_cpuid(void **state)
{
	/* SEV, SEV-ES, SNP, Secure TSC, AllowedSevFeatures; C-bit 51, reduction 1. */
	struct sev_caps c = sev_caps_from_cpuid(BIT(1) | BIT(3) | BIT(4) | BIT(8) | BIT(27),
						51 | 1 << 6, 1006, 100);
	assert_true(c.sev && c.sev_es && c.snp && c.secure_tsc && c.allowed_sev_features);
	assert_int_equal(c.cbit, 51);
	assert_int_equal(c.phys_reduction, 1);
	assert_int_equal(c.nr_encrypted_asids, 1006);
	assert_int_equal(c.min_sev_asid, 100);
	/* SNP without SEV-ES cannot be: no SNP. Secure TSC bit without SNP: none. */
	c = sev_caps_from_cpuid(BIT(1) | BIT(4) | BIT(8), 0, 0, 0);
	assert_false(c.snp);
	assert_false(c.secure_tsc);
	c = sev_caps_from_cpuid(0, 0, 0, 0);
	assert_false(c.sev);
	assert_int_equal(sev_cpu_features(&c), 0);
}

static void test_allowed_set(void **state)
{
	/* SEV, SEV-ES, SNP, SecureTsc (8), DebugSwap (14), PreventHostIbs (15). */
	struct sev_caps snp = sev_caps_from_cpuid(BIT(1) | BIT(3) | BIT(4) | BIT(8) | BIT(14) | BIT(15),
						  51, 15, 8);
	uint64_t cpu = sev_cpu_features(&snp);
	assert_true(cpu & BIT(9));
	/* testvisor ∩ CPU ∩ configuration; SNPActive always part of an SNP guest's set. */
	assert_int_equal(sev_allowed_features(SEV_GUEST_SNP, cpu, BIT(5)), BIT(0) | BIT(5));
	/* No Secure TSC on the CPU: not allowed even if configured. */
	struct sev_caps no_stsc = sev_caps_from_cpuid(BIT(1) | BIT(3) | BIT(4), 51, 15, 8);
	assert_int_equal(sev_allowed_features(SEV_GUEST_SNP, sev_cpu_features(&no_stsc), BIT(9)), BIT(0));
	/* SEV-ES: only SEV-ES features the CPU has, never SNPActive. */
	uint64_t es = sev_allowed_features(SEV_GUEST_ES, cpu, ~0ull);
	assert_int_equal(es, BIT(5) | BIT(6));
	assert_int_equal(sev_allowed_features(SEV_GUEST_NONE, cpu, ~0ull), 0);
}

static void test_vmrun_check(void **state)
{
	char why[120];
	uint64_t f = BIT(0) | BIT(9);
	assert_true(sev_vmrun_allowed(SEV_GUEST_SNP, f, ENABLE | f, why, sizeof(why)));
	assert_false(sev_vmrun_allowed(SEV_GUEST_SNP, f, ENABLE | BIT(0), why, sizeof(why)));
	assert_non_null(strstr(why, "bit 9 (SecureTsc)"));
	/* Bit 63 clear: the check is off; only the opt-in features still need it. */
	assert_true(sev_vmrun_allowed(SEV_GUEST_SNP, f | BIT(21), BIT(0), why, sizeof(why)));
	/* SNP guest must have SNPActive; SEV-ES must not; SNP-only bits of SEV-ES are not
	 * checked (test_x86_sev_allowed.c has the rules bit by bit). */
	assert_false(sev_vmrun_allowed(SEV_GUEST_SNP, BIT(9), ENABLE | ~0ull, why, sizeof(why)));
	assert_false(sev_vmrun_allowed(SEV_GUEST_ES, BIT(0), 0, why, sizeof(why)));
	assert_non_null(strstr(why, "SEV-ES"));
	assert_true(sev_vmrun_allowed(SEV_GUEST_ES, BIT(9), 0, why, sizeof(why)));
	assert_true(sev_vmrun_allowed(SEV_GUEST_ES, BIT(5) | BIT(13), ENABLE | BIT(5) | BIT(13), NULL, 0));
	/* Every defined bit: allowed runs, not allowed fails. */
	for (int b = 1; b < 64; b++) {
		if (!(sev_defined_features() & BIT(b)))
			continue;
		assert_true(sev_vmrun_allowed(SEV_GUEST_SNP, BIT(0) | BIT(b), ENABLE | BIT(0) | BIT(b), NULL, 0));
		assert_false(sev_vmrun_allowed(SEV_GUEST_SNP, BIT(0) | BIT(b), ENABLE | BIT(0), NULL, 0));
	}
}

static void test_status_and_cpuid(void **state)
{
	/* SecureTsc (bit 9) shows as SEV_STATUS bit 11; SNPActive as bit 2. */
	uint64_t st = sev_status_value(SEV_GUEST_SNP, BIT(0) | BIT(9));
	assert_int_equal(st, BIT(0) | BIT(1) | BIT(2) | BIT(11));
	assert_int_equal(sev_status_value(SEV_GUEST_ES, BIT(5)), BIT(0) | BIT(1) | BIT(7));
	assert_int_equal(sev_status_value(SEV_GUEST_NONE, BIT(9)), 0);
	struct sev_caps host = { .cbit = 51, .phys_reduction = 1 };
	uint32_t leaf[4];
	sev_guest_cpuid(SEV_GUEST_SNP, BIT(0) | BIT(9), &host, leaf);
	assert_int_equal(leaf[0], BIT(1) | BIT(3) | BIT(4) | BIT(8));
	assert_int_equal(leaf[1], 51 | 1 << 6);
	sev_guest_cpuid(SEV_GUEST_SNP, BIT(0), &host, leaf);
	assert_false(leaf[0] & BIT(8));
	sev_guest_cpuid(SEV_GUEST_NONE, 0, &host, leaf);
	assert_int_equal(leaf[0] | leaf[1] | leaf[2] | leaf[3], 0);
}

static void test_asid_partition(void **state)
{
	struct sev_caps c = sev_caps_from_cpuid(BIT(1) | BIT(3) | BIT(4), 51, 1006, 100);
	struct sev_asid_ranges r;
	assert_true(sev_asid_partition(&c, false, 0, &r));
	assert_int_equal(r.snp.first, 1);
	assert_int_equal(r.snp.last, 99);
	assert_int_equal(r.sev_es.last, 99);
	assert_int_equal(r.sev.first, 100);
	assert_int_equal(r.sev.last, 1006);
	/* Ciphertext hiding: SNP 1..max_snp_asid, SEV-ES the rest below min_sev_asid. */
	assert_true(sev_asid_partition(&c, true, 40, &r));
	assert_int_equal(r.snp.last, 40);
	assert_int_equal(r.sev_es.first, 41);
	assert_int_equal(r.sev_es.last, 99);
	assert_false(sev_asid_partition(&c, true, 100, &r)); /* must be below min_sev_asid */
	assert_false(sev_asid_partition(&c, true, 0, &r));
	/* All ASIDs to SEV-ES/SNP (min_sev_asid = nr + 1): empty SEV range. */
	c.min_sev_asid = 1007;
	assert_true(sev_asid_partition(&c, false, 0, &r));
	assert_true(r.sev.first > r.sev.last);
}

static void test_parse(void **state)
{
	uint64_t f;
	assert_true(sev_parse_features("SecureTsc,DebugSwap", &f));
	assert_int_equal(f, BIT(9) | BIT(5));
	assert_true(sev_parse_features("0x201", &f));
	assert_int_equal(f, 0x201);
	assert_true(sev_parse_features("none", &f));
	assert_int_equal(f, 0);
	assert_false(sev_parse_features("SecureTsc,Warp", &f));
	assert_false(sev_parse_features("12q", &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defined_bits),
		cmocka_unit_test(test_caps_from_cpuid),
		cmocka_unit_test(test_allowed_set),
		cmocka_unit_test(test_vmrun_check),
		cmocka_unit_test(test_status_and_cpuid),
		cmocka_unit_test(test_asid_partition),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
