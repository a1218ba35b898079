/* The local APIC's xAPIC MMIO page (arch/x86/svm/xapic.c) over the x2APIC register model,
 * from Intel SDM vol. 3 §10.4.1 (Table 10-1), §10.6.1 (ICR) and §10.6.2.2 (LDR, DFR). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/xapic.h>

static uint64_t rd(struct x2apic *a, unsigned id, uint64_t off)
{
	uint64_t v;
	xapic_mmio_read(a, id, off, 4, 0, &v);
	return v;
}

static void wr(struct x2apic *a, uint64_t off, uint32_t val, struct ipi *ipi)
{
	xapic_mmio_write(a, off, 4, val, 0, ipi);
}

/* ID in bits 31:24, version, SVR, TPR and the LVTs at offset = (MSR - 0x800) * 16. */
static void registers(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	x2apic_reset(&a, 3);
	assert_int_equal(rd(&a, 3, 0x020), 3u << 24);
	assert_int_equal(rd(&a, 3, 0x030), X2APIC_VERSION);
	assert_int_equal(rd(&a, 3, 0x0F0), 0xFF);                    /* AP: SVR at reset */
	wr(&a, 0x0F0, 0x1FF, &ipi);
	wr(&a, 0x080, 0x120, &ipi);                                  /* TPR: 8 bits kept */
	assert_int_equal(rd(&a, 3, 0x080), 0x20);
	wr(&a, 0x320, 0x20031, &ipi);                                /* LVT timer, periodic */
	assert_int_equal(rd(&a, 3, 0x320), 0x20031);
	wr(&a, 0x020, 7u << 24, &ipi);                               /* ID: read-only here */
	assert_int_equal(rd(&a, 3, 0x020), 3u << 24);
	assert_int_equal(rd(&a, 3, 0x280), 0);
	rd(&a, 3, 0x3F0);                                             /* no SELF IPI in xAPIC */
	assert_int_equal(rd(&a, 3, 0x280), APIC_ESR_ILLEGAL_REG);
	wr(&a, 0x280, 0, &ipi);                                      /* ESR: any write clears */
	assert_int_equal(rd(&a, 3, 0x280), 0);
	assert_int_equal(rd(&a, 3, 0x022), 0);                       /* unaligned: 0 */
}

/* LDR 31:24 and DFR 31:28 are writable; the DFR's other bits read as ones. */
static void ldr_dfr_logical(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	x2apic_reset(&a, 1);
	assert_int_equal(rd(&a, 1, 0x0E0), 0xFFFFFFFFu);             /* flat model at reset */
	wr(&a, 0x0D0, 0x02345678, &ipi);
	assert_int_equal(rd(&a, 1, 0x0D0), 0x02000000);
	assert_true(apic_logical_match(&a, 1, 0x03) && !apic_logical_match(&a, 1, 0x01));
	assert_true(apic_logical_match(&a, 1, 0xFF));                 /* broadcast */
	wr(&a, 0x0E0, 0, &ipi);                                      /* cluster model */
	assert_int_equal(rd(&a, 1, 0x0E0), 0x0FFFFFFF);
	wr(&a, 0x0D0, 0x21000000, &ipi);                             /* cluster 2, member 0 */
	assert_true(apic_logical_match(&a, 1, 0x21) && apic_logical_match(&a, 1, 0x23));
	assert_false(apic_logical_match(&a, 1, 0x11) || apic_logical_match(&a, 1, 0x22));
}

/* ICR: the high half holds the destination, writing the low half sends. */
static void icr(void **state)
{
	struct x2apic a, t;
	struct ipi ipi;
	x2apic_reset(&a, 0);
	x2apic_reset(&t, 2);
	wr(&a, 0x310, 0x02000000, &ipi);
	assert_int_equal(ipi.kind, IPI_NONE);
	wr(&a, 0x300, 0x4500, &ipi);                                 /* INIT, physical */
	assert_int_equal(ipi.kind, IPI_INIT);
	assert_int_equal(ipi.dest, 2);
	assert_int_equal(rd(&a, 0, 0x300), 0x4500);                  /* idle: bit 12 clear */
	assert_int_equal(rd(&a, 0, 0x310), 0x02000000);
	wr(&a, 0x310, 0xFF000000, &ipi);
	wr(&a, 0x300, 0x4608, &ipi);                                 /* STARTUP, broadcast */
	assert_int_equal(ipi.kind, IPI_STARTUP);
	assert_true(ipi_targets_apic(&ipi, 0, 2, &t));
	wr(&a, 0x0D0, 0x01000000, &ipi);
	wr(&t, 0x0D0, 0x04000000, &ipi);
	wr(&a, 0x310, 0x04000000, &ipi);
	wr(&a, 0x300, 0x0840, &ipi);                                 /* fixed, logical 0x04 */
	assert_int_equal(ipi.kind, IPI_FIXED);
	assert_true(ipi_targets_apic(&ipi, 0, 2, &t) && !ipi_targets_apic(&ipi, 0, 0, &a));
}

/* The page answers only in xAPIC mode; in x2APIC mode the MSRs do. */
static void mode(void **state)
{
	struct x2apic a;
	struct ipi ipi;
	uint64_t v;
	x2apic_reset(&a, 0);
	assert_int_equal(x2apic_msr_read(&a, 0, 0x802, 0, &v), MSR_GP);
	x2apic_base_write(&a, a.apic_base | APIC_BASE_EXTD);
	assert_int_equal(rd(&a, 0, 0x020), 0);
	wr(&a, 0x080, 0x30, &ipi);
	assert_int_equal(x2apic_msr_read(&a, 0, 0x808, 0, &v), MSR_OK);
	assert_int_equal(v, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registers),
		cmocka_unit_test(ldr_dfr_logical),
		cmocka_unit_test(icr),
		cmocka_unit_test(mode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
