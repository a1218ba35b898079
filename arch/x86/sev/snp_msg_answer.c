/* The model firmware's answers to guest messages (snp_msg_answer.h). */
#include <p384_ecdsa.h>
#include <sha384.h>
#include <string.h>
#include <x86/snp_msg_answer.h>

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* TSC_INFO (Linux struct snp_tsc_info_resp): status 0, the launch VMSA's GUEST_TSC_SCALE
 * at 8 and GUEST_TSC_OFFSET at 16. */
static size_t tsc_info(const struct psp_model_guest *g, uint8_t *answer)
{
	memset(answer, 0, SNP_TSC_INFO_SIZE);
	put64(answer + 8, g->tsc_scale);
	put64(answer + 16, g->tsc_offset);
	return SNP_TSC_INFO_SIZE;
}

/* A VMPL the requester may name: its own or a less privileged one (0-3). */
static bool vmpl_allowed(uint32_t vmpl, unsigned requester_vmpl)
{
	return vmpl >= requester_vmpl && vmpl <= 3;
}

/* KEY_SEL (0: VLEK if installed, else VCEK; 1: VCEK; 2: VLEK; 3: reserved): the model
 * has no VLEK. */
static uint32_t key_sel_status(unsigned key_sel)
{
	if (key_sel == 3)
		return SNP_MSG_STATUS_INVALID_PARAM;
	return key_sel == 2 ? SNP_MSG_STATUS_INVALID_KEY_SEL : SNP_MSG_STATUS_OK;
}

static void model_tcb_fields(uint8_t *report, const struct psp_model *m)
{
	put64(report + SNP_REPORT_CURRENT_TCB_OFF, SNP_MODEL_TCB);
	put64(report + SNP_REPORT_REPORTED_TCB_OFF, SNP_MODEL_TCB);
	put64(report + SNP_REPORT_COMMITTED_TCB_OFF, SNP_MODEL_TCB);
	put64(report + SNP_REPORT_LAUNCH_TCB_OFF, SNP_MODEL_TCB);
	for (unsigned off = SNP_REPORT_CURRENT_VERSION_OFF; off <= SNP_REPORT_COMMITTED_VERSION_OFF; off += 4) {
		report[off] = 0; /* build */
		report[off + 1] = m->api_minor;
		report[off + 2] = m->api_major;
	}
}

/* ECDSA P-384 over bytes 0x0-0x29F with the model's VCEK; R and S little-endian,
 * zero-extended to 72 bytes each. */
static void sign_report(uint8_t *report)
{
	uint8_t vcek[P384_BYTES], digest[SHA384_DIGEST_LEN], r[P384_BYTES], s[P384_BYTES];
	sha384(SNP_MODEL_VCEK_SEED, sizeof(SNP_MODEL_VCEK_SEED) - 1, vcek);
	sha384(report, SNP_REPORT_SIGNED_LEN, digest);
	p384_ecdsa_sign(vcek, digest, r, s);
	uint8_t *sig = report + SNP_REPORT_SIGNATURE_OFF;
	for (unsigned i = 0; i < P384_BYTES; i++) {
		sig[i] = r[P384_BYTES - 1 - i];
		sig[72 + i] = s[P384_BYTES - 1 - i];
	}
}

/* MSG_REPORT_REQ: a VMPL outside requester..3 or reserved bits set is INVALID_PARAM, a
 * VLEK asked for INVALID_KEY_SEL, both with REPORT_SIZE 0 and no report. The report
 * carries no ID block (FAMILY_ID, IMAGE_ID, GUEST_SVN, ID and author key digests zero),
 * PLATFORM_INFO 0 (the model claims no platform feature), REPORT_ID_MA all ones (no
 * migration agent, **assumption**). */
static size_t report(const struct psp_model *m, const struct psp_model_guest *g, unsigned vmpck,
		     const uint8_t *req, uint8_t *answer)
{
	memset(answer, 0, SNP_REPORT_RSP_SIZE);
	uint32_t vmpl = get32(req + 0x40), key_sel = get32(req + 0x44);
	uint32_t status = SNP_MSG_STATUS_OK;
	static const uint8_t zero[SNP_REPORT_REQ_SIZE - 0x48];
	if (!vmpl_allowed(vmpl, vmpck) || (key_sel & ~3u) || memcmp(req + 0x48, zero, sizeof(zero)))
		status = SNP_MSG_STATUS_INVALID_PARAM;
	else
		status = key_sel_status(key_sel & 3);
	put32(answer, status);
	if (status != SNP_MSG_STATUS_OK)
		return SNP_REPORT_RSP_SIZE;
	put32(answer + 4, SNP_REPORT_SIZE);
	uint8_t *r = answer + 0x20;
	put32(r + SNP_REPORT_VERSION_OFF, SNP_REPORT_VERSION);
	put64(r + SNP_REPORT_POLICY_OFF, g->policy);
	put32(r + SNP_REPORT_VMPL_OFF, vmpl);
	put32(r + SNP_REPORT_SIG_ALGO_OFF, SNP_REPORT_SIG_ALGO_ECDSA_P384_SHA384);
	memcpy(r + SNP_REPORT_REPORT_DATA_OFF, req, 64);
	memcpy(r + SNP_REPORT_MEASUREMENT_OFF, g->measurement, sizeof(g->measurement));
	memcpy(r + SNP_REPORT_HOST_DATA_OFF, g->host_data, sizeof(g->host_data));
	memcpy(r + SNP_REPORT_REPORT_ID_OFF, g->report_id, sizeof(g->report_id));
	memset(r + SNP_REPORT_REPORT_ID_MA_OFF, 0xff, 32);
	memcpy(r + SNP_REPORT_CHIP_ID_OFF, SNP_MODEL_CHIP_ID, sizeof(SNP_MODEL_CHIP_ID) - 1);
	model_tcb_fields(r, m);
	sign_report(r);
	return SNP_REPORT_RSP_SIZE;
}

