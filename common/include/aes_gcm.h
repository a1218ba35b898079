/* AES-256-GCM (FIPS 197 for AES, NIST SP 800-38D for GCM) with a 96-bit IV and a 128-bit
 * tag: what SEV-SNP guest messages are sealed with (SNP firmware ABI, "Guest Messages";
 * Linux arch/x86/coco/sev: AEAD algorithm 1). Shared by testvisor's model PSP and the
 * payload library; checked against the published GCM test vectors and, on the host,
 * against OpenSSL (tests/unit/core/test_aes_gcm.c). Not constant-time: it protects no
 * secret, it only has to agree with the firmware byte for byte. */
#ifndef AES_GCM_H
#define AES_GCM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AES_GCM_KEY_LEN 32
#define AES_GCM_IV_LEN 12
#define AES_GCM_TAG_LEN 16

void aes256_gcm_encrypt(const uint8_t key[AES_GCM_KEY_LEN], const uint8_t iv[AES_GCM_IV_LEN],
			const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
			uint8_t *out, uint8_t tag[AES_GCM_TAG_LEN]);

/* False (and `out` cleared) when the tag does not match. */
bool aes256_gcm_decrypt(const uint8_t key[AES_GCM_KEY_LEN], const uint8_t iv[AES_GCM_IV_LEN],
			const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
			uint8_t *out, const uint8_t tag[AES_GCM_TAG_LEN]);

/* One AES-256 block (for the tests). */
void aes256_encrypt_block(const uint8_t key[AES_GCM_KEY_LEN], const uint8_t in[16], uint8_t out[16]);

#endif
