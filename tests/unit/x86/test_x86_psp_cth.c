/* Ciphertext hiding capability as the SNP firmware reports it, expectations from the SEV-SNP
 * firmware ABI as Linux's include/uapi/linux/psp-sev.h and include/linux/psp-sev.h lay it
 * out (seed "crypto: ccp - New bit-field definitions for SNP_PLATFORM_STATUS command" and
 * "Add support for SNP_FEATURE_INFO command"; sev-dev.c
 * sev_is_snp_ciphertext_hiding_supported): SNP_PLATFORM_STATUS word at offset 8 bit 3
 * feature_info (SNP_FEATURE_INFO 0xCE available), bit 5 ciphertext_hiding_cap, bit 6
 * ciphertext_hiding_en; SNP_FEATURE_INFO leaf 0 ECX bit 3 ciphertext hiding supported.
 * Both must say yes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/psp.h>
#include <x86/snp_launch.h>

static uint32_t u32_at(const uint8_t *b, size_t off) { uint32_t v; memcpy(&v, b + off, 4); return v; }
static uint64_t u64_at(const uint8_t *b, size_t off) { uint64_t v; memcpy(&v, b + off, 8); return v; }

struct recorder { uint32_t cmd; size_t len; uint8_t buf[64]; };
static int record(void *ctx, uint32_t cmd, void *buf, size_t len)
{
	struct recorder *r = ctx;
	r->cmd = cmd;
	r->len = len;
	memcpy(r->buf, buf, len < sizeof(r->buf) ? len : sizeof(r->buf));
	return 0;
}

static void test_feature_info_buffer(void **state)
{
	struct recorder r = { 0 };
	struct psp_transport t = { record, &r };
	struct psp_snp_feature_leaf leaf;
	assert_int_equal(psp_snp_feature_info(&t, 0, &leaf), 0);
	assert_int_equal(r.cmd, 0xCE);
	assert_int_equal(r.len, 16);
	assert_int_equal(u32_at(r.buf, 0), 16);  /* length */
	assert_int_equal(u32_at(r.buf, 4), 0);   /* ecx_in: leaf 0 */
	assert_int_equal(u64_at(r.buf, 8), (uint64_t)(uintptr_t)&leaf);
}

static void test_model_capable(void **state)
{
	struct psp_model m;
	psp_model_init(&m, 16);
	struct psp_transport t = { psp_model_submit, &m };
	struct psp_snp_platform_status st;
	assert_int_equal(psp_snp_platform_status(&t, &st), 0);
	uint32_t word;
	memcpy(&word, (uint8_t *)&st + 8, 4);
	assert_true(word & (1u << 3));
	assert_true(word & (1u << 5));
	assert_false(word & (1u << 6)); /* not enabled before SNP_INIT_EX */
	struct psp_snp_feature_leaf leaf;
	assert_int_equal(psp_snp_feature_info(&t, 0, &leaf), 0);
	assert_true(leaf.ecx & (1u << 3));
	bool capable = false;
	char err[120];
	assert_int_equal(snp_ciphertext_hiding_capable(&t, &capable, err, sizeof(err)), 0);
	assert_true(capable);
	assert_int_equal(psp_snp_init_ex(&t, true, 7), 0);
	assert_int_equal(psp_snp_platform_status(&t, &st), 0);
	memcpy(&word, (uint8_t *)&st + 8, 4);
	assert_true(word & (1u << 6));
}

static void test_model_not_capable(void **state)
{
	struct psp_model m;
	char err[120];
	bool capable = true;
	/* Platform BIOS did not enable it: status bit 5 clear. */
	psp_model_init(&m, 16);
	m.ciphertext_hiding_cap = false;
	struct psp_transport t = { psp_model_submit, &m };
	assert_int_equal(snp_ciphertext_hiding_capable(&t, &capable, err, sizeof(err)), 0);
	assert_false(capable);
	assert_int_not_equal(psp_snp_init_ex(&t, true, 7), 0);
	/* Firmware without SNP_FEATURE_INFO: cannot confirm, so not capable. */
	psp_model_init(&m, 16);
	m.feature_info = false;
	capable = true;
	assert_int_equal(snp_ciphertext_hiding_capable(&t, &capable, err, sizeof(err)), 0);
	assert_false(capable);
	/* Firmware that does not support it (FEATURE_INFO ECX[3] clear). */
	psp_model_init(&m, 16);
	m.ciphertext_hiding_fw = false;
	capable = true;
	assert_int_equal(snp_ciphertext_hiding_capable(&t, &capable, err, sizeof(err)), 0);
	assert_false(capable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feature_info_buffer),
		cmocka_unit_test(test_model_capable),
		cmocka_unit_test(test_model_not_capable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
