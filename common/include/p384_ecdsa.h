/* ECDSA over NIST P-384 with SHA-384 digests (FIPS 186-4 §6.4, curve D.1.2.4), the
 * nonce k chosen deterministically as RFC 6979 §3.2 says (HMAC-SHA-384): the algorithm
 * of an SEV-SNP attestation report's signature (SNP firmware ABI, ATTESTATION_REPORT
 * SIGNATURE_ALGO 1). Freestanding and fixed-size (twelve 32-bit limbs, no allocation):
 * the model PSP signs inside testvisor with it. Not constant-time: the only key it sees is
 * the model's VCEK, a published constant. Numbers are big-endian byte strings here, as
 * FIPS 186 and RFC 6979 write them; the report stores R and S little-endian. Checked
 * against RFC 6979 A.2.6 and OpenSSL (tests/unit/core/test_p384_ecdsa.c). */
#ifndef P384_ECDSA_H
#define P384_ECDSA_H

#include <stdbool.h>
#include <stdint.h>

#define P384_BYTES 48

/* Signs `digest` (48 bytes) with private key `d` (1 <= d < n). False for a key out of
 * range. */
bool p384_ecdsa_sign(const uint8_t d[P384_BYTES], const uint8_t digest[P384_BYTES],
		     uint8_t r[P384_BYTES], uint8_t s[P384_BYTES]);

/* The public key d * G in affine coordinates. False for a key out of range. */
bool p384_public_key(const uint8_t d[P384_BYTES], uint8_t x[P384_BYTES], uint8_t y[P384_BYTES]);

/* RFC 6979's k for (d, digest), for the tests that compare it with the RFC's. */
void p384_rfc6979_nonce(const uint8_t d[P384_BYTES], const uint8_t digest[P384_BYTES],
			uint8_t k[P384_BYTES]);

#endif
