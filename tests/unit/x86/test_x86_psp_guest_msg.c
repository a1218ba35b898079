/* SEV-SNP guest messages through the model PSP (arch/x86/sev/snp_guest_msg.c, psp_model.c
 * guest_request, the secrets page at SNP_LAUNCH_UPDATE). The guest side here is written
 * from the SNP firmware ABI's message layout and Linux's struct snp_guest_msg_hdr on its
 * own (header 0x60 bytes: tag 0x00, MSG_SEQNO 0x20, algorithm 0x30, header version 0x31,
 * header size 0x32, type 0x34, version 0x35, size 0x36, VMPCK 0x3C; AAD 0x30-0x5F; IV =
 * MSG_SEQNO; TSC_INFO request 17 / response 18, 128 bytes, scale at 8, offset at 16;
 * VMPCKn at 0x20 + 0x20 n of the secrets page), with AES-256-GCM from common/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
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

/* A launched guest with a secrets page and a VMSA holding Secure TSC values. */
static int launch(void **state)
{
	psp_model_init(&model, 16);
	model.read_tsc = fake_tsc;
	model.host_tsc_khz = 1000000;
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
	assert_int_equal(psp_snp_launch_finish(&t, PA(gctx), NULL), PSP_OK);
	return 0;
}

static void iv_of(uint64_t seqno, uint8_t iv[12])
{
	memset(iv, 0, 12);
	memcpy(iv, &seqno, 8); /* little-endian host, as the guest is */
}

/* The guest's request: TSC_INFO (or `type`) under VMPCK `key_no`, named `named_vmpck`. */
static void guest_request(uint64_t seqno, uint8_t type, unsigned key_no, uint8_t named_vmpck)
{
	uint8_t payload[128] = { 0 }, iv[12];
	memset(req, 0, sizeof(req));
	memcpy(req + 0x20, &seqno, 8);
	req[0x30] = 1;
	req[0x31] = 1;
	req[0x32] = 0x60;
	req[0x34] = type;
	req[0x35] = 1;
	req[0x36] = 128;
	req[0x3c] = named_vmpck;
	iv_of(seqno, iv);
	aes256_gcm_encrypt(secrets + 0x20 + 0x20 * key_no, iv, req + 0x30, 0x30, payload, sizeof(payload),
			   req + 0x60, req);
	memset(resp, 0xee, sizeof(resp));
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
	guest_request(1, 3, 0, 0); /* a message type the model does not answer */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(secrets_page, launch),
		cmocka_unit_test_setup(tsc_info_and_sequence, launch),
		cmocka_unit_test_setup(bad_tag_key_and_type, launch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
