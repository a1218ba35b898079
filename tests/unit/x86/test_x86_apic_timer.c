/* The local APIC timer's count (arch/x86/svm/apic_timer.c): Intel SDM vol. 3 §10.5.4
 * (Figure 10-10 divide values, one-shot, periodic, zero stops it, masked still counts);
 * the rate QEMU's APIC gives it, 1 GHz / divisor (hw/intc/apic.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/apic_timer.h>

static void divide_values(void **state)
{
	/* TDCR bits 3,1,0: 000 /2, 001 /4, 010 /8, 011 /16, 100 /32, 101 /64, 110 /128, 111 /1 */
	static const struct { uint32_t tdcr; unsigned shift; } t[] = {
		{ 0x0, 1 }, { 0x1, 2 }, { 0x2, 3 }, { 0x3, 4 },
		{ 0x8, 5 }, { 0x9, 6 }, { 0xA, 7 }, { 0xB, 0 },
	};
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(apic_timer_shift(t[i].tdcr), t[i].shift);
}

static void one_shot(void **state)
{
	struct apic_timer t = { .lvt = 0x30, .tdcr = 0x3 };      /* divide by 16 */
	apic_timer_start(&t, 100, 1000);
	assert_int_equal(apic_timer_current(&t, 1000), 100);
	assert_int_equal(apic_timer_current(&t, 1000 + 16 * 10 + 15), 90);
	assert_false(apic_timer_poll(&t, 1000 + 16 * 100 - 1));
	assert_true(apic_timer_poll(&t, 1000 + 16 * 100));
	assert_int_equal(apic_timer_current(&t, 1000 + 16 * 100), 0);
	assert_false(apic_timer_poll(&t, 1000 + 16 * 1000));     /* once only */
	apic_timer_start(&t, 0, 50000);                          /* zero: stopped */
	assert_false(apic_timer_poll(&t, 1ull << 40));
	assert_int_equal(apic_timer_current(&t, 1ull << 40), 0);
}

static void periodic(void **state)
{
	struct apic_timer t = { .lvt = (1u << 17) | 0x30, .tdcr = 0xB };
	apic_timer_start(&t, 1000, 0);
	assert_int_equal(apic_timer_current(&t, 250), 750);
	assert_true(apic_timer_poll(&t, 1000));
	assert_int_equal(apic_timer_current(&t, 1250), 750);      /* reloaded */
	assert_false(apic_timer_poll(&t, 1999));
	assert_true(apic_timer_poll(&t, 5500));                   /* several periods: one edge */
	assert_false(apic_timer_poll(&t, 5999));
	assert_true(apic_timer_poll(&t, 6000));
}

/* The next expiry: what the host timer is armed for while the guest runs. */
static void next_expiry(void **state)
{
	struct apic_timer t = { .lvt = 0x30, .tdcr = 0x0 };       /* divide by 2 */
	assert_int_equal(apic_timer_next_ns(&t), UINT64_MAX);     /* not started */
	apic_timer_start(&t, 100, 1000);
	assert_int_equal(apic_timer_next_ns(&t), 1200);
	assert_true(apic_timer_poll(&t, 1200));
	assert_int_equal(apic_timer_next_ns(&t), UINT64_MAX);     /* one-shot done */
	t.lvt = (1u << 17) | 0x30;
	apic_timer_start(&t, 100, 1000);
	assert_true(apic_timer_poll(&t, 1650));                   /* 3 periods: one edge */
	assert_int_equal(apic_timer_next_ns(&t), 1800);
	t.lvt |= APIC_LVT_MASKED;
	assert_int_equal(apic_timer_next_ns(&t), UINT64_MAX);
}

static void masked_counts_without_firing(void **state)
{
	struct apic_timer t = { .lvt = APIC_LVT_MASKED | 0x30, .tdcr = 0xB };
	apic_timer_start(&t, 100, 0);
	assert_int_equal(apic_timer_current(&t, 40), 60);
	assert_false(apic_timer_poll(&t, 100));
	assert_int_equal(apic_timer_current(&t, 100), 0);
	t.lvt &= ~APIC_LVT_MASKED;                                /* the expiry was used up */
	assert_false(apic_timer_poll(&t, 200));
	t.lvt = (2u << 17) | 0x30;                                /* TSC-deadline: not modelled */
	apic_timer_start(&t, 100, 0);
	assert_false(apic_timer_poll(&t, 1000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(divide_values),
		cmocka_unit_test(one_shot),
		cmocka_unit_test(periodic),
		cmocka_unit_test(next_expiry),
		cmocka_unit_test(masked_counts_without_firing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
