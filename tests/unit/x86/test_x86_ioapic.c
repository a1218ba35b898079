/* The I/O APIC model (arch/x86/svm/ioapic.c) against the 82093AA datasheet §3.0 and QEMU's
 * hw/intc/ioapic.c (version 0x20, 24 entries, reset masked, read-only bits). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/ioapic.h>

static uint32_t reg_read(struct ioapic *io, uint8_t reg)
{
	uint64_t v;
	assert_true(ioapic_write(io, 0x00, 4, reg));
	assert_true(ioapic_read(io, 0x10, 4, &v));
	return (uint32_t)v;
}

static void reg_write(struct ioapic *io, uint8_t reg, uint32_t val)
{
	assert_true(ioapic_write(io, 0x00, 4, reg));
	assert_true(ioapic_write(io, 0x10, 4, val));
}

static void identification(void **state)
{
	struct ioapic io;
	ioapic_reset(&io);
	assert_int_equal(reg_read(&io, 0x01), 0x00170020);      /* 24 entries, version 0x20 */
	assert_int_equal(reg_read(&io, 0x00), 0);
	reg_write(&io, 0x00, 0xFFFFFFFF);
	assert_int_equal(reg_read(&io, 0x00), 0x0F000000);      /* ID: bits 27:24 */
	assert_int_equal(reg_read(&io, 0x02), 0x0F000000);      /* arbitration: the ID */
	reg_write(&io, 0x01, 0);
	assert_int_equal(reg_read(&io, 0x01), 0x00170020);      /* read-only */
	uint64_t v;
	assert_true(ioapic_read(&io, 0x00, 4, &v));
	assert_int_equal(v, 0x01);                              /* IOREGSEL reads back */
	assert_false(ioapic_read(&io, 0x10, 1, &v));            /* IOWIN: 32-bit accesses */
}

static void redirection_table(void **state)
{
	struct ioapic io;
	ioapic_reset(&io);
	for (uint8_t i = 0; i < IOAPIC_PINS; i++) {
		assert_int_equal(reg_read(&io, 0x10 + 2 * i), 0x10000); /* masked */
		assert_int_equal(reg_read(&io, 0x11 + 2 * i), 0);
	}
	reg_write(&io, 0x10 + 2 * 4, 0xFFFFFFFF);
	assert_int_equal(reg_read(&io, 0x10 + 2 * 4), 0xFFFFAFFF); /* bits 12, 14 read-only */
	reg_write(&io, 0x11 + 2 * 4, 0x01000000);
	assert_int_equal(reg_read(&io, 0x11 + 2 * 4), 0x01000000);
	assert_int_equal(reg_read(&io, 0x10 + 2 * 24), 0);         /* past the table */
}

static void edges(void **state)
{
	struct ioapic io;
	struct ioapic_msg m;
	ioapic_reset(&io);
	assert_false(ioapic_set_line(&io, 4, true, &m));         /* masked: ignored */
	assert_false(ioapic_set_line(&io, 4, false, &m));
	reg_write(&io, 0x10 + 2 * 4, 0x61);                      /* fixed, physical, edge */
	reg_write(&io, 0x11 + 2 * 4, 0x01000000);                /* destination 1 */
	assert_true(ioapic_set_line(&io, 4, true, &m));
	assert_int_equal(m.vector, 0x61);
	assert_int_equal(m.mode, 0);
	assert_false(m.logical);
	assert_int_equal(m.dest, 1);
	assert_false(ioapic_set_line(&io, 4, true, &m));         /* still high: no edge */
	assert_false(ioapic_set_line(&io, 4, false, &m));
	assert_true(ioapic_set_line(&io, 4, true, &m));
	assert_false(ioapic_set_line(&io, 24, true, &m));
	assert_int_equal(ioapic_isa_gsi(0), 2);                  /* QEMU's MADT override */
	assert_int_equal(ioapic_isa_gsi(4), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identification),
		cmocka_unit_test(redirection_table),
		cmocka_unit_test(edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
