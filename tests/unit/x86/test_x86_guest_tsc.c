/* The modelled guest TSC, expectations from AMD APM vol. 2 §15.30.5 (TSC_RATIO: 8.32 fixed
 * point, guest TSC = host TSC * ratio + VMCB TSC_OFFSET) and §15.36.18 (Secure TSC: guest
 * TSC = host TSC * GUEST_TSC_SCALE + GUEST_TSC_OFFSET from the VMSA at 0x2F0/0x2F8; the
 * hypervisor's TSC_OFFSET has no effect). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/guest_tsc.h>
#include <x86/vmsa.h>

#define ONE (1ull << 32)

static void test_plain_guest_honours_vmcb(void **state)
{
	struct guest_tsc_state s = { .vmcb_tsc_offset = 1000, .tsc_ratio = ONE };
	assert_int_equal(guest_tsc_read(&s, 5000), 6000);
	s.vmcb_tsc_offset = (uint64_t)-5000; /* negative offsets wrap, as the adder does */
	assert_int_equal(guest_tsc_read(&s, 5000), 0);
	s.vmcb_tsc_offset = 7;
	s.tsc_ratio = ONE / 2;                /* 0.5 */
	assert_int_equal(guest_tsc_read(&s, 4000), 2007);
	s.tsc_ratio = 3 * ONE + ONE / 4;      /* 3.25 */
	assert_int_equal(guest_tsc_read(&s, 400), 1307);
	s.tsc_ratio |= 1ull << 50;            /* reserved bits 63:40 are not part of the ratio */
	assert_int_equal(guest_tsc_read(&s, 400), 1307);
}

static void test_secure_tsc_ignores_vmcb(void **state)
{
	struct guest_tsc_state s = { .secure_tsc = true, .vmcb_tsc_offset = 1ull << 40,
				     .tsc_ratio = 8 * ONE, .vmsa_tsc_scale = ONE / 2,
				     .vmsa_tsc_offset = 11 };
	assert_int_equal(guest_tsc_read(&s, 2000), 1011);
	uint64_t before = guest_tsc_read(&s, 2000);
	s.vmcb_tsc_offset = 1ull << 41;       /* a hypervisor change after launch */
	s.tsc_ratio = ONE;
	assert_int_equal(guest_tsc_read(&s, 2000), before);
}

static void test_ratio_for(void **state)
{
	/* VMSA offsets, APM vol. 2 Table B-4. */
	assert_int_equal(VMSA_GUEST_TSC_SCALE, 0x2F0);
	assert_int_equal(VMSA_GUEST_TSC_OFFSET, 0x2F8);
	assert_int_equal(VMSA_SEV_FEATURES, 0x3B0);
	assert_int_equal(tsc_ratio_for(2000000, 1000000), ONE / 2);
	assert_int_equal(tsc_ratio_for(1000000, 1000000), ONE);
	assert_int_equal(tsc_ratio_for(1000000, 3000000), 3 * ONE);
	assert_int_equal(tsc_ratio_for(0, 1000000), 0);
	/* No overflow near 2^64 host ticks. */
	assert_int_equal(tsc_scaled(~0ull, ONE / 2), ~0ull / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_guest_honours_vmcb),
		cmocka_unit_test(test_secure_tsc_ignores_vmcb),
		cmocka_unit_test(test_ratio_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
