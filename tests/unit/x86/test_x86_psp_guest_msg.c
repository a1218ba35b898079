/* SEV-SNP guest messages through the model PSP (arch/x86/sev/snp_guest_msg.c, psp_model.c
 * guest_request, snp_msg_answer.c, the secrets page at SNP_LAUNCH_UPDATE). The guest side
 * here is written from the SNP firmware ABI's message layout and Linux's struct
 * snp_guest_msg_hdr on its own (header 0x60 bytes: tag 0x00, MSG_SEQNO 0x20, algorithm
 * 0x30, header version 0x31, header size 0x32, type 0x34, version 0x35, size 0x36, VMPCK
 * 0x3C; AAD 0x30-0x5F; IV = MSG_SEQNO; VMPCKn at 0x20 + 0x20 n of the secrets page), with
 * AES-256-GCM from common/. Payloads, from Linux uapi sev-guest.h and the ABI's tables:
 * TSC_INFO request 17 / response 18, 128 bytes, scale at 8, offset at 16. REPORT request
 * 5 (96 bytes: REPORT_DATA 64, VMPL at 0x40, KEY_SEL bits 1:0 at 0x44, reserved) /
 * response 6 (status, report size 0x4A0 at 4, the report at 0x20: VERSION 0, GUEST_SVN 4,
 * POLICY 8, VMPL 0x30, SIGNATURE_ALGO 0x34 (1), REPORT_DATA 0x50, MEASUREMENT 0x90,
 * HOST_DATA 0xC0, REPORT_ID 0x140, REPORT_ID_MA 0x160, CHIP_ID 0x1A0, current version
 * 0x1E8, SIGNATURE 0x2A0: R and S little-endian, 72 bytes each, over 0x0-0x29F). KEY
 * request 3 (32 bytes: ROOT_KEY_SELECT, reserved, GUEST_FIELD_SELECT 8, VMPL, GUEST_SVN,
 * TCB_VERSION 8) / response 4 (status, the key at 0x20). Statuses 0x16 invalid parameter,
 * 0x27 invalid key selection (Linux sev-guest). The report's signature is checked with
 * OpenSSL against the public key of the documented model VCEK (SHA-384 of "testvisor
 * model VCEK"), derived by OpenSSL. */
#define OPENSSL_SUPPRESS_DEPRECATED /* EC_KEY: the shortest way to a raw (r, s) check */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>
#include <aes_gcm.h>
#include <x86/psp.h>
#include <x86/vmsa.h>

static struct psp_model model;
static struct psp_transport t;
static uint8_t gctx[4096] __attribute__((aligned(4096)));
static uint8_t secrets[4096] __attribute__((aligned(4096)));
static uint8_t vmsa[4096] __attribute__((aligned(4096)));
static uint8_t req[4096] __attribute__((aligned(4096)));
static uint8_t resp[4096] __attribute__((aligned(4096)));
#define ASID 3
#define PA(p) ((uint64_t)(uintptr_t)(p))

static void rmp(const void *page, uint32_t asid)
{
	struct rmp_update e = { .assigned = 1, .immutable = 1, .asid = asid };
	assert_int_equal(psp_model_rmpupdate(&model, PA(page), &e), 0);
}

static uint64_t fake_tsc(void) { return 1ull << 40; }
static void *page_at(uint64_t pa) { return (void *)(uintptr_t)pa; }
static const uint8_t host_data[32] = "host data given at LAUNCH_FINISH";

