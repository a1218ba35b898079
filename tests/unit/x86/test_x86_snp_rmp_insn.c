/* PVALIDATE and RMPADJUST on one modelled RMP page (arch/x86/sev/snp_rmp_insn.c), from
 * the APM vol. 3 instruction pages: encodings F2 0F 01 FF and F3 0F 01 FE; return codes 0
 * success, 1 FAIL_INPUT, 2 FAIL_PERMISSION, 6 FAIL_SIZEMISMATCH; PVALIDATE's CF when the
 * validated state did not change; RMPADJUST's attributes (target VMPL 7:0, VMSA bit 16)
 * and that a VMPL-0 guest may not adjust VMPL 0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/snp_rmp_insn.h>

static void decode(void **state)
{
	const uint8_t pv[] = { 0xf2, 0x0f, 0x01, 0xff }, ra[] = { 0xf3, 0x0f, 0x01, 0xfe },
		      other[] = { 0x0f, 0x01, 0xff, 0x90 }, rmpupdate[] = { 0xf2, 0x0f, 0x01, 0xfe };
	assert_int_equal(snp_rmp_insn_decode(pv, 4), SNP_INSN_PVALIDATE);
	assert_int_equal(snp_rmp_insn_decode(ra, 4), SNP_INSN_RMPADJUST);
	assert_int_equal(snp_rmp_insn_decode(other, 4), SNP_INSN_NONE);
	assert_int_equal(snp_rmp_insn_decode(rmpupdate, 4), SNP_INSN_NONE); /* the host's */
	assert_int_equal(snp_rmp_insn_decode(pv, 3), SNP_INSN_NONE);
}

static void pvalidate(void **state)
{
	struct snp_page p = { .validated = false };
	struct snp_rmp_result r = snp_pvalidate(&p, false, true);
	assert_int_equal(r.rax, 0);
	assert_false(r.cf);
	assert_true(p.validated);
	r = snp_pvalidate(&p, false, true);
	assert_int_equal(r.rax, 0);
	assert_true(r.cf); /* no change */
	r = snp_pvalidate(&p, false, false);
	assert_false(r.cf);
	assert_false(p.validated);
	r = snp_pvalidate(&p, true, true);
	assert_int_equal(r.rax, 6);
	assert_false(p.validated);
}

static void rmpadjust(void **state)
{
	struct snp_page p = { .validated = true };
	assert_int_equal(snp_rmpadjust(&p, false, 0).rax, 2);            /* VMPL0: its own */
	assert_int_equal(snp_rmpadjust(&p, false, 4).rax, 1);            /* no VMPL 4 */
	assert_int_equal(snp_rmpadjust(&p, false, 1u << 17 | 1).rax, 1); /* reserved bit */
	assert_int_equal(snp_rmpadjust(&p, true, 1 | 1u << 16).rax, 6);
	assert_false(p.vmsa);
	assert_int_equal(snp_rmpadjust(&p, false, 1 | 1u << 16).rax, 0);
	assert_true(p.vmsa);
	assert_int_equal(snp_rmpadjust(&p, false, 1).rax, 0);
	assert_false(p.vmsa);
	p.validated = false;
	assert_int_equal(snp_rmpadjust(&p, false, 1 | 1u << 16).rax, 1);
	assert_false(p.vmsa);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode), cmocka_unit_test(pvalidate), cmocka_unit_test(rmpadjust),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
