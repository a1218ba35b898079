/* SEV configuration values, expectations from their sources:
 * - seed "KVM: SEV: Improve GHCB Version Handling" (KVM sev.c __sev_guest_init,
 *   sev_handle_vmgexit_msr_protocol): default GHCB version 2, SNP refused below 2, SEV
 *   information = the VM's version as max, GHCB_VERSION_MIN (1) as min, C-bit.
 * - seed QEMU series "SEV: Add support for setting TSC frequency for Secure TSC": a TSC
 *   frequency without Secure TSC is refused.
 * - seed "Add SEV-SNP CipherTextHiding feature support" (kvm_amd ciphertext_hiding_asids):
 *   n below min_sev_asid, "max" = min_sev_asid - 1, 0 invalid, needs firmware support. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/sev_config.h>

#define SECURE_TSC (1ull << 9)

static void test_ghcb_version(void **state)
{
	char err[120];
	unsigned v = 0;
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_SNP, NULL, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_ES, NULL, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_ES, "1", &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_SNP, "2", &v, err, sizeof(err)), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_SNP, "1", &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "SEV-SNP guest needs GHCB protocol version 2"));
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_ES, "3", &v, err, sizeof(err)), -1);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_ES, "0", &v, err, sizeof(err)), -1);
	assert_int_equal(sev_config_ghcb_version(SEV_GUEST_ES, "two", &v, err, sizeof(err)), -1);
	/* GHCB spec SEV information: max 63:48, min 47:32, C-bit 31:24, code 0x001. */
	assert_int_equal(sev_ghcb_sev_info(1, 51), 0x0001000133000001ull);
	assert_int_equal(sev_ghcb_sev_info(2, 51), 0x0002000133000001ull);
}

static void test_secure_tsc_khz(void **state)
{
	char err[120];
	uint64_t khz = 1;
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_SNP, 0, "1000000", 2000000, &khz, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs sev=snp with SecureTsc"));
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_ES, SECURE_TSC, "1000000", 2000000, &khz, err,
						   sizeof(err)), -1);
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_SNP, 0, NULL, 2000000, &khz, err, sizeof(err)), 0);
	assert_int_equal(khz, 0);
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_SNP, SECURE_TSC, NULL, 2000000, &khz, err,
						   sizeof(err)), 0);
	assert_int_equal(khz, 2000000);
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_SNP, SECURE_TSC, "1000000", 2000000, &khz, err,
						   sizeof(err)), 0);
	assert_int_equal(khz, 1000000);
	assert_int_equal(sev_config_secure_tsc_khz(SEV_GUEST_SNP, SECURE_TSC, "999", 2000000, &khz, err,
						   sizeof(err)), -1);
}

static void test_ciphertext_hiding(void **state)
{
	char err[160];
	uint16_t n = 9;
	assert_int_equal(sev_config_ciphertext_hiding(NULL, 8, true, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 0);
	assert_int_equal(sev_config_ciphertext_hiding("3", 8, true, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 3);
	assert_int_equal(sev_config_ciphertext_hiding("max", 8, true, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 7);
	assert_int_equal(sev_config_ciphertext_hiding("8", 8, true, &n, err, sizeof(err)), -1);
	assert_int_equal(sev_config_ciphertext_hiding("0", 8, true, &n, err, sizeof(err)), -1);
	assert_int_equal(sev_config_ciphertext_hiding("most", 8, true, &n, err, sizeof(err)), -1);
	/* Not capable: refused, whatever the value. */
	assert_int_equal(sev_config_ciphertext_hiding("max", 8, false, &n, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot hide ciphertext"));
	assert_int_equal(sev_config_ciphertext_hiding("3", 8, false, &n, err, sizeof(err)), -1);
	/* max leaves SEV-ES guests no ASID (kvm_amd: min_sev_es_asid = max_snp_asid + 1). */
	struct sev_caps c = sev_caps_from_cpuid((1u << 1) | (1u << 3) | (1u << 4), 51, 15, 8);
	struct sev_asid_ranges r;
	assert_int_equal(sev_config_ciphertext_hiding("max", c.min_sev_asid, true, &n, err, sizeof(err)), 0);
	assert_true(sev_asid_partition(&c, true, n, &r));
	assert_int_equal(r.snp.first, 1);
	assert_int_equal(r.snp.last, 7);
	assert_true(r.sev_es.first > r.sev_es.last);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ghcb_version),
		cmocka_unit_test(test_secure_tsc_khz),
		cmocka_unit_test(test_ciphertext_hiding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
