/* The vCPU local APIC registers (arch/x86/svm/x2apic.c), from Intel SDM vol. 3 §10.4.4,
 * §10.6.1 and §10.12. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/x2apic.h>

static void apic_base_states(void **state)
{
	struct x2apic a;
	x2apic_reset(&a, 0);
	assert_int_equal(a.apic_base, 0xFEE00000ull | APIC_BASE_EN | APIC_BASE_BSP);
	x2apic_reset(&a, 1);
	assert_int_equal(a.apic_base, 0xFEE00000ull | APIC_BASE_EN);  /* an AP: no BSP flag */
	uint64_t xapic = a.apic_base, x2 = xapic | APIC_BASE_EXTD;
	assert_int_equal(x2apic_base_write(&a, x2), MSR_OK);            /* xAPIC -> x2APIC */
	assert_int_equal(x2apic_base_write(&a, xapic), MSR_GP);         /* x2APIC -> xAPIC */
	assert_int_equal(x2apic_base_write(&a, 0xFEE00000ull), MSR_OK); /* -> disabled */
	assert_int_equal(x2apic_base_write(&a, 0xFEE00000ull | APIC_BASE_EXTD), MSR_GP); /* 01 */
	assert_int_equal(x2apic_base_write(&a, xapic), MSR_OK);
	assert_int_equal(x2apic_base_write(&a, 0xFED00000ull | APIC_BASE_EN), MSR_GP); /* moved */
	assert_int_equal(x2apic_base_write(&a, xapic | APIC_BASE_BSP), MSR_GP);
}

static void registers(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	uint64_t v;
	x2apic_reset(&a, 0x13);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x802, &v), MSR_GP);   /* not in x2APIC mode */
	x2apic_base_write(&a, a.apic_base | APIC_BASE_EXTD);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x802, &v), MSR_OK);
	assert_int_equal(v, 0x13);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80D, &v), MSR_OK);  /* LDR: cluster 1, bit 3 */
	assert_int_equal(v, (1u << 16) | (1u << 3));
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x803, &v), MSR_OK);
	assert_int_equal(v, X2APIC_VERSION);
	assert_int_equal(x2apic_msr_write(&a, 0x802, 5, &ipi), MSR_GP);  /* ID is read-only */
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80B, &v), MSR_GP);  /* EOI is write-only */
	assert_int_equal(x2apic_msr_write(&a, 0x80B, 0, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_write(&a, 0x80B, 1, &ipi), MSR_GP);  /* non-zero EOI */
	assert_int_equal(x2apic_msr_write(&a, 0x808, 0x100, &ipi), MSR_GP); /* TPR bits 31:8 */
	assert_int_equal(x2apic_msr_write(&a, 0x80F, 0x1FF, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80F, &v), MSR_OK);
	assert_int_equal(v, 0x1FF);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x8FF, &v), MSR_GP);  /* not modelled */
	assert_int_equal(ipi.kind, IPI_NONE);
}

static void icr_ipis(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	x2apic_reset(&a, 0);
	x2apic_base_write(&a, a.apic_base | APIC_BASE_EXTD);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (2ull << 32) | 0x4500, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_INIT);
	assert_int_equal(ipi.dest, 2);
	assert_true(ipi_targets(&ipi, 0, 2) && !ipi_targets(&ipi, 0, 1));
	assert_int_equal(x2apic_msr_write(&a, 0x830, (2ull << 32) | 0x4608, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_STARTUP);
	assert_int_equal(ipi.vector, 8);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (3ull << 18) | 0x4500, &ipi), MSR_OK);
	assert_true(ipi_targets(&ipi, 0, 1) && !ipi_targets(&ipi, 0, 0)); /* all but self */
	assert_int_equal(x2apic_msr_write(&a, 0x830, 0x40ec, &ipi), MSR_OK); /* fixed */
	assert_int_equal(ipi.kind, IPI_OTHER);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (1ull << 32) | 0x4d00, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_OTHER);                           /* logical INIT */
	assert_int_equal(x2apic_msr_write(&a, 0x830, 1ull << 12, &ipi), MSR_GP); /* reserved */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apic_base_states),
		cmocka_unit_test(registers),
		cmocka_unit_test(icr_ipis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
