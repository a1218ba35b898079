/* The GHCB MSR protocol (arch/x86/sev/ghcb_msr.c), against the GHCB specification 2.03,
 * section 2.3.1 and its table of GHCBInfo values (written here from the specification,
 * not from testvisor's header): SEV information 0x001/0x002, CPUID 0x004/0x005, GHCB GPA
 * registration 0x012/0x013, hypervisor features 0x080/0x081, termination 0x100. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/ghcb_msr.h>

static uint32_t asked_fn;
static unsigned asked_reg;

static uint32_t fake_cpuid(void *ctx, uint32_t fn, unsigned reg)
{
	asked_fn = fn;
	asked_reg = reg;
	return 0xa0000000u | fn << 4 | reg;
}

static const struct ghcb_msr_vm snp = { SEV_GUEST_SNP, 2, 51, fake_cpuid, NULL };
static const struct ghcb_msr_vm es = { SEV_GUEST_ES, 1, 47, fake_cpuid, NULL };

static void sev_information(void **state)
{
	uint64_t msr = 0;
	assert_int_equal(ghcb_msr_request(&snp, 0x002, &msr), GHCB_MSR_RESPONSE);
	/* 63:48 max version, 47:32 min version, 31:24 C-bit position, 11:0 0x001 */
	assert_int_equal(msr, 2ull << 48 | 1ull << 32 | 51ull << 24 | 0x001);
	assert_int_equal(ghcb_msr_request(&es, 0x002, &msr), GHCB_MSR_RESPONSE);
	assert_int_equal(msr, 1ull << 48 | 1ull << 32 | 47ull << 24 | 0x001);
}

static void cpuid_request(void **state)
{
	uint64_t msr = 0;
	/* function 0x8000001f in 63:32, register 2 (ECX) in 31:30 */
	assert_int_equal(ghcb_msr_request(&snp, 0x8000001full << 32 | 2ull << 30 | 0x004, &msr),
			 GHCB_MSR_RESPONSE);
	assert_int_equal(asked_fn, 0x8000001f);
	assert_int_equal(asked_reg, 2);
	assert_int_equal(msr, (uint64_t)fake_cpuid(NULL, 0x8000001f, 2) << 32 | 0x005);
}

static void features_registration_termination(void **state)
{
	uint64_t msr = 0;
	assert_int_equal(ghcb_msr_request(&snp, 0x080, &msr), GHCB_MSR_RESPONSE);
	/* bit 0: SEV-SNP, bit 1: AP creation, bit 2: Restricted Injection (KVM GHCB_HV_FT_SNP_RINJ) */
	assert_int_equal(msr, 7ull << 12 | 0x081);
	assert_int_equal(ghcb_msr_request(&es, 0x080, &msr), GHCB_MSR_RESPONSE);
	assert_int_equal(msr, 0x081);
	assert_int_equal(ghcb_msr_request(&snp, 0x1234ull << 12 | 0x012, &msr), GHCB_MSR_RESPONSE);
	assert_int_equal(msr, 0x1234ull << 12 | 0x013); /* the GFN given back */
	msr = 77;
	assert_int_equal(ghcb_msr_request(&snp, 0x31ull << 12 | 0x100, &msr), GHCB_MSR_TERMINATE);
	assert_int_equal(ghcb_msr_request(&snp, 0x000, &msr), GHCB_MSR_UNSUPPORTED);
	assert_int_equal(msr, 77); /* untouched by what is no response */
}

static uint64_t psc_gfn;
static unsigned psc_op;

static uint32_t fake_page_state(void *ctx, uint64_t gfn, unsigned op)
{
	psc_gfn = gfn;
	psc_op = op;
	return gfn == 0xbad ? 7 : 0;
}

/* SNP page-state change 0x014: GFN in 51:12, operation in 55:52 (1 private, 2 shared);
 * response 0x015 with the error code in 63:32. Not an SEV-ES request. */
static void page_state_change(void **state)
{
	struct ghcb_msr_vm with_psc = snp, es_psc = es;
	with_psc.page_state = es_psc.page_state = fake_page_state;
	uint64_t msr = 0;
	assert_int_equal(ghcb_msr_request(&with_psc, 2ull << 52 | 0x112ull << 12 | 0x014, &msr),
			 GHCB_MSR_RESPONSE);
	assert_int_equal(psc_gfn, 0x112);
	assert_int_equal(psc_op, 2);
	assert_int_equal(msr, 0x015);
	assert_int_equal(ghcb_msr_request(&with_psc, 1ull << 52 | 0xbadull << 12 | 0x014, &msr),
			 GHCB_MSR_RESPONSE);
	assert_int_equal(psc_op, 1);
	assert_int_equal(msr, 7ull << 32 | 0x015);
	psc_op = 0;
	assert_int_equal(ghcb_msr_request(&with_psc, 3ull << 52 | 0x112ull << 12 | 0x014, &msr),
			 GHCB_MSR_RESPONSE);
	assert_int_equal(psc_op, 0); /* an unknown operation changes nothing */
	assert_int_not_equal(msr >> 32, 0);
	msr = 77;
	assert_int_equal(ghcb_msr_request(&es_psc, 2ull << 52 | 0x014, &msr), GHCB_MSR_UNSUPPORTED);
	assert_int_equal(ghcb_msr_request(&snp, 2ull << 52 | 0x014, &msr), GHCB_MSR_UNSUPPORTED);
	assert_int_equal(msr, 77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sev_information),
		cmocka_unit_test(cpuid_request),
		cmocka_unit_test(features_registration_termination),
		cmocka_unit_test(page_state_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
