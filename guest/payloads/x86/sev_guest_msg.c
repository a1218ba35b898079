/* An SEV-SNP guest talks to the SNP firmware through sealed guest messages: it finds its
 * secrets page (multiboot module "snp-secrets"), takes VMPCK0 (secrets page offset 0x20),
 * seals an MSG_TSC_INFO request with AES-256-GCM and sends it through the GHCB (SNP guest
 * request, SW_EXITCODE 0x8000_0011, SW_EXITINFO1/2 = the shared request/response pages;
 * guest/lib/x86/sev_msg.c). Written from the SNP firmware ABI's message layout and
 * Linux's struct snp_guest_msg_hdr (header 0x60 bytes: tag 0x00, MSG_SEQNO 0x20,
 * algorithm 0x30 = 1, header version 0x31 = 1, header size 0x32 = 0x60, type 0x34,
 * version 0x35, size 0x36, VMPCK 0x3C; AAD = 0x30-0x5F; IV = MSG_SEQNO) and the TSC_INFO
 * response (type 18; status 0, scale at 8, offset at 16; seed "x86/sev: Add Secure TSC
 * support for SNP guests"). Checks: the
 * answer opens, carries MSG_SEQNO + 1 and type 18, status 0 and a non-zero scale for a
 * Secure TSC guest, and the same values asked again; a replayed sequence number and a
 * changed ciphertext are refused by the firmware (SW_EXITINFO2 non-zero) and answered with
 * nothing; the expected number then still works. The extended guest request: TSC_INFO
 * answered as a guest request; report requests' certificate buffer (empty table, or with
 * args certs=model the model's table and the too-small answer), the report itself
 * answered by the firmware (its contents: sev_report); malformed ones refused. SNP guests
 * only. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "sev_msg.h"
#include "x86_guest.h"

#define MSG_TSC_INFO_REQ 17
#define MSG_TSC_INFO_RSP 18
#define TSC_INFO_SIZE 128
#define SEV_STATUS_SECURE_TSC (1ull << 11)
/* The extended guest request (GHCB specification "SNP Extended Guest Request"; KVM
 * snp_handle_ext_guest_req, snp_complete_req_certs): RAX the certificate buffer, RBX its
 * pages; only a report request (MSG_REPORT_REQ 5, Linux struct snp_report_req: 96 bytes)
 * gets certificates. The table's entries: GUID 16, offset 4, length 4, a zero entry last;
 * VCEK's GUID 63da758d-e664-4564-adc5-f4b93be8accd. A buffer too small: RBX the pages
 * needed, SW_EXITINFO2 SNP_GUEST_VMM_ERR_INVALID_LEN (1) << 32. Malformed: SW_EXITINFO1 2,
 * SW_EXITINFO2 5 (invalid input). */
#define NAE_EXT_GUEST_REQUEST 0x80000012ull
#define MSG_REPORT_REQ 5
#define MSG_REPORT_RSP 6
#define REPORT_REQ_SIZE 96
#define REPORT_RSP_SIZE (0x20 + 0x4a0)
#define ERR_INVALID_LEN (1ull << 32)
#define GHCB_ERR_INVALID_INPUT 5
#define CERT_ENTRY 24
static const uint8_t vcek_guid[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
				       0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };
static uint8_t certs[2][4096] __attribute__((aligned(4096)));

static uint8_t req[4096] __attribute__((aligned(4096)));
static uint8_t resp[4096] __attribute__((aligned(4096)));
static const uint8_t *vmpck0;

/* A request of `type` with `size` zero bytes of payload, sealed with VMPCK0. */
static void seal(uint64_t seqno, uint8_t type, uint16_t size)
{
	static const uint8_t zero[TSC_INFO_SIZE];
	sev_msg_seal(req, vmpck0, 0, seqno, type, zero, size);
}

static void seal_tsc_info(uint64_t seqno) { seal(seqno, MSG_TSC_INFO_REQ, TSC_INFO_SIZE); }

/* The firmware's status (SW_EXITINFO2) for the request now in `req`. */
static uint64_t send(void)
{
	memset(resp, 0xee, sizeof(resp));
	return sev_msg_send(req, resp);
}

