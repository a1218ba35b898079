/* ALLOWED_SEV_FEATURES rules, each expectation written from its source:
 * - AMD APM vol. 2 §15.36.20 "Allowed SEV Features" (as quoted by Linux commit
 *   "KVM: SEV: Configure ALLOWED_SEV_FEATURES VMCB Field"): with bit 63 set, VMRUN fails
 *   when a bit is 1 in SEV_FEATURES and 0 in ALLOWED_SEV_FEATURES; PmcVirtualization
 *   (bit 13) and SecureAVIC (bit 16) need an opt-in through the field (APM Table B-4),
 *   every other feature is on by default.
 * - seed "KVM: SEV: Add support for the ALLOWED_SEV_FEATURES feature": the SEV-ES "allows"
 *   check ignores SNP-only features; SEV-ES features are DebugSwap, PreventHostIBS,
 *   VmgexitParameter, PmcVirtualization and IbsVirtualization.
 * - CPUID Fn8000_001F_EAX: a feature is on the CPU only when its flag says so (7 VmplSSS,
 *   8 SecureTsc, 12 RestrictedInjection, 13 AlternateInjection, 14 DebugSwap,
 *   15 PreventHostIbs, 17 VmgexitParameter, 19 IbsVirtualization, 24 VmsaRegProt,
 *   25 SmtProtection, 26 SecureAvic, 31 IbpbOnEntry). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/sev_policy.h>

#define BIT(n) (1ull << (n))
#define ENABLE BIT(63)
#define SNP_ACTIVE BIT(0)
#define PMC_VIRT BIT(13)
#define SECURE_AVIC BIT(16)
#define ES_FEATURES (BIT(5) | BIT(6) | BIT(10) | BIT(12) | BIT(13))
/* CPUID 8000_001F EAX: SEV, SEV-ES, SNP. */
#define EAX_SNP (BIT(1) | BIT(3) | BIT(4))

static bool runs(enum sev_guest_type t, uint64_t features, uint64_t allowed)
{
	return sev_vmrun_allowed(t, features, allowed, NULL, 0);
}

/* The seed: an SEV-ES guest's allows check looks at SEV-ES features only. */
static void test_es_check_ignores_snp_only(void **state)
{
	for (int b = 1; b < 32; b++) {
		if (!(sev_defined_features() & BIT(b)))
			continue;
		bool es = ES_FEATURES & BIT(b);
		/* Check enabled, nothing allowed: an SEV-ES feature fails, an SNP-only one is
		 * ignored. */
		assert_int_equal(runs(SEV_GUEST_ES, BIT(b), ENABLE), !es);
		/* Check disabled: no subset rule of testvisor's own. */
		if (!(BIT(b) & (PMC_VIRT | SECURE_AVIC)))
			assert_true(runs(SEV_GUEST_ES, BIT(b), 0));
	}
	assert_true(runs(SEV_GUEST_ES, BIT(9), ENABLE | BIT(5)));
	assert_false(runs(SEV_GUEST_ES, BIT(9) | BIT(6), ENABLE | BIT(5)));
}

/* APM Table B-4: the opt-in features are off unless the enabled field allows them. */
static void test_opt_in_features(void **state)
{
	char why[120];
	assert_false(sev_vmrun_allowed(SEV_GUEST_SNP, SNP_ACTIVE | PMC_VIRT, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "bit 13 (PmcVirtualization)"));
	assert_false(runs(SEV_GUEST_SNP, SNP_ACTIVE | SECURE_AVIC, SNP_ACTIVE | SECURE_AVIC));
	assert_true(runs(SEV_GUEST_SNP, SNP_ACTIVE | PMC_VIRT | SECURE_AVIC,
			 ENABLE | SNP_ACTIVE | PMC_VIRT | SECURE_AVIC));
	assert_true(runs(SEV_GUEST_SNP, SNP_ACTIVE | BIT(5) | BIT(9), 0));
	/* SEV-ES: PmcVirtualization is an SEV-ES feature, SecureAVIC is SNP-only. */
	assert_false(runs(SEV_GUEST_ES, PMC_VIRT, 0));
	assert_true(runs(SEV_GUEST_ES, PMC_VIRT, ENABLE | PMC_VIRT));
	assert_true(runs(SEV_GUEST_ES, SECURE_AVIC, 0));
	/* The other reading (sev_opt_in=run): with the check off they simply run. */
	assert_true(sev_vmrun_check(SEV_GUEST_SNP, SNP_ACTIVE | PMC_VIRT | SECURE_AVIC, 0,
				    1u << SEV_SW_OPT_IN_RUN, NULL, 0));
	assert_false(sev_vmrun_check(SEV_GUEST_SNP, SNP_ACTIVE | PMC_VIRT, ENABLE | SNP_ACTIVE,
				     1u << SEV_SW_OPT_IN_RUN, NULL, 0));
}

/* The guest type's SNPActive rule (an assumption), and sev_snp_active=run dropping it. */
static void test_snp_active_rule(void **state)
{
	char why[120];
	assert_false(sev_vmrun_allowed(SEV_GUEST_SNP, 0, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "must be set for an SNP guest"));
	assert_false(sev_vmrun_allowed(SEV_GUEST_ES, SNP_ACTIVE, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "must be clear for an SEV-ES guest"));
	uint32_t run = 1u << SEV_SW_SNP_ACTIVE_RUN;
	assert_true(sev_vmrun_check(SEV_GUEST_SNP, 0, 0, run, NULL, 0));
	assert_true(sev_vmrun_check(SEV_GUEST_ES, SNP_ACTIVE, 0, run, NULL, 0));
	/* the other checks stay */
	assert_false(sev_vmrun_check(SEV_GUEST_SNP, PMC_VIRT, 0, run, NULL, 0));
}

/* Bits without a CPUID flag are not assumed present. */
static void test_cpu_features_from_flags(void **state)
{
	struct sev_caps c = sev_caps_from_cpuid(EAX_SNP, 51, 15, 8);
	assert_int_equal(sev_cpu_features(&c), SNP_ACTIVE);
	c = sev_caps_from_cpuid(EAX_SNP | BIT(8) | BIT(14) | BIT(26) | BIT(31), 51, 15, 8);
	assert_int_equal(sev_cpu_features(&c), SNP_ACTIVE | BIT(9) | BIT(5) | BIT(16) | BIT(21));
	c = sev_caps_from_cpuid(EAX_SNP | BIT(7) | BIT(12) | BIT(13) | BIT(15) | BIT(17) | BIT(19) |
				BIT(24) | BIT(25), 51, 15, 8);
	assert_int_equal(sev_cpu_features(&c), SNP_ACTIVE | BIT(8) | BIT(3) | BIT(4) | BIT(6) |
				 BIT(10) | BIT(12) | BIT(14) | BIT(15));
	/* Every flag set: vTOM, ReflectVC, BTBIsolation and PmcVirtualization have none. */
	c = sev_caps_from_cpuid(~0u, 51, 15, 8);
	assert_int_equal(sev_cpu_features(&c) & (BIT(1) | BIT(2) | BIT(7) | PMC_VIRT), 0);
	/* SEV-ES without SNP: SEV-ES features only, and only with their flags. */
	c = sev_caps_from_cpuid(BIT(1) | BIT(3) | BIT(8) | BIT(14) | BIT(15), 51, 15, 8);
	assert_int_equal(sev_cpu_features(&c), BIT(5) | BIT(6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_es_check_ignores_snp_only),
		cmocka_unit_test(test_opt_in_features),
		cmocka_unit_test(test_snp_active_rule),
		cmocka_unit_test(test_cpu_features_from_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