/* A launched guest with a secrets page and a VMSA holding Secure TSC values. */
static int launch(void **state)
{
	psp_model_init(&model, 16);
	model.read_tsc = fake_tsc;
	model.host_tsc_khz = 1000000;
	model.page_at = page_at;
	t = (struct psp_transport){ psp_model_submit, &model };
	rmp(gctx, 0);
	rmp(secrets, ASID);
	rmp(vmsa, ASID);
	memset(vmsa, 0, sizeof(vmsa));
	/* Secure TSC values the hypervisor wrote (the model keeps them for TSC_INFO). */
	vmsa_write64(vmsa, VMSA_GUEST_TSC_SCALE, 0x123456789ull);
	vmsa_write64(vmsa, VMSA_GUEST_TSC_OFFSET, 0xfffffff000000000ull);
	assert_int_equal(psp_snp_init_ex(&t, false, 0), PSP_OK);
	assert_int_equal(psp_snp_gctx_create(&t, PA(gctx)), PSP_OK);
	assert_int_equal(psp_snp_launch_start(&t, PA(gctx), SNP_POLICY_DEFAULT, 1000000), PSP_OK);
	assert_int_equal(psp_snp_activate(&t, PA(gctx), ASID), PSP_OK);
	/* No guest messages before the launch is finished. */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_GUEST_STATE);
	/* A secrets page is 4 KiB. */
	assert_int_equal(psp_snp_launch_update(&t, PA(gctx), PA(secrets), SNP_PAGE_SECRETS, true), PSP_INVALID_PARAM);
	assert_int_equal(psp_snp_launch_update(&t, PA(gctx), PA(secrets), SNP_PAGE_SECRETS, false), PSP_OK);
	assert_int_equal(psp_snp_launch_update(&t, PA(gctx), PA(vmsa), SNP_PAGE_VMSA, false), PSP_OK);
	assert_int_equal(psp_snp_launch_finish(&t, PA(gctx), host_data), PSP_OK);
	return 0;
}

static void iv_of(uint64_t seqno, uint8_t iv[12])
{
	memset(iv, 0, 12);
	memcpy(iv, &seqno, 8); /* little-endian host, as the guest is */
}

/* The guest's request of `type` with `payload` (`size` bytes) under VMPCK `key_no`,
 * named `named_vmpck`. */
static void sealed_request(uint64_t seqno, uint8_t type, unsigned key_no, uint8_t named_vmpck,
			   const uint8_t *payload, uint16_t size)
{
	uint8_t iv[12];
	memset(req, 0, sizeof(req));
	memcpy(req + 0x20, &seqno, 8);
	req[0x30] = 1;
	req[0x31] = 1;
	req[0x32] = 0x60;
	req[0x34] = type;
	req[0x35] = 1;
	memcpy(req + 0x36, &size, 2);
	req[0x3c] = named_vmpck;
	iv_of(seqno, iv);
	aes256_gcm_encrypt(secrets + 0x20 + 0x20 * key_no, iv, req + 0x30, 0x30, payload, size,
			   req + 0x60, req);
	memset(resp, 0xee, sizeof(resp));
}

/* TSC_INFO (or `type`) with 128 zero bytes. */
static void guest_request(uint64_t seqno, uint8_t type, unsigned key_no, uint8_t named_vmpck)
{
	static const uint8_t zero[128];
	sealed_request(seqno, type, key_no, named_vmpck, zero, sizeof(zero));
}

/* The firmware's response as the guest checks it (Linux verify_and_dec_payload). */
static void check_tsc_info(uint64_t want_seqno, unsigned key_no)
{
	uint64_t seqno;
	memcpy(&seqno, resp + 0x20, 8);
	assert_int_equal(seqno, want_seqno);
	assert_int_equal(resp[0x30], 1);
	assert_int_equal(resp[0x31], 1);
	assert_int_equal(resp[0x34], 18);
	assert_int_equal(resp[0x35], 1);
	assert_int_equal(resp[0x36] | resp[0x37] << 8, 128);
	uint8_t iv[12], plain[128];
	iv_of(seqno, iv);
	assert_true(aes256_gcm_decrypt(secrets + 0x20 + 0x20 * key_no, iv, resp + 0x30, 0x30, resp + 0x60,
				       128, plain, resp));
	uint32_t status;
	uint64_t scale, offset;
	memcpy(&status, plain, 4);
	memcpy(&scale, plain + 8, 8);
	memcpy(&offset, plain + 16, 8);
	assert_int_equal(status, 0);
	assert_int_equal(scale, 0x123456789ull);
	assert_int_equal(offset, 0xfffffff000000000ull);
}

static void untouched(void)
{
	for (unsigned i = 0; i < sizeof(resp); i++)
		assert_int_equal(resp[i], 0xee);
}

static void secrets_page(void **state)
{
	assert_int_equal(secrets[0], 3); /* layout version */
	static const uint8_t zero[32];
	for (unsigned k = 0; k < 4; k++)
		assert_memory_not_equal(secrets + 0x20 + 0x20 * k, zero, 32);
	assert_memory_not_equal(secrets + 0x20, secrets + 0x40, 32);
}

