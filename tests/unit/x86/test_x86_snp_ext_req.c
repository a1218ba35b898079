/* The SNP extended guest request's certificate part (arch/x86/sev/snp_ext_req.c), from
 * KVM snp_handle_ext_guest_req / snp_complete_req_certs: only MSG_REPORT_REQ (5) carries
 * certificates; RAX and RBX must be valid and RAX page-aligned (else refused); without
 * certificates the table is empty; a buffer of fewer pages than the certificates need
 * answers the page count in RBX. The model's table: a VCEK entry (GUID in the GHCB
 * specification's certificate table), offset and length of its blob, a zero entry. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/snp_ext_req.h>

static void decide(void **state)
{
	uint64_t need = 0;
	struct snp_ext_in in = { .msg_type = 17, .rax_valid = false };
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_PLAIN); /* TSC_INFO: RAX/RBX ignored */
	in = (struct snp_ext_in){ 5, true, true, 0x10000, 1, 0 };
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_EMPTY_TABLE);
	in.rbx_valid = false;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_INVALID_INPUT);
	in.rbx_valid = true;
	in.rax_valid = false;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_INVALID_INPUT);
	in.rax_valid = true;
	in.rax = 0x10008;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_INVALID_INPUT);
	in.rax = 0x10000;
	in.certs_len = 4097;
	in.rbx = 1;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_TOO_SMALL);
	assert_int_equal(need, 2);
	in.rbx = 0;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_TOO_SMALL);
	in.rbx = 2;
	assert_int_equal(snp_ext_decide(&in, &need), SNP_EXT_CERTS);
}

static void model_table(void **state)
{
	uint8_t buf[4096];
	size_t n = snp_model_certs(NULL, 0);
	assert_true(n > 48 && n <= 4096);
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(snp_model_certs(buf, n - 1), n);
	assert_int_equal(buf[0], 0xee); /* too small: nothing written */
	assert_int_equal(snp_model_certs(buf, sizeof(buf)), n);
	const uint8_t vcek[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
				   0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };
	assert_memory_equal(buf, vcek, 16);
	uint32_t off, len;
	memcpy(&off, buf + 16, 4);
	memcpy(&len, buf + 20, 4);
	assert_int_equal(off, 48);
	assert_int_equal(off + len, n);
	for (unsigned i = 24; i < 48; i++)
		assert_int_equal(buf[i], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(decide), cmocka_unit_test(model_table) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
