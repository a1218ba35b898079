/* SYSIB 3.2.2: one VM description with its CPU counts and blank-padded EBCDIC names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "sysib.h"

static void ebcdic_letters_digits_blank(void **state)
{
	assert_int_equal(ascii_to_ebcdic('A'), 0xc1);
	assert_int_equal(ascii_to_ebcdic('I'), 0xc9);
	assert_int_equal(ascii_to_ebcdic('J'), 0xd1);
	assert_int_equal(ascii_to_ebcdic('R'), 0xd9);
	assert_int_equal(ascii_to_ebcdic('S'), 0xe2);
	assert_int_equal(ascii_to_ebcdic('Z'), 0xe9);
	assert_int_equal(ascii_to_ebcdic('0'), 0xf0);
	assert_int_equal(ascii_to_ebcdic('9'), 0xf9);
	assert_int_equal(ascii_to_ebcdic(' '), 0x40);
	assert_int_equal(ascii_to_ebcdic('a'), 0x81);   /* code page 037 */
	static uint8_t page[SYSIB_SIZE];
	sysib_322_build(page, 1, "vm-1", "X");          /* not a name character: '?' */
	const uint8_t name[4] = { 0x6f, 0x6f, 0x6f, 0xf1 };
	assert_memory_equal(page + SYSIB_322_VM + SYSIB_322_VM_NAME, name, 4);
}

static void sysib_322_layout(void **state)
{
	static uint8_t page[SYSIB_SIZE];
	memset(page, 0x55, sizeof(page));
	sysib_322_build(page, 2, "VM1", "TESTVISOR");
	assert_int_equal(page[SYSIB_322_COUNT] & 0xf, 1);
	const uint8_t *vm = page + SYSIB_322_VM;
	assert_int_equal(vm[SYSIB_322_VM_CPUS_TOTAL] << 8 | vm[SYSIB_322_VM_CPUS_TOTAL + 1], 2);
	assert_int_equal(vm[SYSIB_322_VM_CPUS_CONFIGURED] << 8 | vm[SYSIB_322_VM_CPUS_CONFIGURED + 1], 2);
	const uint8_t name[8] = { 0xe5, 0xd4, 0xf1, 0x40, 0x40, 0x40, 0x40, 0x40 };
	assert_memory_equal(vm + SYSIB_322_VM_NAME, name, 8);
	assert_int_equal(vm[SYSIB_322_VM_CPI], 0xe3);        /* 'T' */
	assert_int_equal(vm[SYSIB_322_VM_CPI + 15], 0x40);   /* padded */
	assert_int_equal(page[SYSIB_SIZE - 1], 0);            /* the rest cleared */
	assert_int_equal(page[0], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ebcdic_letters_digits_blank),
		cmocka_unit_test(sysib_322_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
