/* SEV-SNP guest messages: what a guest and the SNP firmware exchange through
 * SNP_GUEST_REQUEST, sealed with AES-256-GCM under a VM platform communication key (VMPCK)
 * from the secrets page. Layout (SNP firmware ABI, pub. 56860, "Guest Messages"; Linux
 * struct snp_guest_msg_hdr): a 0x60-byte header - auth tag 0x00 (32 bytes, 16 used),
 * MSG_SEQNO 0x20, algorithm 0x30 (1 = AES-256-GCM), header version 0x31 (1), header size
 * 0x32 (0x60), message type 0x34, message version 0x35, message size 0x36, VMPCK number
 * 0x3C - then the encrypted payload. IV = MSG_SEQNO (little-endian) in the first 8 of its
 * 12 bytes; AAD = header bytes 0x30-0x5F; the payload alone is encrypted. Pure: the model
 * PSP (psp_model.c) opens requests and seals responses with it; host-tested against a
 * guest written separately in the test. */
#ifndef X86_SNP_GUEST_MSG_H
#define X86_SNP_GUEST_MSG_H

#include <stddef.h>
#include <stdint.h>

#define SNP_MSG_HDR_SIZE 0x60u
#define SNP_MSG_PAGE_SIZE 4096u
#define SNP_MSG_PAYLOAD_MAX (SNP_MSG_PAGE_SIZE - SNP_MSG_HDR_SIZE)
#define SNP_MSG_AEAD_AES_256_GCM 1
#define SNP_MSG_HDR_VERSION 1
#define SNP_MSG_TSC_INFO_REQ 17
#define SNP_MSG_TSC_INFO_RSP 18
#define SNP_TSC_INFO_SIZE 128 /* request (reserved) and response */

struct snp_msg {
	uint64_t seqno;
	uint8_t type, version, vmpck;
	uint16_t size;
	const uint8_t *payload; /* in the caller's buffer, after opening */
};

enum snp_msg_error {
	SNP_MSG_OK,
	SNP_MSG_BAD_HEADER,  /* algorithm, header version or size, VMPCK, payload size */
	SNP_MSG_BAD_SEQNO,   /* not the sequence number expected next */
	SNP_MSG_BAD_TAG,     /* authentication failed */
};

/* Opens `page` (SNP_MSG_PAGE_SIZE bytes) sealed under `key`: checks the header, that
 * MSG_SEQNO is `want_seqno`, and the tag; the payload is decrypted into `plain`
 * (SNP_MSG_PAYLOAD_MAX bytes). */
enum snp_msg_error snp_msg_open(const uint8_t key[32], const uint8_t *page, uint64_t want_seqno,
				uint8_t *plain, struct snp_msg *out);

/* Seals `m` (its payload of m->size bytes) under `key` into `page`. */
void snp_msg_seal(const uint8_t key[32], const struct snp_msg *m, uint8_t *page);

#endif
