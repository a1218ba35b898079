/* AES-256-GCM (common/aes_gcm.c): FIPS 197 appendix C.3 (one AES-256 block), the GCM
 * specification's test cases 13-16 (McGrew and Viega, "The Galois/Counter Mode of
 * Operation", AES-256 with and without AAD), tag checks on decryption, and OpenSSL's
 * EVP AES-256-GCM on random keys, IVs, AAD and lengths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <aes_gcm.h>

static size_t unhex(const char *s, uint8_t *out)
{
	size_t n = strlen(s) / 2;
	for (size_t i = 0; i < n; i++) {
		char b[3] = { s[2 * i], s[2 * i + 1], 0 };
		out[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	return n;
}

static void fips197_block(void **state)
{
	uint8_t key[32], in[16], out[16], want[16];
	unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key);
	unhex("00112233445566778899aabbccddeeff", in);
	unhex("8ea2b7ca516745bfeafc49904b496089", want);
	aes256_encrypt_block(key, in, out);
	assert_memory_equal(out, want, 16);
}

static const struct {
	const char *key, *iv, *aad, *pt, *ct, *tag;
} cases[] = {
	{ "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
	  "", "", "", "530f8afbc74536b9a963b4f1c4cb738b" },
	{ "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
	  "", "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18",
	  "d0d1c8a799996bf0265b98b5d48ab919" },
	{ "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
	  "",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
	  "b094dac5d93471bdec1a502270e3cc6c" },
	{ "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	  "76fc6ece0f4e1768cddf8853bb2d551b" },
};

static void gcm_test_cases(void **state)
{
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		uint8_t key[32], iv[12], aad[64], pt[64], ct[64], tag[16], out[64], got_tag[16];
		unhex(cases[c].key, key);
		unhex(cases[c].iv, iv);
		size_t aad_len = unhex(cases[c].aad, aad), len = unhex(cases[c].pt, pt);
		unhex(cases[c].ct, ct);
		unhex(cases[c].tag, tag);
		aes256_gcm_encrypt(key, iv, aad, aad_len, pt, len, out, got_tag);
		if (len)
			assert_memory_equal(out, ct, len);
		assert_memory_equal(got_tag, tag, 16);
		assert_true(aes256_gcm_decrypt(key, iv, aad, aad_len, ct, len, out, tag));
		if (len)
			assert_memory_equal(out, pt, len);
	}
}

/* A changed bit anywhere (ciphertext, AAD, tag, IV) fails the tag, and nothing leaks. */
static void tampering_detected(void **state)
{
	uint8_t key[32], iv[12], aad[20], pt[60], ct[60], tag[16], out[60];
	unhex(cases[3].key, key);
	unhex(cases[3].iv, iv);
	unhex(cases[3].aad, aad);
	unhex(cases[3].pt, pt);
	aes256_gcm_encrypt(key, iv, aad, sizeof(aad), pt, sizeof(pt), ct, tag);
	uint8_t *targets[] = { ct, aad, tag, iv };
	for (unsigned t = 0; t < 4; t++) {
		targets[t][3] ^= 0x10;
		memset(out, 0xaa, sizeof(out));
		assert_false(aes256_gcm_decrypt(key, iv, aad, sizeof(aad), ct, sizeof(ct), out, tag));
		for (unsigned i = 0; i < sizeof(out); i++)
			assert_int_equal(out[i], 0);
		targets[t][3] ^= 0x10;
	}
	assert_true(aes256_gcm_decrypt(key, iv, aad, sizeof(aad), ct, sizeof(ct), out, tag));
}

static void openssl_gcm(const uint8_t *key, const uint8_t *iv, const uint8_t *aad, int aad_len,
			const uint8_t *pt, int len, uint8_t *ct, uint8_t *tag)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n;
	assert_non_null(ctx);
	assert_int_equal(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv), 1);
	if (aad_len)
		assert_int_equal(EVP_EncryptUpdate(ctx, NULL, &n, aad, aad_len), 1);
	if (len)
		assert_int_equal(EVP_EncryptUpdate(ctx, ct, &n, pt, len), 1);
	assert_int_equal(EVP_EncryptFinal_ex(ctx, ct + len, &n), 1);
	assert_int_equal(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag), 1);
	EVP_CIPHER_CTX_free(ctx);
}

static void against_openssl(void **state)
{
	srand(20261204);
	static uint8_t key[32], iv[12], aad[100], pt[4000], ct[4000], want[4016], tag[16], want_tag[16];
	for (unsigned round = 0; round < 300; round++) {
		int len = rand() % (round < 100 ? 70 : 4000), aad_len = rand() % 100;
		for (unsigned i = 0; i < 32; i++)
			key[i] = (uint8_t)rand();
		for (unsigned i = 0; i < 12; i++)
			iv[i] = (uint8_t)rand();
		for (int i = 0; i < aad_len; i++)
			aad[i] = (uint8_t)rand();
		for (int i = 0; i < len; i++)
			pt[i] = (uint8_t)rand();
		aes256_gcm_encrypt(key, iv, aad, (size_t)aad_len, pt, (size_t)len, ct, tag);
		openssl_gcm(key, iv, aad, aad_len, pt, len, want, want_tag);
		if (len)
			assert_memory_equal(ct, want, (size_t)len);
		assert_memory_equal(tag, want_tag, 16);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fips197_block), cmocka_unit_test(gcm_test_cases),
		cmocka_unit_test(tampering_detected), cmocka_unit_test(against_openssl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
