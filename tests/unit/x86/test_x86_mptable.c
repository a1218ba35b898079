/* The MP tables of guests (arch/x86/svm/mptable.c), from the MultiProcessor Specification
 * 1.4 §4.1-4.3 and SeaBIOS's layout (src/fw/mptable.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <x86/mptable.h>

static uint8_t sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

static uint32_t get32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void two_cpus(void **state)
{
	uint8_t buf[MPTABLE_SIZE(2)];
	assert_int_equal(mptable_build(buf, 0xF0000, 2, 0x663, 0x1781abfd), sizeof(buf));
	/* floating pointer: signature, table address, 1 paragraph, revision 1.4, checksum */
	assert_memory_equal(buf, "_MP_", 4);
	assert_int_equal(get32(buf + 4), 0xF0010);
	assert_int_equal(buf[8], 1);
	assert_int_equal(buf[9], 4);
	assert_int_equal(buf[11], 0);                 /* a configuration table follows */
	assert_int_equal(sum(buf, 16), 0);
	const uint8_t *cfg = buf + 16;
	assert_memory_equal(cfg, "PCMP", 4);
	uint16_t len = get16(cfg + 4);
	assert_int_equal(len, sizeof(buf) - 16);
	assert_int_equal(sum(cfg, len), 0);
	assert_int_equal(get16(cfg + 34), 2 + 1 + 1 + 15 + 2); /* entries */
	assert_int_equal(get32(cfg + 36), 0xFEE00000);
	const uint8_t *e = cfg + 44;
	assert_int_equal(e[0], 0);                    /* processor 0: enabled, BSP */
	assert_int_equal(e[1], 0);
	assert_int_equal(e[3], 3);
	assert_int_equal(get32(e + 4), 0x663);
	assert_int_equal(get32(e + 8), 0x1781abfd);
	assert_int_equal(e[20 + 1], 1);               /* processor 1: enabled */
	assert_int_equal(e[20 + 3], 1);
	e += 40;
	assert_int_equal(e[0], 1);                    /* bus 0: ISA */
	assert_memory_equal(e + 2, "ISA   ", 6);
	e += 8;
	assert_int_equal(e[0], 2);                    /* I/O APIC 0 at 0xFEC00000, enabled */
	assert_int_equal(e[3], 1);
	assert_int_equal(get32(e + 4), 0xFEC00000);
	e += 8;
	/* IRQ 0 -> INTIN 2, IRQ 1 -> 1, IRQ 2 left out, IRQ 3 -> 3 */
	assert_int_equal(e[0], 3);
	assert_int_equal(e[5], 0);
	assert_int_equal(e[7], 2);
	assert_int_equal(e[8 + 5], 1);
	assert_int_equal(e[8 + 7], 1);
	assert_int_equal(e[16 + 5], 3);
	assert_int_equal(e[16 + 7], 3);
	e += 15 * 8;
	assert_int_equal(e[0], 4);                    /* ExtINT on the BSP's LINT0 */
	assert_int_equal(e[1], 3);
	assert_int_equal(e[6], 0);
	assert_int_equal(e[7], 0);
	assert_int_equal(e[8 + 1], 1);                /* NMI on every LINT1 */
	assert_int_equal(e[8 + 6], 0xFF);
	assert_int_equal(e[8 + 7], 1);
}

static void limits(void **state)
{
	static uint8_t buf[MPTABLE_SIZE(MPTABLE_MAX_CPUS + 1)];
	assert_int_equal(mptable_build(buf, 0xF0000, 0, 0, 0), 0);
	assert_int_equal(mptable_build(buf, 0xF0000, MPTABLE_MAX_CPUS + 1, 0, 0), 0);
	assert_int_equal(mptable_build(buf, 0xF0000, MPTABLE_MAX_CPUS, 0, 0),
			 MPTABLE_SIZE(MPTABLE_MAX_CPUS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_cpus),
		cmocka_unit_test(limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
