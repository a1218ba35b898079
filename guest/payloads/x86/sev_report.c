/* An SEV-SNP guest asks the SNP firmware for an attestation report and for derived keys
 * through sealed guest messages (guest/lib/x86/sev_msg.c). Its constants are written
 * here from the SNP firmware ABI (pub. 56860: "MSG_REPORT_REQ", "MSG_REPORT_RSP",
 * "ATTESTATION_REPORT Structure", "MSG_KEY_REQ", "MSG_KEY_RSP") and Linux's uapi
 * sev-guest.h and sev-guest driver (struct snp_report_req, snp_derived_key_req,
 * snp_msg_report_resp_hdr, SNP_REPORT_INVALID_PARAM 0x16), not from testvisor's headers:
 *   MSG_REPORT_REQ 5 (96 bytes: REPORT_DATA 64, VMPL at 0x40, reserved) -> MSG_REPORT_RSP 6
 *   (STATUS 0x00, REPORT_SIZE 0x04, reserved, the report at 0x20; report: VERSION 0x00,
 *   POLICY 0x08, VMPL 0x30, SIGNATURE_ALGO 0x34 (1 = ECDSA P-384 with SHA-384),
 *   REPORT_DATA 0x50, MEASUREMENT 0x90, SIGNATURE 0x2A0: R and S, 72 bytes each);
 *   MSG_KEY_REQ 3 (32 bytes: ROOT_KEY_SELECT, reserved, GUEST_FIELD_SELECT 8 (bit 0 policy,
 *   3 measurement; bits 63:6 reserved), VMPL, GUEST_SVN, TCB_VERSION 8) -> MSG_KEY_RSP 4
 *   (STATUS, DERIVED_KEY at 0x20, 32 bytes).
 * A VMPL below the requester's (its VMPCK's number) is an invalid parameter. Args:
 * policy=<n>, the launch policy the guest is told (else only its must-be-one bit 17 is
 * checked). SNP guests only. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "sev_guest.h"
#include "sev_msg.h"
#include "x86_guest.h"

#define MSG_KEY_REQ 3
#define MSG_KEY_RSP 4
#define MSG_REPORT_REQ 5
#define MSG_REPORT_RSP 6
#define REPORT_REQ_SIZE 96
#define REPORT_SIZE 0x4a0
#define REPORT_RSP_SIZE (0x20 + REPORT_SIZE)
#define KEY_REQ_SIZE 32
#define KEY_RSP_SIZE 64
#define STATUS_INVALID_PARAM 0x16
#define POLICY_RSVD_MBO (1ull << 17)
#define FIELD_POLICY (1ull << 0)
#define FIELD_MEASUREMENT (1ull << 3)

static uint8_t req[4096] __attribute__((aligned(4096)));
static uint8_t resp[4096] __attribute__((aligned(4096)));
static uint8_t answer[REPORT_RSP_SIZE];
static uint64_t next_seqno[4] = { 1, 1, 1, 1 };

static uint32_t u32_at(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t u64_at(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* One exchange under VMPCK `key`: true when the firmware answered (status 0) with the
 * next MSG_SEQNO and `type` + 1, the payload opened into `answer`. */
static bool exchange(unsigned key, uint8_t type, const void *payload, uint16_t size, uint16_t answer_size)
{
	uint64_t seqno = next_seqno[key];
	sev_msg_seal(req, sev_msg_vmpck(key), key, seqno, type, payload, size);
	memset(resp, 0xee, sizeof(resp));
	memset(answer, 0, sizeof(answer));
	uint64_t fw = sev_msg_send(req, resp);
	struct sev_msg_response r = sev_msg_open(resp, sev_msg_vmpck(key), answer, answer_size);
	bool ok = fw == 0 && r.opened && r.seqno == seqno + 1 && r.type == type + 1;
	if (!ok)
		report_info("VMPCK%u request type %u: firmware status %#lx, opened %d, MSG_SEQNO %lu, type %u",
			    key, type, (unsigned long)fw, r.opened, (unsigned long)r.seqno, r.type);
	next_seqno[key] = seqno + 2;
	return ok;
}

static bool ask_report(unsigned key, const uint8_t data[64], uint32_t vmpl)
{
	uint8_t payload[REPORT_REQ_SIZE] = { 0 };
	memcpy(payload, data, 64);
	memcpy(payload + 0x40, &vmpl, 4);
	return exchange(key, MSG_REPORT_REQ, payload, sizeof(payload), REPORT_RSP_SIZE);
}

