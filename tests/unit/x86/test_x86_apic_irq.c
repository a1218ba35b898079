/* Local APIC interrupt priority (arch/x86/svm/apic_irq.c), from Intel SDM vol. 3 §10.8.3
 * (class = vector[7:4], PPR), §10.8.4 (IRR -> ISR) and §10.8.5 (EOI). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/apic_irq.h>

static void vectors_and_highest(void **state)
{
	struct apic_vec r = { 0 };
	assert_int_equal(apic_vec_highest(&r), -1);
	apic_vec_set(&r, 0x20);
	apic_vec_set(&r, 0xFF);
	apic_vec_set(&r, 0x9F);
	assert_int_equal(r.w[1], 1u);            /* 0x20: bit 0 of the second register */
	assert_int_equal(r.w[7], 1u << 31);      /* 0xFF */
	assert_int_equal(apic_vec_highest(&r), 0xFF);
	assert_true(apic_vec_test(&r, 0x9F) && !apic_vec_test(&r, 0x9E));
}

/* PPR[7:4] = max(TPR[7:4], ISRV[7:4]); PPR[3:0] = TPR[3:0] when TPR wins, else 0. */
static void processor_priority(void **state)
{
	assert_int_equal(apic_ppr(0x00, -1), 0x00);
	assert_int_equal(apic_ppr(0x35, -1), 0x35);
	assert_int_equal(apic_ppr(0x35, 0x61), 0x60);
	assert_int_equal(apic_ppr(0x75, 0x61), 0x75);
	assert_int_equal(apic_ppr(0x65, 0x61), 0x65); /* equal classes: TPR */
}

static void next_vector_by_class(void **state)
{
	struct apic_vec irr = { 0 }, isr = { 0 };
	apic_vec_set(&irr, 0x45);
	assert_int_equal(apic_irq_next(&irr, &isr, 0x00), 0x45);
	assert_int_equal(apic_irq_next(&irr, &isr, 0x40), -1);  /* TPR class 4 blocks class 4 */
	assert_int_equal(apic_irq_next(&irr, &isr, 0x3F), 0x45);
	apic_vec_set(&irr, 0x81);
	assert_int_equal(apic_irq_next(&irr, &isr, 0x40), 0x81); /* the highest first */
	apic_irq_accept(&irr, &isr, 0x81);
	assert_false(apic_vec_test(&irr, 0x81));
	assert_true(apic_vec_test(&isr, 0x81));
	assert_int_equal(apic_irq_next(&irr, &isr, 0x00), -1);  /* 0x45 waits below 0x81 */
	apic_vec_set(&irr, 0x92);
	assert_int_equal(apic_irq_next(&irr, &isr, 0x00), 0x92); /* a higher class nests */
}

static void eoi_clears_highest(void **state)
{
	struct apic_vec isr = { 0 };
	assert_int_equal(apic_irq_eoi(&isr), -1);
	apic_vec_set(&isr, 0x30);
	apic_vec_set(&isr, 0xA0);
	assert_int_equal(apic_irq_eoi(&isr), 0xA0);
	assert_int_equal(apic_vec_highest(&isr), 0x30);
	assert_int_equal(apic_irq_eoi(&isr), 0x30);
	assert_int_equal(apic_vec_highest(&isr), -1);
}

/* A guest whose CR8 writes do not exit leaves them in V_TPR: a changed class is the
 * guest's MOV to CR8, which clears TPR[3:0] (SDM §10.8.6.1); the same class keeps TPR
 * as an x2APIC TPR write left it. */
static void tpr_from_v_tpr(void **state)
{
	assert_int_equal(apic_tpr_from_v_tpr(0x00, 5), 0x50);
	assert_int_equal(apic_tpr_from_v_tpr(0x57, 5), 0x57);
	assert_int_equal(apic_tpr_from_v_tpr(0x57, 0), 0x00);
	assert_int_equal(apic_tpr_from_v_tpr(0x57, 0xF), 0xF0);
	assert_int_equal(apic_tpr_from_v_tpr(0x20, 0x12), 0x20); /* V_TPR is 4 bits: 2 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors_and_highest),
		cmocka_unit_test(processor_priority),
		cmocka_unit_test(next_vector_by_class),
		cmocka_unit_test(eoi_clears_highest),
		cmocka_unit_test(tpr_from_v_tpr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
