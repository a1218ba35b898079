/* SEV-SNP guest messages (x86/snp_guest_msg.h). */
#include <aes_gcm.h>
#include <string.h>
#include <x86/snp_guest_msg.h>

enum { OFF_TAG = 0x00, OFF_SEQNO = 0x20, OFF_ALGO = 0x30, OFF_HDR_VERSION = 0x31,
       OFF_HDR_SIZE = 0x32, OFF_TYPE = 0x34, OFF_VERSION = 0x35, OFF_SIZE = 0x36,
       OFF_VMPCK = 0x3c, OFF_AAD = OFF_ALGO, AAD_LEN = SNP_MSG_HDR_SIZE - OFF_ALGO };

static void iv_from_seqno(uint64_t seqno, uint8_t iv[AES_GCM_IV_LEN])
{
	memset(iv, 0, AES_GCM_IV_LEN);
	for (unsigned i = 0; i < 8; i++)
		iv[i] = (uint8_t)(seqno >> (8 * i));
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

enum snp_msg_error snp_msg_open(const uint8_t key[32], const uint8_t *page, uint64_t want_seqno,
				uint8_t *plain, struct snp_msg *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < 8; i++)
		out->seqno |= (uint64_t)page[OFF_SEQNO + i] << (8 * i);
	out->type = page[OFF_TYPE];
	out->version = page[OFF_VERSION];
	out->vmpck = page[OFF_VMPCK];
	out->size = get16(page + OFF_SIZE);
	if (page[OFF_ALGO] != SNP_MSG_AEAD_AES_256_GCM || page[OFF_HDR_VERSION] != SNP_MSG_HDR_VERSION ||
	    get16(page + OFF_HDR_SIZE) != SNP_MSG_HDR_SIZE || out->size > SNP_MSG_PAYLOAD_MAX)
		return SNP_MSG_BAD_HEADER;
	if (out->seqno != want_seqno)
		return SNP_MSG_BAD_SEQNO;
	uint8_t iv[AES_GCM_IV_LEN];
	iv_from_seqno(out->seqno, iv);
	if (!aes256_gcm_decrypt(key, iv, page + OFF_AAD, AAD_LEN, page + SNP_MSG_HDR_SIZE, out->size,
				plain, page + OFF_TAG))
		return SNP_MSG_BAD_TAG;
	out->payload = plain;
	return SNP_MSG_OK;
}

void snp_msg_seal(const uint8_t key[32], const struct snp_msg *m, uint8_t *page)
{
	memset(page, 0, SNP_MSG_HDR_SIZE);
	for (unsigned i = 0; i < 8; i++)
		page[OFF_SEQNO + i] = (uint8_t)(m->seqno >> (8 * i));
	page[OFF_ALGO] = SNP_MSG_AEAD_AES_256_GCM;
	page[OFF_HDR_VERSION] = SNP_MSG_HDR_VERSION;
	page[OFF_HDR_SIZE] = SNP_MSG_HDR_SIZE;
	page[OFF_TYPE] = m->type;
	page[OFF_VERSION] = m->version;
	page[OFF_SIZE] = (uint8_t)m->size;
	page[OFF_SIZE + 1] = (uint8_t)(m->size >> 8);
	page[OFF_VMPCK] = m->vmpck;
	uint8_t iv[AES_GCM_IV_LEN];
	iv_from_seqno(m->seqno, iv);
	aes256_gcm_encrypt(key, iv, page + OFF_AAD, AAD_LEN, m->payload, m->size,
			   page + SNP_MSG_HDR_SIZE, page + OFF_TAG);
}