static bool all_zero(const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void report_checks(const char *policy_arg)
{
	uint8_t data[64], measurement[48];
	const uint8_t *r = answer + 0x20;
	for (unsigned i = 0; i < 64; i++)
		data[i] = (uint8_t)(0xa5 ^ i);
	report(ask_report(0, data, 0), "report request answered: MSG_SEQNO 2, MSG_REPORT_RSP (6), opened with VMPCK0");
	report(u32_at(answer) == 0 && u32_at(answer + 4) == REPORT_SIZE, "status 0, report size 0x4A0 (%#x, %#x)",
	       u32_at(answer), u32_at(answer + 4));
	report(u32_at(r) >= 2, "VERSION %u (at least 2)", u32_at(r));
	report(!memcmp(r + 0x50, data, 64), "REPORT_DATA is the one asked with");
	report(u32_at(r + 0x30) == 0, "VMPL 0 (%u)", u32_at(r + 0x30));
	report(u32_at(r + 0x34) == 1, "SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384 (%u)", u32_at(r + 0x34));
	uint64_t policy = u64_at(r + 0x08);
	if (policy_arg)
		report(policy == strtoull(policy_arg, NULL, 0), "POLICY %#lx is the launch policy %s",
		       (unsigned long)policy, policy_arg);
	else
		report(policy & POLICY_RSVD_MBO, "POLICY %#lx has its must-be-one bit 17", (unsigned long)policy);
	report(!all_zero(r + 0x90, 48), "MEASUREMENT is not zero");
	report(!all_zero(r + 0x2a0, 48) && !all_zero(r + 0x2a0 + 72, 48) && all_zero(r + 0x2a0 + 48, 24) &&
	       all_zero(r + 0x2a0 + 72 + 48, 24), "SIGNATURE: R and S 48 bytes each, zero-extended to 72");
	memcpy(measurement, r + 0x90, 48);

	data[0] ^= 0xff;
	report(ask_report(0, data, 0) && u32_at(answer) == 0 && !memcmp(r + 0x50, data, 64),
	       "a second report with other REPORT_DATA (MSG_SEQNO 4)");
	report(!memcmp(r + 0x90, measurement, 48), "... the same MEASUREMENT");
	report(ask_report(0, data, 1) && u32_at(answer) == 0 && u32_at(r + 0x30) == 1,
	       "a report for VMPL 1, less privileged than the requester: VMPL 1 in it");
	report(ask_report(1, data, 0) && u32_at(answer) == STATUS_INVALID_PARAM && u32_at(answer + 4) == 0,
	       "VMPL 0 asked with VMPCK1 (requester VMPL 1): status 0x16, no report (%#x)", u32_at(answer));
}

struct key_req {
	uint32_t root_key_select, reserved;
	uint64_t field_select;
	uint32_t vmpl, guest_svn;
	uint64_t tcb_version;
};

/* The status, the key into `key`. */
static uint32_t ask_key(unsigned vmpck, struct key_req k, uint8_t key[32])
{
	_Static_assert(sizeof(k) == KEY_REQ_SIZE, "MSG_KEY_REQ is 32 bytes");
	if (!exchange(vmpck, MSG_KEY_REQ, &k, sizeof(k), KEY_RSP_SIZE))
		return ~0u;
	memcpy(key, answer + 0x20, 32);
	return u32_at(answer);
}

static void key_checks(void)
{
	uint8_t a[32], b[32], c[32];
	struct key_req k = { .field_select = FIELD_POLICY | FIELD_MEASUREMENT };
	report(ask_key(0, k, a) == 0 && !all_zero(a, 32), "derived key (policy and measurement mixed): status 0");
	report(ask_key(0, k, b) == 0 && !memcmp(a, b, 32), "the same request again: the same key");
	k.field_select = FIELD_POLICY;
	report(ask_key(0, k, c) == 0 && memcmp(a, c, 32), "another GUEST_FIELD_SELECT: another key");
	k.field_select = FIELD_POLICY | FIELD_MEASUREMENT;
	report(ask_key(1, k, c) == STATUS_INVALID_PARAM && all_zero(c, 32),
	       "VMPL 0 asked with VMPCK1: status 0x16, no key");
	k.field_select = 1ull << 63;
	report(ask_key(0, k, c) == STATUS_INVALID_PARAM, "a reserved GUEST_FIELD_SELECT bit: status 0x16");
}

int main(int argc, char **argv)
{
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest: no secrets page and no firmware to talk to");
		return report_summary();
	}
	if (!sev_msg_vmpck(0))
		report_abort("no multiboot module \"snp-secrets\"");
	report(sev_make_shared((uint64_t)(uintptr_t)req) && sev_make_shared((uint64_t)(uintptr_t)resp),
	       "request and response pages made shared");
	report_checks(tv_arg(argc, argv, "policy"));
	key_checks();
	return report_summary();
}
