/* PVALIDATE and RMPADJUST on one modelled RMP page (arch/x86/sev/snp_rmp_insn.c), from
 * the APM vol. 3 instruction pages: encodings F2 0F 01 FF and F3 0F 01 FE; return codes 0
 * success, 1 FAIL_INPUT, 2 FAIL_PERMISSION, 6 FAIL_SIZEMISMATCH; PVALIDATE's CF when the
 * validated state did not change; RMPADJUST's attributes (target VMPL 7:0, VMSA bit 16)
 * and that a VMPL-0 guest may not adjust VMPL 0. 2 MiB requests (RCX[0]): misaligned
 * FAIL_INPUT, over 4 KiB entries FAIL_SIZEMISMATCH (Linux pvalidate_pages' fallback); a
 * 4 KiB request inside a 2 MiB entry after the hypervisor's PSMASH (KVM's answer to the
 * SIZEM nested page fault). */
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

static struct snp_page region[SNP_RMP_2M_PAGES];

/* A request on page `idx` of `region` (all 512 records there). */
static struct snp_rmp_op op(unsigned idx, bool large)
{
	return (struct snp_rmp_op){ region, SNP_RMP_2M_PAGES, idx, 0x40200000ull + idx * 4096ull, large };
}

static void fill(bool validated)
{
	for (unsigned i = 0; i < SNP_RMP_2M_PAGES; i++)
		region[i] = (struct snp_page){ .validated = validated };
}

static bool all_validated(bool v)
{
	for (unsigned i = 0; i < SNP_RMP_2M_PAGES; i++)
		if (region[i].validated != v)
			return false;
	return true;
}

static bool any_large(void)
{
	for (unsigned i = 0; i < SNP_RMP_2M_PAGES; i++)
		if (region[i].large)
			return true;
	return false;
}

static void pvalidate(void **state)
{
	fill(false);
	struct snp_rmp_op o = op(7, false);
	struct snp_rmp_result r = snp_pvalidate(&o, true);
	assert_int_equal(r.rax, 0);
	assert_false(r.cf);
	assert_true(region[7].validated);
	assert_false(region[6].validated);
	r = snp_pvalidate(&o, true);
	assert_int_equal(r.rax, 0);
	assert_true(r.cf); /* no change */
	r = snp_pvalidate(&o, false);
	assert_false(r.cf);
	assert_false(region[7].validated);
}

/* 2 MiB requests: RAX 20:12 not zero is FAIL_INPUT; 4 KiB entries give FAIL_SIZEMISMATCH
 * (Linux pvalidate_pages falls back to 4 KiB on it); a 2 MiB entry changes as one, CF set
 * when its Validated bit did not change. */
static void pvalidate_2m(void **state)
{
	fill(false);
	struct snp_rmp_op o = op(0, true);
	assert_int_equal(snp_pvalidate(&o, true).rax, 6); /* 4 KiB entries */
	assert_true(all_validated(false));
	assert_true(snp_rmp_make_2m(region, SNP_RMP_2M_PAGES, false));
	o.rax += 4096; /* misaligned */
	assert_int_equal(snp_pvalidate(&o, true).rax, 1);
	o.rax += 0x100000 - 4096;
	assert_int_equal(snp_pvalidate(&o, true).rax, 1);
	assert_true(all_validated(false));
	o = op(0, true);
	o.rax |= 0xabc; /* bits 11:0 are not looked at */
	struct snp_rmp_result r = snp_pvalidate(&o, true);
	assert_int_equal(r.rax, 0);
	assert_false(r.cf);
	assert_true(all_validated(true));
	r = snp_pvalidate(&o, true);
	assert_int_equal(r.rax, 0);
	assert_true(r.cf);
	/* Fewer than 512 pages (end of RAM): no 2 MiB entry can be there. */
	o.n = SNP_RMP_2M_PAGES - 1;
	assert_int_equal(snp_pvalidate(&o, false).rax, 6);
	assert_false(snp_rmp_make_2m(region, SNP_RMP_2M_PAGES - 1, true));
}

/* A 4 KiB request inside a 2 MiB entry: the hypervisor's PSMASH (KVM, on the SIZEM nested
 * page fault), then the request on the 4 KiB entry; the other 511 keep the entry's state. */
