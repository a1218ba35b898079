/* The guest's side of SEV-SNP guest messages, written from the SNP firmware ABI ("Guest
 * Messages") and Linux's struct snp_guest_msg_hdr, apart from testvisor's own code: the
 * VMPCKs from the secrets page (multiboot module "snp-secrets", VMPCKn at 0x20 + 0x20 n),
 * a request sealed with AES-256-GCM into a page (header 0x60 bytes: tag 0x00, MSG_SEQNO
 * 0x20, algorithm 0x30 = 1, header version 0x31 = 1, header size 0x32 = 0x60, type 0x34,
 * version 0x35 = 1, size 0x36, VMPCK 0x3C; AAD = 0x30-0x5F; IV = MSG_SEQNO), sent as an
 * SNP guest request through the GHCB (SW_EXITCODE 0x8000_0011), and the response opened. */
#ifndef GUEST_SEV_MSG_H
#define GUEST_SEV_MSG_H

#include <stdbool.h>
#include <stdint.h>

#define SEV_MSG_PAGE 4096
#define SEV_MSG_PAYLOAD_OFF 0x60

/* VMPCK `n` (0-3) of this guest's secrets page, NULL without one. */
const uint8_t *sev_msg_vmpck(unsigned n);

/* A request of `type` carrying `payload` (`size` bytes), sealed with `key` and naming
 * VMPCK `vmpck`, written to `page`. */
void sev_msg_seal(uint8_t *page, const uint8_t *key, unsigned vmpck, uint64_t seqno, uint8_t type,
		  const void *payload, uint16_t size);

/* The guest request for the shared pages `req` and `resp`: the firmware's status
 * (SW_EXITINFO2), all ones when the hypervisor refused (SW_EXITINFO1 not 0). */
uint64_t sev_msg_send(const uint8_t *req, uint8_t *resp);

struct sev_msg_response {
	bool opened;     /* header as expected and the tag verified */
	uint64_t seqno;
	uint8_t type;
	uint16_t size;
};
/* Opens the response in `page` with `key`, expecting `size` bytes of payload into
 * `plain`. */
struct sev_msg_response sev_msg_open(const uint8_t *page, const uint8_t *key, void *plain, uint16_t size);

#endif
