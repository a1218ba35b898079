/* ECDSA P-384 with RFC 6979 nonces (common/p384_ecdsa.c): RFC 6979 A.2.6's key, its public
 * key, and its SHA-384 signatures of "sample" and "test" (k, r, s); then random keys and
 * messages signed here and verified by OpenSSL's ECDSA_do_verify with the public key
 * OpenSSL computes itself, and refused by it after one flipped bit of the digest, r or s. */
#define OPENSSL_SUPPRESS_DEPRECATED /* EC_KEY is the shortest way to a raw (r, s) check */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>
#include <p384_ecdsa.h>
#include <sha384.h>

static void unhex(const char *s, uint8_t *out)
{
	for (size_t i = 0; s[2 * i]; i++) {
		char b[3] = { s[2 * i], s[2 * i + 1], 0 };
		out[i] = (uint8_t)strtoul(b, NULL, 16);
	}
}

static void want_hex(const uint8_t *got, const char *hex)
{
	uint8_t want[48];
	unhex(hex, want);
	assert_memory_equal(got, want, 48);
}

static const char rfc_key[] = "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
			      "96d5724e4c70a825f872c9ea60d2edf5";

static void rfc6979_vectors(void **state)
{
	uint8_t d[48], x[48], y[48], digest[48], k[48], r[48], s[48];
	unhex(rfc_key, d);
	assert_true(p384_public_key(d, x, y));
	want_hex(x, "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
		    "def8f0ea9055866064a254515480bc13");
	want_hex(y, "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1"
		    "288b231c3ae0d4fe7344fd2533264720");
	/* RFC 6979 A.2.6, SHA-384: the message, then k, r and s */
	static const struct { const char *msg, *k, *r, *s; } vectors[] = {
		{ "sample",
		  "94ed910d1a099dad3254e9242ae85abde4ba15168eaf0ca87a555fd56d10fbca2907e3e83ba95368623b8c4686915cf9",
		  "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46",
		  "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8" },
		{ "test",
		  "015ee46a5bf88773ed9123a5ab0807962d193719503c527b031b4c2d225092ada71f4a459bc0da98adb95837db8312ea",
		  "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023db",
		  "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5" },
	};
	for (unsigned i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha384(vectors[i].msg, strlen(vectors[i].msg), digest);
		p384_rfc6979_nonce(d, digest, k);
		want_hex(k, vectors[i].k);
		assert_true(p384_ecdsa_sign(d, digest, r, s));
		want_hex(r, vectors[i].r);
		want_hex(s, vectors[i].s);
	}
}

static void keys_out_of_range(void **state)
{
	uint8_t d[48] = { 0 }, digest[48] = { 0 }, r[48], s[48];
	assert_false(p384_ecdsa_sign(d, digest, r, s)); /* 0 */
	unhex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
	      "581a0db248b0a77aecec196accc52973", d); /* n */
	assert_false(p384_ecdsa_sign(d, digest, r, s));
	assert_false(p384_public_key(d, r, s));
}

static int openssl_verify(EC_KEY *key, const uint8_t digest[48], const uint8_t r[48], const uint8_t s[48])
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	assert_int_equal(ECDSA_SIG_set0(sig, BN_bin2bn(r, 48, NULL), BN_bin2bn(s, 48, NULL)), 1);
	int ok = ECDSA_do_verify(digest, 48, sig, key);
	ECDSA_SIG_free(sig);
	return ok;
}

static void openssl_random(void **state)
{
	const EC_GROUP *group;
	BN_CTX *ctx = BN_CTX_new();
	srand(6979);
	for (unsigned round = 0; round < 150; round++) {
		uint8_t d[48], msg[300], digest[48], r[48], s[48], x[48], y[48], ox[48], oy[48];
		for (unsigned i = 0; i < 48; i++)
			d[i] = (uint8_t)rand();
		d[0] &= 0x7f; /* below n */
		size_t len = (size_t)rand() % sizeof(msg);
		for (size_t i = 0; i < len; i++)
			msg[i] = (uint8_t)rand();
		SHA384(msg, len, digest);

		EC_KEY *key = EC_KEY_new_by_curve_name(NID_secp384r1);
		group = EC_KEY_get0_group(key);
		BIGNUM *priv = BN_bin2bn(d, 48, NULL), *bx = BN_new(), *by = BN_new();
		EC_POINT *pub = EC_POINT_new(group);
		assert_int_equal(EC_POINT_mul(group, pub, priv, NULL, NULL, ctx), 1);
		assert_int_equal(EC_KEY_set_private_key(key, priv), 1);
		assert_int_equal(EC_KEY_set_public_key(key, pub), 1);
		assert_int_equal(EC_POINT_get_affine_coordinates(group, pub, bx, by, ctx), 1);
		assert_int_equal(BN_bn2binpad(bx, ox, 48), 48);
		assert_int_equal(BN_bn2binpad(by, oy, 48), 48);

		assert_true(p384_public_key(d, x, y));
		assert_memory_equal(x, ox, 48);
		assert_memory_equal(y, oy, 48);
		assert_true(p384_ecdsa_sign(d, digest, r, s));
		assert_int_equal(openssl_verify(key, digest, r, s), 1);
		unsigned bit = (unsigned)rand() % 384;
		digest[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_equal(openssl_verify(key, digest, r, s), 0);
		digest[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		r[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_not_equal(openssl_verify(key, digest, r, s), 1);
		r[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		s[47 - bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_not_equal(openssl_verify(key, digest, r, s), 1);

		EC_POINT_free(pub);
		BN_free(priv);
		BN_free(bx);
		BN_free(by);
		EC_KEY_free(key);
	}
	BN_CTX_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6979_vectors),
		cmocka_unit_test(keys_out_of_range),
		cmocka_unit_test(openssl_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
