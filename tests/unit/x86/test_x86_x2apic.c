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
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x802, 0, &v), MSR_GP);   /* not in x2APIC mode */
	x2apic_base_write(&a, a.apic_base | APIC_BASE_EXTD);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x802, 0, &v), MSR_OK);
	assert_int_equal(v, 0x13);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80D, 0, &v), MSR_OK);  /* LDR: cluster 1, bit 3 */
	assert_int_equal(v, (1u << 16) | (1u << 3));
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x803, 0, &v), MSR_OK);
	assert_int_equal(v, X2APIC_VERSION);
	assert_int_equal(x2apic_msr_write(&a, 0x802, 5, 0, &ipi), MSR_GP);  /* ID is read-only */
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80B, 0, &v), MSR_GP);  /* EOI is write-only */
	assert_int_equal(x2apic_msr_write(&a, 0x80B, 0, 0, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_write(&a, 0x80B, 1, 0, &ipi), MSR_GP);  /* non-zero EOI */
	assert_int_equal(x2apic_msr_write(&a, 0x808, 0x100, 0, &ipi), MSR_GP); /* TPR bits 31:8 */
	assert_int_equal(x2apic_msr_write(&a, 0x80F, 0x1FF, 0, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x80F, 0, &v), MSR_OK);
	assert_int_equal(v, 0x1FF);
	assert_int_equal(x2apic_msr_read(&a, 0x13, 0x8FF, 0, &v), MSR_GP);  /* not modelled */
	assert_int_equal(ipi.kind, IPI_NONE);
}

static void icr_ipis(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	x2apic_reset(&a, 0);
	x2apic_base_write(&a, a.apic_base | APIC_BASE_EXTD);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (2ull << 32) | 0x4500, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_INIT);
	assert_int_equal(ipi.dest, 2);
	assert_true(ipi_targets(&ipi, 0, 2) && !ipi_targets(&ipi, 0, 1));
	assert_int_equal(x2apic_msr_write(&a, 0x830, (2ull << 32) | 0x4608, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_STARTUP);
	assert_int_equal(ipi.vector, 8);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (3ull << 18) | 0x4500, 0, &ipi), MSR_OK);
	assert_true(ipi_targets(&ipi, 0, 1) && !ipi_targets(&ipi, 0, 0)); /* all but self */
	assert_int_equal(x2apic_msr_write(&a, 0x830, 0x40ec, 0, &ipi), MSR_OK); /* fixed */
	assert_int_equal(ipi.kind, IPI_FIXED);
	assert_int_equal(ipi.vector, 0xec);
	assert_int_equal(x2apic_msr_write(&a, 0x830, 0x4400, 0, &ipi), MSR_OK); /* NMI */
	assert_int_equal(ipi.kind, IPI_NMI);
	assert_int_equal(x2apic_msr_write(&a, 0x830, 0x4100, 0, &ipi), MSR_OK); /* lowest prio */
	assert_int_equal(ipi.kind, IPI_OTHER);
	assert_int_equal(x2apic_msr_write(&a, 0x830, (1ull << 32) | 0x4d00, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_OTHER);                           /* logical INIT */
	/* Logical fixed IPI to cluster 1, members 2 and 3: x2APIC IDs 0x12 and 0x13. */
	assert_int_equal(x2apic_msr_write(&a, 0x830, (0x1000Cull << 32) | 0x0850, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_FIXED);
	assert_true(ipi_targets(&ipi, 0, 0x12) && ipi_targets(&ipi, 0, 0x13));
	assert_false(ipi_targets(&ipi, 0, 0x02) || ipi_targets(&ipi, 0, 0x14) ||
		     ipi_targets(&ipi, 0, 0x22));
	assert_int_equal(x2apic_msr_write(&a, 0x830, (0xFFFFFFFFull << 32) | 0x0850, 0, &ipi), MSR_OK);
	assert_true(ipi_targets(&ipi, 0, 0) && ipi_targets(&ipi, 0, 7));  /* broadcast */
	assert_int_equal(x2apic_msr_write(&a, 0x830, 1ull << 12, 0, &ipi), MSR_GP); /* reserved */
}

static void x2apic_on(struct x2apic *a, unsigned id)
{
	x2apic_reset(a, id);
	x2apic_base_write(a, a->apic_base | APIC_BASE_EXTD);
}

/* SELF IPI (0x83F, SDM §10.12.11): a fixed IPI to self; bits 31:8 reserved. Illegal
 * vectors 0-15 are not sent (ESR bit 5, §10.5.3). */
static void self_ipi_and_illegal_vectors(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	uint64_t v;
	x2apic_on(&a, 1);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x83F, 0, &v), MSR_GP); /* write-only */
	assert_int_equal(x2apic_msr_write(&a, 0x83F, 0x100, 0, &ipi), MSR_GP);
	assert_int_equal(x2apic_msr_write(&a, 0x83F, 0x41, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_FIXED);
	assert_int_equal(ipi.vector, 0x41);
	assert_true(ipi_targets(&ipi, 1, 1) && !ipi_targets(&ipi, 1, 0));
	assert_int_equal(x2apic_msr_write(&a, 0x830, 0x4005, 0, &ipi), MSR_OK);
	assert_int_equal(ipi.kind, IPI_NONE);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x828, 0, &v), MSR_OK);
	assert_int_equal(v, 0x20);
	x2apic_accept(&a, 3);                                            /* received illegal */
	assert_int_equal(x2apic_msr_read(&a, 1, 0x828, 0, &v), MSR_OK);
	assert_int_equal(v, 0x60);
}