static void tsc_info_and_sequence(void **state)
{
	guest_request(1, 17, 0, 0);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_OK);
	check_tsc_info(2, 0);
	/* A replayed request (sequence number 1 again) is refused, nothing answered. */
	guest_request(1, 17, 0, 0);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	untouched();
	guest_request(2, 17, 0, 0); /* the response's number is not the next request's */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	guest_request(3, 17, 0, 0);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_OK);
	check_tsc_info(4, 0);
}

static void bad_tag_key_and_type(void **state)
{
	guest_request(1, 17, 0, 0);
	req[0x60] ^= 1; /* ciphertext changed: the tag fails */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	untouched();
	guest_request(1, 17, 1, 0); /* sealed with VMPCK1, said to be VMPCK0 */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	guest_request(1, 7, 0, 0); /* a message type the model does not answer (MSG_EXPORT_REQ) */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	guest_request(1, 17, 0, 7); /* no VMPCK7 */
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	/* Failures did not move the expected number: 1 still works. */
	guest_request(1, 17, 0, 0);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_OK);
	check_tsc_info(2, 0);
	/* Each VMPCK counts on its own. */
	guest_request(1, 17, 1, 1);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_OK);
	check_tsc_info(2, 1);
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req) + 8, PA(resp)), PSP_INVALID_ADDRESS);
}

/* Sends the request now in `req`, checks the response's header (MSG_SEQNO `seqno` + 1,
 * type `type` + 1, `size` bytes) and opens it with VMPCK `key_no` into `plain`. */
static void exchange(uint64_t seqno, uint8_t type, unsigned key_no, uint8_t *plain, uint16_t size)
{
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_OK);
	uint64_t got_seqno;
	uint8_t iv[12];
	memcpy(&got_seqno, resp + 0x20, 8);
	assert_int_equal(got_seqno, seqno + 1);
	assert_int_equal(resp[0x34], type + 1);
	assert_int_equal(resp[0x36] | resp[0x37] << 8, size);
	assert_int_equal(resp[0x3c], key_no);
	iv_of(got_seqno, iv);
	assert_true(aes256_gcm_decrypt(secrets + 0x20 + 0x20 * key_no, iv, resp + 0x30, 0x30, resp + 0x60,
				       size, plain, resp));
}