static void pvalidate_4k_in_2m(void **state)
{
	fill(false);
	snp_rmp_make_2m(region, SNP_RMP_2M_PAGES, true);
	struct snp_rmp_op o = op(300, false);
	struct snp_rmp_result r = snp_pvalidate(&o, false);
	assert_int_equal(r.rax, 0);
	assert_false(r.cf);
	assert_false(any_large());
	assert_false(region[300].validated);
	assert_true(region[299].validated && region[301].validated && region[0].validated);
	o = op(0, true);
	assert_int_equal(snp_pvalidate(&o, true).rax, 6); /* held as 4 KiB now */
	snp_rmp_smash(region, SNP_RMP_2M_PAGES);
	assert_false(any_large());
}

static void rmpadjust(void **state)
{
	fill(true);
	struct snp_rmp_op o = op(3, false), big = op(0, true);
	struct snp_page *p = &region[3];
	assert_int_equal(snp_rmpadjust(&o, 0).rax, 2);            /* VMPL0: its own */
	assert_int_equal(snp_rmpadjust(&o, 4).rax, 1);            /* no VMPL 4 */
	assert_int_equal(snp_rmpadjust(&o, 1u << 17 | 1).rax, 1); /* reserved bit */
	assert_int_equal(snp_rmpadjust(&big, 1 | 1u << 16).rax, 6);
	assert_false(p->vmsa);
	assert_int_equal(snp_rmpadjust(&o, 1 | 1u << 16).rax, 0);
	assert_true(p->vmsa);
	assert_int_equal(snp_rmpadjust(&o, 1).rax, 0);
	assert_false(p->vmsa);
	p->validated = false;
	assert_int_equal(snp_rmpadjust(&o, 1 | 1u << 16).rax, 1);
	assert_false(p->vmsa);
	/* 2 MiB: aligned, a 2 MiB entry, no VMSA (one 4 KiB page); 4 KiB inside: smashed. */
	snp_rmp_make_2m(region, SNP_RMP_2M_PAGES, true);
	big.rax += 0x1000;
	assert_int_equal(snp_rmpadjust(&big, 1).rax, 1);
	big = op(0, true);
	assert_int_equal(snp_rmpadjust(&big, 1 | 1u << 16).rax, 1);
	assert_int_equal(snp_rmpadjust(&big, 1).rax, 0);
	assert_true(region[5].large);
	assert_int_equal(snp_rmpadjust(&o, 1 | 1u << 16).rax, 0);
	assert_true(p->vmsa);
	assert_false(any_large());
}

/* The three rules above that are assumptions, flipped by their switches (docs/x86-sev.md
 * "Switches"): a misaligned 2 MiB request aligned down, RMPADJUST of an unvalidated page
 * and 2 MiB RMPADJUST with the VMSA bit allowed. Each rule still holds without its switch. */
static void switched_rules(void **state)
{
	fill(false);
	snp_rmp_make_2m(region, SNP_RMP_2M_PAGES, false);
	struct snp_rmp_op big = op(0, true);
	big.rax += 0x5000;
	big.switches = 1u << SEV_SW_RMPADJUST_UNVALIDATED; /* not this rule's switch */
	assert_int_equal(snp_pvalidate(&big, true).rax, 1);
	big.switches = 1u << SEV_SW_RMP_2M_ALIGN_DOWN;
	struct snp_rmp_result r = snp_pvalidate(&big, true);
	assert_int_equal(r.rax, 0);
	assert_false(r.cf);
	assert_true(all_validated(true));
	fill(false);
	struct snp_rmp_op o = op(7, false);
	assert_int_equal(snp_rmpadjust(&o, 1).rax, 1);
	o.switches = 1u << SEV_SW_RMPADJUST_UNVALIDATED;
	assert_int_equal(snp_rmpadjust(&o, 1 | 1u << 16).rax, 0);
	assert_true(region[7].vmsa);
	fill(true);
	snp_rmp_make_2m(region, SNP_RMP_2M_PAGES, true);
	big = op(0, true);
	assert_int_equal(snp_rmpadjust(&big, 1 | 1u << 16).rax, 1);
	big.switches = 1u << SEV_SW_RMPADJUST_2M_VMSA;
	assert_int_equal(snp_rmpadjust(&big, 1 | 1u << 16).rax, 0);
	assert_true(region[0].vmsa);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode), cmocka_unit_test(pvalidate), cmocka_unit_test(pvalidate_2m),
		cmocka_unit_test(pvalidate_4k_in_2m), cmocka_unit_test(rmpadjust),
		cmocka_unit_test(switched_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
