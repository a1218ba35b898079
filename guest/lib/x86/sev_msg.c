/* The guest's side of SEV-SNP guest messages (sev_msg.h). */
#include <string.h>
#include <aes_gcm.h>
#include <multiboot.h>
#include "sev_guest.h"
#include "sev_msg.h"
#include "x86_guest.h"

#define NAE_GUEST_REQUEST 0x80000011ull

const uint8_t *sev_msg_vmpck(unsigned n)
{
	const struct mb_info *mbi = x86_multiboot_info();
	if (n > 3 || !mbi || !(mbi->flags & MB_INFO_MODS))
		return NULL;
	const struct mb_module *mods = (const void *)(uintptr_t)mbi->mods_addr;
	for (uint32_t i = 0; i < mbi->mods_count; i++)
		if (!strcmp((const char *)(uintptr_t)mods[i].string, "snp-secrets") &&
		    mods[i].mod_end - mods[i].mod_start == 4096)
			return (const uint8_t *)(uintptr_t)mods[i].mod_start + 0x20 + 0x20 * n;
	return NULL;
}

static void iv_of(uint64_t seqno, uint8_t iv[AES_GCM_IV_LEN])
{
	memset(iv, 0, AES_GCM_IV_LEN);
	memcpy(iv, &seqno, 8);
}

void sev_msg_seal(uint8_t *page, const uint8_t *key, unsigned vmpck, uint64_t seqno, uint8_t type,
		  const void *payload, uint16_t size)
{
	uint8_t iv[AES_GCM_IV_LEN];
	memset(page, 0, SEV_MSG_PAGE);
	memcpy(page + 0x20, &seqno, 8);
	page[0x30] = 1;
	page[0x31] = 1;
	page[0x32] = SEV_MSG_PAYLOAD_OFF;
	page[0x34] = type;
	page[0x35] = 1;
	memcpy(page + 0x36, &size, 2);
	page[0x3c] = (uint8_t)vmpck;
	iv_of(seqno, iv);
	aes256_gcm_encrypt(key, iv, page + 0x30, 0x30, payload, size, page + SEV_MSG_PAYLOAD_OFF, page);
}

uint64_t sev_msg_send(const uint8_t *req, uint8_t *resp)
{
	uint64_t answer[2];
	sev_ghcb_request(NAE_GUEST_REQUEST, (uint64_t)(uintptr_t)req, (uint64_t)(uintptr_t)resp, NULL, answer);
	return (uint32_t)answer[0] ? ~0ull : answer[1];
}

struct sev_msg_response sev_msg_open(const uint8_t *page, const uint8_t *key, void *plain, uint16_t size)
{
	struct sev_msg_response r = { 0 };
	uint8_t iv[AES_GCM_IV_LEN];
	memcpy(&r.seqno, page + 0x20, 8);
	r.type = page[0x34];
	memcpy(&r.size, page + 0x36, 2);
	iv_of(r.seqno, iv);
	r.opened = page[0x30] == 1 && page[0x31] == 1 && page[0x32] == SEV_MSG_PAYLOAD_OFF && r.size == size &&
		   aes256_gcm_decrypt(key, iv, page + 0x30, 0x30, page + SEV_MSG_PAYLOAD_OFF, size, plain, page);
	return r;
}