/* A TCB_VERSION no component of which is above the committed TCB's. */
static bool tcb_not_above_committed(uint64_t tcb)
{
	for (unsigned i = 0; i < 8; i++)
		if (((tcb >> (8 * i)) & 0xff) > ((SNP_MODEL_TCB >> (8 * i)) & 0xff))
			return false;
	return true;
}

/* MSG_KEY_REQ. Refused with INVALID_PARAM: a VMPL outside requester..3, reserved bits in
 * ROOT_KEY_SELECT, its reserved word or GUEST_FIELD_SELECT, a GUEST_SVN above the
 * launch's (0: no ID block), a TCB_VERSION above the committed one; KEY_SEL as for
 * reports. The derivation itself is not public: the model's key (**assumption**) is the
 * first 32 bytes of HMAC-SHA-384 keyed with the root (the VCEK's private key, or SHA-384 of
 * SNP_MODEL_VMRK_SEED for VMRK) over ROOT_KEY_SELECT, VMPL, GUEST_FIELD_SELECT and each
 * selected field in bit order (policy 8, IMAGE_ID 16, FAMILY_ID 16, MEASUREMENT 48,
 * GUEST_SVN 4, TCB_VERSION 8 bytes). */
static size_t derived_key(const struct psp_model_guest *g, unsigned vmpck, const uint8_t *req,
			  uint8_t *answer)
{
	uint32_t root_select = get32(req), vmpl = get32(req + 0x10), svn = get32(req + 0x14);
	uint64_t fields = get64(req + 0x08), tcb = get64(req + 0x18);
	uint32_t status;
	memset(answer, 0, SNP_KEY_RSP_SIZE);
	if (!vmpl_allowed(vmpl, vmpck) || (root_select & ~7u) || get32(req + 4) ||
	    (fields & ~SNP_KEY_FIELDS_DEFINED) || svn > 0 || !tcb_not_above_committed(tcb))
		status = SNP_MSG_STATUS_INVALID_PARAM;
	else
		status = key_sel_status((root_select >> 1) & 3);
	put32(answer, status);
	if (status != SNP_MSG_STATUS_OK)
		return SNP_KEY_RSP_SIZE;

	uint8_t root[SHA384_DIGEST_LEN], key[SHA384_DIGEST_LEN], mix[8 + 8 + 8 + 16 + 16 + 48 + 4 + 8];
	static const uint8_t no_id[16];
	if (root_select & 1)
		sha384(SNP_MODEL_VMRK_SEED, sizeof(SNP_MODEL_VMRK_SEED) - 1, root);
	else
		sha384(SNP_MODEL_VCEK_SEED, sizeof(SNP_MODEL_VCEK_SEED) - 1, root);
	size_t n = 0;
	put32(mix + n, root_select), n += 4;
	put32(mix + n, vmpl), n += 4;
	put64(mix + n, fields), n += 8;
	if (fields & SNP_KEY_FIELD_POLICY)
		put64(mix + n, g->policy), n += 8;
	if (fields & SNP_KEY_FIELD_IMAGE_ID)
		memcpy(mix + n, no_id, 16), n += 16;
	if (fields & SNP_KEY_FIELD_FAMILY_ID)
		memcpy(mix + n, no_id, 16), n += 16;
	if (fields & SNP_KEY_FIELD_MEASUREMENT)
		memcpy(mix + n, g->measurement, 48), n += 48;
	if (fields & SNP_KEY_FIELD_GUEST_SVN)
		put32(mix + n, svn), n += 4;
	if (fields & SNP_KEY_FIELD_TCB_VERSION)
		put64(mix + n, tcb), n += 8;
	hmac_sha384(root, sizeof(root), mix, n, key);
	memcpy(answer + 0x20, key, 32);
	return SNP_KEY_RSP_SIZE;
}

size_t snp_msg_answer(const struct psp_model *m, const struct psp_model_guest *g, unsigned vmpck,
		      const struct snp_msg *req, uint8_t *answer)
{
	switch (req->type) {
	case SNP_MSG_TSC_INFO_REQ:
		return req->size == SNP_TSC_INFO_SIZE ? tsc_info(g, answer) : 0;
	case SNP_MSG_REPORT_REQ:
		return req->size == SNP_REPORT_REQ_SIZE ? report(m, g, vmpck, req->payload, answer) : 0;
	case SNP_MSG_KEY_REQ:
		return req->size == SNP_KEY_REQ_SIZE ? derived_key(g, vmpck, req->payload, answer) : 0;
	default:
		return 0;
	}
}
