/* The SNP extended guest request's certificate part (x86/snp_ext_req.h). */
#include <string.h>
#include <x86/snp_ext_req.h>

#define PAGE 4096u

enum snp_ext_action snp_ext_decide(const struct snp_ext_in *in, uint64_t *pages_needed)
{
	/* KVM: only MSG_REPORT_REQ carries certificates; anything else goes to the firmware as
	 * a guest request and RAX/RBX are not looked at. */
	if (in->msg_type != SNP_MSG_REPORT_REQ)
		return SNP_EXT_PLAIN;
	if (!in->rax_valid || !in->rbx_valid || (in->rax & (PAGE - 1)))
		return SNP_EXT_INVALID_INPUT;
	if (!in->certs_len)
		return SNP_EXT_EMPTY_TABLE;
	uint64_t need = (in->certs_len + PAGE - 1) / PAGE;
	if (in->rbx < need) {
		*pages_needed = need;
		return SNP_EXT_TOO_SMALL;
	}
	return SNP_EXT_CERTS;
}

static const uint8_t vcek_guid[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
				       0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };
static const char blob[] = "testvisor model VCEK: not a certificate";

size_t snp_model_certs(uint8_t *buf, size_t len)
{
	uint32_t offset = 2 * SNP_CERT_ENTRY_SIZE, length = sizeof(blob);
	size_t total = offset + length;
	if (!buf || len < total)
		return total;
	memset(buf, 0, offset);
	memcpy(buf, vcek_guid, sizeof(vcek_guid));
	memcpy(buf + 16, &offset, 4);
	memcpy(buf + 20, &length, 4);
	memcpy(buf + offset, blob, length);
	return total;
}