/* IRR/ISR/PPR through the MSRs: delivery needs the APIC software-enabled (SVR bit 8,
 * SDM §10.4.7.2); EOI clears the highest in-service vector. */
static void irr_isr_eoi(void **state)
{
	struct x2apic a;
	uint64_t v;
	struct ipi ipi;
	x2apic_on(&a, 1);
	x2apic_accept(&a, 0x51);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x822, 0, &v), MSR_OK);  /* IRR 0x40-0x5F */
	assert_int_equal(v, 1u << (0x51 - 0x40));
	assert_int_equal(x2apic_next_irq(&a), -1);                        /* software-disabled */
	x2apic_msr_write(&a, 0x80F, 0x1FF, 0, &ipi);
	assert_int_equal(x2apic_next_irq(&a), 0x51);
	apic_irq_accept(&a.irr, &a.isr, 0x51);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x812, 0, &v), MSR_OK);  /* ISR */
	assert_int_equal(v, 1u << (0x51 - 0x40));
	assert_int_equal(x2apic_msr_read(&a, 1, 0x80A, 0, &v), MSR_OK);  /* PPR = ISRV class */
	assert_int_equal(v, 0x50);
	x2apic_accept(&a, 0x52);                                          /* same class: waits */
	assert_int_equal(x2apic_next_irq(&a), -1);
	assert_int_equal(x2apic_msr_write(&a, 0x80B, 0, 0, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x812, 0, &v), MSR_OK);
	assert_int_equal(v, 0);
	assert_int_equal(x2apic_next_irq(&a), 0x52);
	x2apic_msr_write(&a, 0x808, 0x60, 0, &ipi);                        /* TPR class 6 */
	assert_int_equal(x2apic_next_irq(&a), -1);
}

/* An AP's LVTs power up masked (SDM §10.4.7.1); software disable sets every mask and
 * keeps it set; LVT writes drop bits the LVT does not have; the timer registers (SDM
 * §10.5.1, §10.5.4). The BSP starts as SeaBIOS leaves it (src/fw/smp.c). */
static void lvts_and_timer_registers(void **state)
{
	struct x2apic a;
	uint64_t v;
	struct ipi ipi;
	x2apic_on(&a, 0);
	assert_int_equal(x2apic_msr_read(&a, 0, 0x80F, 0, &v), MSR_OK);
	assert_int_equal(v, 0x1FF);
	assert_int_equal(x2apic_msr_read(&a, 0, 0x835, 0, &v), MSR_OK);
	assert_int_equal(v, 0x8700);
	assert_int_equal(x2apic_msr_read(&a, 0, 0x836, 0, &v), MSR_OK);
	assert_int_equal(v, 0x8400);
	x2apic_on(&a, 1);
	for (uint32_t msr = 0x832; msr <= 0x837; msr++) {
		assert_int_equal(x2apic_msr_read(&a, 1, msr, 0, &v), MSR_OK);
		assert_int_equal(v, 0x10000);
	}
	x2apic_msr_write(&a, 0x832, 0x20040, 0, &ipi);                     /* disabled: masked */
	assert_int_equal(x2apic_msr_read(&a, 1, 0x832, 0, &v), MSR_OK);
	assert_int_equal(v, 0x30040);
	x2apic_msr_write(&a, 0x80F, 0x1FF, 0, &ipi);
	x2apic_msr_write(&a, 0x832, 0xFFFFFFFF, 0, &ipi);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x832, 0, &v), MSR_OK);
	assert_int_equal(v, 0x700FF);
	x2apic_msr_write(&a, 0x837, 0xFFFFFFFF, 0, &ipi);                  /* error LVT */
	assert_int_equal(x2apic_msr_read(&a, 1, 0x837, 0, &v), MSR_OK);
	assert_int_equal(v, 0x100FF);
	x2apic_msr_write(&a, 0x80F, 0xFF, 0, &ipi);                        /* software disable */
	assert_int_equal(x2apic_msr_read(&a, 1, 0x837, 0, &v), MSR_OK);
	assert_true(v & 0x10000);
	x2apic_msr_write(&a, 0x80F, 0x1FF, 0, &ipi);
	x2apic_msr_write(&a, 0x832, 0x40, 0, &ipi);                        /* one-shot, vector 0x40 */
	x2apic_msr_write(&a, 0x83E, 0xFF, 0, &ipi);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x83E, 0, &v), MSR_OK);
	assert_int_equal(v, 0xB);                                          /* divide by 1 */
	assert_int_equal(x2apic_msr_write(&a, 0x838, 1000, 500, &ipi), MSR_OK);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x838, 900, &v), MSR_OK);
	assert_int_equal(v, 1000);
	assert_int_equal(x2apic_msr_read(&a, 1, 0x839, 900, &v), MSR_OK);
	assert_int_equal(v, 600);
	assert_int_equal(x2apic_msr_write(&a, 0x839, 5, 900, &ipi), MSR_GP); /* read-only */
	assert_false(x2apic_timer_poll(&a, 1499));
	assert_true(x2apic_timer_poll(&a, 1500));
	assert_int_equal(x2apic_next_irq(&a), 0x40);
	assert_false(x2apic_timer_poll(&a, 9999));                         /* one-shot: once */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apic_base_states),
		cmocka_unit_test(registers),
		cmocka_unit_test(icr_ipis),
		cmocka_unit_test(self_ipi_and_illegal_vectors),
		cmocka_unit_test(irr_isr_eoi),
		cmocka_unit_test(lvts_and_timer_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