static uint32_t u32_at(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t u64_at(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

#define REPORT_RSP 0x4c0
static uint8_t report_rsp[REPORT_RSP];
#define REPORT (report_rsp + 0x20)

/* A report request for `vmpl` with REPORT_DATA `data` and the word at 0x44 `key_sel`;
 * returns the response's status. */
static uint32_t ask_report(uint64_t seqno, unsigned key_no, const uint8_t data[64], uint32_t vmpl,
			   uint32_t key_sel)
{
	uint8_t payload[96] = { 0 };
	memcpy(payload, data, 64);
	memcpy(payload + 0x40, &vmpl, 4);
	memcpy(payload + 0x44, &key_sel, 4);
	sealed_request(seqno, 5, key_no, (uint8_t)key_no, payload, sizeof(payload));
	exchange(seqno, 5, key_no, report_rsp, REPORT_RSP);
	return u32_at(report_rsp);
}

static void report_fields(void **state)
{
	uint8_t data[64];
	for (unsigned i = 0; i < 64; i++)
		data[i] = (uint8_t)(i * 7 + 1);
	assert_int_equal(ask_report(1, 0, data, 0, 0), 0);
	assert_int_equal(u32_at(report_rsp + 4), 0x4a0);
	assert_int_equal(u32_at(REPORT + 0x00), 2);                  /* VERSION */
	assert_int_equal(u32_at(REPORT + 0x04), 0);                  /* GUEST_SVN: no ID block */
	assert_int_equal(u64_at(REPORT + 0x08), SNP_POLICY_DEFAULT); /* POLICY */
	assert_int_equal(u32_at(REPORT + 0x30), 0);                  /* VMPL */
	assert_int_equal(u32_at(REPORT + 0x34), 1);                  /* ECDSA P-384 with SHA-384 */
	assert_memory_equal(REPORT + 0x50, data, 64);
	const struct psp_model_guest *g = psp_model_find(&model, PA(gctx));
	static const uint8_t zero[64];
	assert_memory_not_equal(REPORT + 0x90, zero, 48);            /* secrets + VMSA measured */
	assert_memory_equal(REPORT + 0x90, g->measurement, 48);
	assert_memory_equal(REPORT + 0xc0, host_data, 32);
	assert_memory_not_equal(REPORT + 0x140, zero, 32);            /* REPORT_ID */
	for (unsigned i = 0; i < 32; i++)
		assert_int_equal(REPORT[0x160 + i], 0xff);           /* REPORT_ID_MA: none */
	assert_memory_not_equal(REPORT + 0x1a0, zero, 64);            /* CHIP_ID */
	assert_int_equal(REPORT[0x1e9], 55);                         /* current ABI minor */
	assert_int_equal(REPORT[0x1ea], 1);                          /* ... and major */
	/* A second report: the same measurement and REPORT_ID, its own REPORT_DATA. */
	uint8_t first[0x4a0];
	memcpy(first, REPORT, sizeof(first));
	data[0] ^= 0xff;
	assert_int_equal(ask_report(3, 0, data, 0, 0), 0);
	assert_memory_equal(REPORT + 0x90, first + 0x90, 48);
	assert_memory_equal(REPORT + 0x140, first + 0x140, 32);
	assert_memory_equal(REPORT + 0x50, data, 64);
}

/* The model VCEK's key pair, derived by OpenSSL from its documented private key. */
static EC_KEY *model_vcek(void)
{
	uint8_t d[48];
	SHA384((const uint8_t *)"testvisor model VCEK", 20, d);
	EC_KEY *key = EC_KEY_new_by_curve_name(NID_secp384r1);
	const EC_GROUP *group = EC_KEY_get0_group(key);
	BIGNUM *priv = BN_bin2bn(d, 48, NULL);
	EC_POINT *pub = EC_POINT_new(group);
	assert_int_equal(EC_POINT_mul(group, pub, priv, NULL, NULL, NULL), 1);
	assert_int_equal(EC_KEY_set_public_key(key, pub), 1);
	EC_POINT_free(pub);
	BN_free(priv);
	return key;
}

static int signature_verifies(EC_KEY *key, const uint8_t *report)
{
	uint8_t digest[48], r[72], s[72];
	SHA384(report, 0x2a0, digest);
	for (unsigned i = 0; i < 72; i++) { /* little-endian in the report */
		r[i] = report[0x2a0 + 71 - i];
		s[i] = report[0x2a0 + 72 + 71 - i];
	}
	ECDSA_SIG *sig = ECDSA_SIG_new();
	assert_int_equal(ECDSA_SIG_set0(sig, BN_bin2bn(r, 72, NULL), BN_bin2bn(s, 72, NULL)), 1);
	int ok = ECDSA_do_verify(digest, 48, sig, key);
	ECDSA_SIG_free(sig);
	return ok;
}

static void report_signature(void **state)
{
	static const uint8_t data[64] = "nonce";
	EC_KEY *key = model_vcek();
	assert_int_equal(ask_report(1, 0, data, 0, 0), 0);
	assert_int_equal(signature_verifies(key, REPORT), 1);
	for (unsigned i = 48; i < 72; i++) { /* R and S zero-extended */
		assert_int_equal(REPORT[0x2a0 + i], 0);
		assert_int_equal(REPORT[0x2a0 + 72 + i], 0);
	}
	REPORT[0x50] ^= 1; /* REPORT_DATA changed after signing */
	assert_int_equal(signature_verifies(key, REPORT), 0);
	REPORT[0x50] ^= 1;
	REPORT[0x29f] ^= 0x80; /* the last signed byte */
	assert_int_equal(signature_verifies(key, REPORT), 0);
	EC_KEY_free(key);
}

/* The requester's VMPL is its VMPCK's number: VMPCK1 asks as VMPL 1. */
static void report_refusals(void **state)
{
	static const uint8_t data[64];
	assert_int_equal(ask_report(1, 1, data, 0, 0), 0x16);   /* below the requester's */
	assert_int_equal(u32_at(report_rsp + 4), 0);
	static const uint8_t zero[0x4a0];
	assert_memory_equal(REPORT, zero, sizeof(zero));
	assert_int_equal(ask_report(3, 1, data, 1, 0), 0);
	assert_int_equal(u32_at(REPORT + 0x30), 1);
	assert_int_equal(ask_report(5, 1, data, 3, 0), 0);
	assert_int_equal(ask_report(7, 1, data, 4, 0), 0x16);   /* no VMPL 4 */
	assert_int_equal(ask_report(9, 1, data, 1, 1), 0);      /* KEY_SEL 1: VCEK */
	assert_int_equal(ask_report(11, 1, data, 1, 2), 0x27);  /* KEY_SEL 2: VLEK, none */
	assert_int_equal(ask_report(13, 1, data, 1, 3), 0x16);  /* KEY_SEL 3: reserved */
	assert_int_equal(ask_report(15, 1, data, 1, 4), 0x16);  /* a reserved bit */
	/* A wrong request size is not answered at all. */
	uint8_t short_req[64] = { 0 };
	sealed_request(17, 5, 1, 1, short_req, sizeof(short_req));
	assert_int_equal(psp_snp_guest_request(&t, PA(gctx), PA(req), PA(resp)), PSP_INVALID_PARAM);
	untouched();
}

struct key_req {
	uint32_t root_key_select, reserved;
	uint64_t field_select;
	uint32_t vmpl, guest_svn;
	uint64_t tcb_version;
};

static uint32_t ask_key(uint64_t seqno, unsigned key_no, struct key_req k, uint8_t key[32])
{
	uint8_t payload[32], plain[64];
	_Static_assert(sizeof(k) == 32, "MSG_KEY_REQ is 32 bytes");
	memcpy(payload, &k, sizeof(payload));
	sealed_request(seqno, 3, key_no, (uint8_t)key_no, payload, sizeof(payload));
	exchange(seqno, 3, key_no, plain, sizeof(plain));
	memcpy(key, plain + 0x20, 32);
	return u32_at(plain);
}

static void derived_keys(void **state)
{
	uint8_t a[32], b[32], c[32];
	static const uint8_t zero[32];
	struct key_req k = { .field_select = 0x9 /* policy, measurement */, .vmpl = 1 };
	assert_int_equal(ask_key(1, 1, k, a), 0);
	assert_memory_not_equal(a, zero, 32);
	assert_int_equal(ask_key(3, 1, k, b), 0);
	assert_memory_equal(a, b, 32);                          /* the same request, the same key */
	k.field_select = 0x1;
	assert_int_equal(ask_key(5, 1, k, c), 0);
	assert_memory_not_equal(a, c, 32);                      /* another field selection */
	k.field_select = 0x9;
	k.vmpl = 2;
	assert_int_equal(ask_key(7, 1, k, c), 0);
	assert_memory_not_equal(a, c, 32);                      /* another VMPL */
	k.vmpl = 1;
	k.root_key_select = 1;
	assert_int_equal(ask_key(9, 1, k, c), 0);
	assert_memory_not_equal(a, c, 32);                      /* VMRK, not VCEK */
	k.root_key_select = 0;
	k.field_select = 0x3f | 0x20; /* TCB_VERSION mixed: 0 is not above the committed TCB */
	assert_int_equal(ask_key(11, 1, k, c), 0);
	/* Refusals: status 0x16 and no key. */
	const struct key_req bad[] = {
		{ .field_select = 0x9, .vmpl = 0 },              /* below the requester's VMPL */
		{ .field_select = 0x9, .vmpl = 4 },
		{ .field_select = 0x40, .vmpl = 1 },             /* a reserved field bit */
		{ .root_key_select = 8, .vmpl = 1 },             /* a reserved select bit */
		{ .reserved = 1, .vmpl = 1 },
		{ .vmpl = 1, .guest_svn = 1 },                   /* above the launch's SVN 0 */
		{ .vmpl = 1, .tcb_version = 0xff },              /* bootloader above the committed */
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(ask_key(13 + 2 * i, 1, bad[i], c), 0x16);
		assert_memory_equal(c, zero, 32);
	}
	k = (struct key_req){ .root_key_select = 2 << 1, .vmpl = 1 };
	assert_int_equal(ask_key(13 + 2 * 7, 1, k, c), 0x27);  /* VLEK: none */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(secrets_page, launch),
		cmocka_unit_test_setup(tsc_info_and_sequence, launch),
		cmocka_unit_test_setup(bad_tag_key_and_type, launch),
		cmocka_unit_test_setup(report_fields, launch),
		cmocka_unit_test_setup(report_signature, launch),
		cmocka_unit_test_setup(report_refusals, launch),
		cmocka_unit_test_setup(derived_keys, launch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