struct tsc_info {
	bool opened;
	uint64_t seqno, scale, offset;
	uint32_t status;
	uint8_t type;
};

static struct tsc_info open_response(void)
{
	struct tsc_info t = { 0 };
	uint8_t plain[TSC_INFO_SIZE];
	struct sev_msg_response r = sev_msg_open(resp, vmpck0, plain, TSC_INFO_SIZE);
	t.seqno = r.seqno;
	t.type = r.type;
	if (!r.opened)
		return t;
	t.opened = true;
	memcpy(&t.status, plain, 4);
	memcpy(&t.scale, plain + 8, 8);
	memcpy(&t.offset, plain + 16, 8);
	return t;
}

static bool all_ee(const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (p[i] != 0xee)
			return false;
	return true;
}

static bool nothing_answered(void) { return all_ee(resp, sizeof(resp)); }

/* The extended request for the request now in `req`, the certificate buffer refilled
 * with 0xEE first; RAX/RBX given unless `rax`/`rbx` is NULL. */
static struct sev_ghcb_answer send_ext(const uint64_t *rax, const uint64_t *rbx)
{
	memset(resp, 0xee, sizeof(resp));
	memset(certs, 0xee, sizeof(certs));
	return sev_ghcb_request_regs(NAE_EXT_GUEST_REQUEST, (uint64_t)(uintptr_t)req,
				     (uint64_t)(uintptr_t)resp, rax, rbx);
}

/* The firmware answered the report request MSG_SEQNO 7 with MSG_REPORT_RSP (6): status at
 * 0, report size at 4, 24 reserved bytes, the 0x4A0-byte report. */
static bool report_answered(void)
{
	static uint8_t plain[REPORT_RSP_SIZE];
	struct sev_msg_response r = sev_msg_open(resp, vmpck0, plain, REPORT_RSP_SIZE);
	uint32_t status;
	memcpy(&status, plain, 4);
	return r.opened && r.seqno == 8 && r.type == MSG_REPORT_RSP && status == 0;
}

