/* SHA-384 (FIPS 180-4 §6.5: SHA-512's compression with its own initial value, the digest
 * cut to 384 bits) and HMAC-SHA-384 (FIPS 198-1). What SEV-SNP measures and signs with:
 * the launch digest chains SHA-384 (SNP firmware ABI, SNP_LAUNCH_UPDATE), the attestation
 * report is signed with ECDSA P-384 over SHA-384. Freestanding; shared by testvisor's model
 * PSP and the payload library; checked against the FIPS 180-4 examples and OpenSSL
 * (tests/unit/core/test_sha384.c). Not constant-time: it hashes nothing secret in a way an
 * attacker could time. */
#ifndef SHA384_H
#define SHA384_H

#include <stddef.h>
#include <stdint.h>

#define SHA384_DIGEST_LEN 48
#define SHA384_BLOCK_LEN 128

struct sha384_ctx {
	uint64_t h[8];
	uint64_t bytes;                  /* hashed so far (messages below 2^61 bytes) */
	uint8_t block[SHA384_BLOCK_LEN]; /* the partial block */
};

void sha384_init(struct sha384_ctx *c);
void sha384_update(struct sha384_ctx *c, const void *data, size_t len);
void sha384_final(struct sha384_ctx *c, uint8_t out[SHA384_DIGEST_LEN]);
void sha384(const void *data, size_t len, uint8_t out[SHA384_DIGEST_LEN]);

/* HMAC-SHA-384 of the concatenation of `parts` (n of them, lengths in `lens`): RFC 6979's
 * K and V updates hash several pieces without a copy. */
void hmac_sha384_parts(const uint8_t *key, size_t key_len, const void *const *parts,
		       const size_t *lens, size_t n, uint8_t out[SHA384_DIGEST_LEN]);
void hmac_sha384(const uint8_t *key, size_t key_len, const void *data, size_t len,
		 uint8_t out[SHA384_DIGEST_LEN]);

#endif
