/* The SNP extended guest request (NAE 0x8000_0012; GHCB specification "SNP Extended Guest
 * Request"; KVM snp_handle_ext_guest_req, snp_complete_req_certs): a guest request (the
 * request and response pages in SW_EXITINFO1/2) plus, for an attestation report request
 * (MSG_REPORT_REQ, message type 5, read from the request's plaintext header at 0x34), a
 * certificate buffer: RAX its page-aligned GPA, RBX its page count. What the hypervisor
 * does before the request goes to the firmware, and the model's certificate table. Pure,
 * host-tested (test_x86_snp_ext_req). */
#ifndef X86_SNP_EXT_REQ_H
#define X86_SNP_EXT_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNP_MSG_TYPE_OFFSET 0x34u
#define SNP_MSG_REPORT_REQ 5u
#define SNP_CERT_ENTRY_SIZE 24u /* GUID 16, offset 4, length 4; a zero entry ends the table */
/* SW_EXITINFO2 when the buffer is too small: SNP_GUEST_VMM_ERR_INVALID_LEN (1) in the
 * hypervisor's half, bits 63:32 (Linux SNP_GUEST_ERR). */
#define SNP_EXT_ERR_INVALID_LEN (1ull << 32)

enum snp_ext_action {
	SNP_EXT_PLAIN,         /* not a report request: a plain guest request */
	SNP_EXT_INVALID_INPUT, /* RAX/RBX not valid or RAX not page-aligned: refused (2, 5) */
	SNP_EXT_EMPTY_TABLE,   /* no certificates: the first 24 bytes zeroed (if RBX > 0) */
	SNP_EXT_TOO_SMALL,     /* RBX = pages needed, SW_EXITINFO2 = INVALID_LEN, no request */
	SNP_EXT_CERTS,         /* the table written to the buffer, then the request */
};

struct snp_ext_in {
	uint8_t msg_type;
	bool rax_valid, rbx_valid;
	uint64_t rax, rbx;
	size_t certs_len; /* the certificate table's bytes; 0: none configured */
};

/* What to do; `pages_needed` for SNP_EXT_TOO_SMALL. */
enum snp_ext_action snp_ext_decide(const struct snp_ext_in *in, uint64_t *pages_needed);

/* The model's certificate table (snp_certs=model): one VCEK entry (GUID
 * 63da758d-e664-4564-adc5-f4b93be8accd, in the string's byte order as AMD's cert-table
 * code parses it), the zero entry, then a short blob that says it is the model's. Written
 * into `buf` when `len` allows; returns its size either way. */
size_t snp_model_certs(uint8_t *buf, size_t len);

#endif
