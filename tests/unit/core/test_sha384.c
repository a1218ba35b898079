/* SHA-384 and HMAC-SHA-384 (common/sha384.c, common/hmac_sha384.c): the FIPS 180-4
 * examples (NIST "SHA384.pdf": "abc", the two-block message) and the empty message, a
 * million 'a's fed in odd pieces, RFC 4231 test cases 2 and 6 (a key longer than a block),
 * and OpenSSL's SHA384 / HMAC on random messages of every length around the block and
 * padding boundaries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sha384.h>

static void unhex(const char *s, uint8_t *out)
{
	for (size_t i = 0; s[2 * i]; i++) {
		char b[3] = { s[2 * i], s[2 * i + 1], 0 };
		out[i] = (uint8_t)strtoul(b, NULL, 16);
	}
}

static void check(const char *msg, const char *want_hex)
{
	uint8_t got[48], want[48];
	unhex(want_hex, want);
	sha384(msg, strlen(msg), got);
	assert_memory_equal(got, want, 48);
}

static void fips180_examples(void **state)
{
	check("abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		     "8086072ba1e7cc2358baeca134c825a7");
	check("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
	      "klmnopqrlmnopqrsmnopqrstnopqrstu",
	      "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	      "fcc7c71a557e2db966c3e9fa91746039");
	check("", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
		  "274edebfe76f65fbd51ad2f14898b95b");
}

static void million_a_in_pieces(void **state)
{
	static uint8_t a[1000];
	uint8_t got[48], want[48];
	memset(a, 'a', sizeof(a));
	struct sha384_ctx c;
	sha384_init(&c);
	for (unsigned done = 0, step = 1; done < 1000000; step = step % 997 + 1) {
		unsigned n = step < 1000000 - done ? step : 1000000 - done;
		sha384_update(&c, a, n);
		done += n;
	}
	sha384_final(&c, got);
	unhex("9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
	      "07b8b3dc38ecc4ebae97ddd87f3d8985", want);
	assert_memory_equal(got, want, 48);
}

static void hmac_rfc4231(void **state)
{
	uint8_t got[48], want[48], key[131];
	const char *data = "what do ya want for nothing?";
	hmac_sha384((const uint8_t *)"Jefe", 4, data, strlen(data), got);
	unhex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
	      "8e2240ca5e69e2c78b3239ecfab21649", want);
	assert_memory_equal(got, want, 48);
	memset(key, 0xaa, sizeof(key));
	data = "Test Using Larger Than Block-Size Key - Hash Key First";
	hmac_sha384(key, sizeof(key), data, strlen(data), got);
	unhex("4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
	      "0c2ef6ab4030fe8296248df163f44952", want);
	assert_memory_equal(got, want, 48);
}

static void openssl_random(void **state)
{
	static uint8_t msg[1200], key[200];
	uint8_t got[48], want[48];
	unsigned int want_len;
	srand(384);
	for (unsigned round = 0; round < 600; round++) {
		/* The first 300 walk every length up to well past two blocks. */
		size_t len = round < 300 ? round : (size_t)rand() % sizeof(msg);
		size_t key_len = (size_t)rand() % sizeof(key);
		for (size_t i = 0; i < len; i++)
			msg[i] = (uint8_t)rand();
		for (size_t i = 0; i < key_len; i++)
			key[i] = (uint8_t)rand();
		sha384(msg, len, got);
		SHA384(msg, len, want);
		assert_memory_equal(got, want, 48);
		hmac_sha384(key, key_len, msg, len, got);
		assert_non_null(HMAC(EVP_sha384(), key, (int)key_len, msg, len, want, &want_len));
		assert_int_equal(want_len, 48);
		assert_memory_equal(got, want, 48);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fips180_examples),
		cmocka_unit_test(million_a_in_pieces),
		cmocka_unit_test(hmac_rfc4231),
		cmocka_unit_test(openssl_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