/* The next free MSG_SEQNO is 5 on entry. */
static void ext_checks(bool with_certs, const struct tsc_info *first)
{
	uint64_t buf = (uint64_t)(uintptr_t)certs, one = 1, zero = 0, odd = buf + 8;
	report(sev_make_pages_shared(buf, 2), "certificate buffer (2 pages) made shared");
	seal_tsc_info(5);
	struct sev_ghcb_answer a = send_ext(&buf, &one);
	struct tsc_info t = open_response();
	report((uint32_t)a.info1 == 0 && a.info2 == 0 && t.opened && t.seqno == 6 &&
	       t.scale == first->scale && t.offset == first->offset,
	       "TSC_INFO through the extended request answered as a guest request (SW_EXITINFO2 %#lx)",
	       (unsigned long)a.info2);
	report(all_ee(certs[0], sizeof(certs)), "... and the certificate buffer untouched (not a report request)");

	seal(7, MSG_REPORT_REQ, REPORT_REQ_SIZE);
	a = send_ext(&buf, NULL);
	report((uint32_t)a.info1 == 2 && a.info2 == GHCB_ERR_INVALID_INPUT && all_ee(certs[0], sizeof(certs)),
	       "report request without RBX: refused, invalid input (%lu, %lu)", (unsigned long)(uint32_t)a.info1,
	       (unsigned long)a.info2);
	a = send_ext(&odd, &one);
	report((uint32_t)a.info1 == 2 && a.info2 == GHCB_ERR_INVALID_INPUT,
	       "report request with a buffer not page-aligned: refused, invalid input");
	if (!with_certs) {
		a = send_ext(&buf, &one);
		uint8_t zeros[CERT_ENTRY] = { 0 };
		report((uint32_t)a.info1 == 0 && (a.info2 >> 32) == 0 && !memcmp(certs[0], zeros, CERT_ENTRY) &&
		       all_ee(certs[0] + CERT_ENTRY, sizeof(certs) - CERT_ENTRY),
		       "no certificates: an empty table (24 zero bytes), no hypervisor error (SW_EXITINFO2 %#lx)",
		       (unsigned long)a.info2);
		report(a.info2 == 0 && report_answered(), "... and the report request answered (MSG_SEQNO 8, type 6, status 0)");
		a = send_ext(&buf, &zero);
		report((a.info2 >> 32) == 0 && all_ee(certs[0], sizeof(certs)),
		       "no certificates, RBX 0: nothing written, no hypervisor error");
	} else {
		a = send_ext(&buf, &zero);
		report(a.info2 == ERR_INVALID_LEN && a.rbx_valid && a.rbx == 1 && all_ee(certs[0], sizeof(certs)),
		       "RBX 0 with certificates: SW_EXITINFO2 1 << 32 (%#lx), RBX 1 page needed (%lu), nothing written",
		       (unsigned long)a.info2, (unsigned long)a.rbx);
		a = send_ext(&buf, &one);
		uint32_t off, len;
		memcpy(&off, certs[0] + 16, 4);
		memcpy(&len, certs[0] + 20, 4);
		uint8_t zeros[CERT_ENTRY] = { 0 };
		report((a.info2 >> 32) == 0 && !memcmp(certs[0], vcek_guid, 16) &&
		       !memcmp(certs[0] + CERT_ENTRY, zeros, CERT_ENTRY) && off >= 2 * CERT_ENTRY && len &&
		       off + len <= 4096 && all_ee(certs[1], 4096),
		       "RBX 1: the table names VCEK (blob at %u, %u bytes), a zero entry ends it", off, len);
		report(a.info2 == 0 && report_answered(), "... and the report request answered (MSG_SEQNO 8, type 6, status 0)");
	}
	/* The report request took 7 (its replay with RBX 0 was refused by the firmware). */
	seal_tsc_info(9);
	uint64_t fw = send();
	t = open_response();
	report(fw == 0 && t.opened && t.seqno == 10, "MSG_SEQNO 9 answered after the report requests");
}

int main(int argc, char **argv)
{
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest: no secrets page and no firmware to talk to");
		return report_summary();
	}
	vmpck0 = sev_msg_vmpck(0);
	if (!vmpck0)
		report_abort("no multiboot module \"snp-secrets\"");
	report(sev_make_shared((uint64_t)(uintptr_t)req) && sev_make_shared((uint64_t)(uintptr_t)resp),
	       "request and response pages made shared");
	bool secure_tsc = sev_status() & SEV_STATUS_SECURE_TSC;

	seal_tsc_info(1);
	uint64_t fw = send();
	struct tsc_info a = open_response();
	report(fw == 0 && a.opened, "TSC_INFO (MSG_SEQNO 1) answered and the answer opens with VMPCK0 (status %#lx)",
	       (unsigned long)fw);
	report(a.seqno == 2 && a.type == MSG_TSC_INFO_RSP, "the answer carries MSG_SEQNO 2 and type 18 (%lu, %u)",
	       (unsigned long)a.seqno, a.type);
	report(a.status == 0 && (!secure_tsc || a.scale != 0),
	       "TSC_INFO status 0, scale %#lx, offset %#lx", (unsigned long)a.scale, (unsigned long)a.offset);

	seal_tsc_info(1);
	fw = send();
	report(fw != 0 && nothing_answered(), "a replayed MSG_SEQNO 1 is refused (firmware status %#lx), nothing answered",
	       (unsigned long)fw);
	seal_tsc_info(3);
	req[0x60] ^= 1;
	fw = send();
	report(fw != 0 && nothing_answered(), "a changed ciphertext is refused (firmware status %#lx)", (unsigned long)fw);

	seal_tsc_info(3);
	fw = send();
	struct tsc_info b = open_response();
	report(fw == 0 && b.opened && b.seqno == 4 && b.scale == a.scale && b.offset == a.offset,
	       "MSG_SEQNO 3 still answered after the refusals, with the same scale and offset");
	ext_checks(tv_arg(argc, argv, "certs") != NULL, &a);
	return report_summary();
}
