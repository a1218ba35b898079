/* Guest image loader: built images of both classes and endiannesses, and broken ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/loader.h>
#include "elf_image.h"

#define RAM_BASE 0x40000000ULL
#define RAM_SIZE 0x10000ULL
static uint8_t ram[RAM_SIZE];

static bool ram_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	if (addr < RAM_BASE || addr + len > RAM_BASE + RAM_SIZE)
		return false;
	if (src)
		memcpy(ram + (addr - RAM_BASE), src, len);
	else
		memset(ram + (addr - RAM_BASE), 0, len);
	return true;
}

static struct elf_target target(unsigned cls, unsigned data, unsigned machine)
{
	return (struct elf_target){ .elf_class = cls, .elf_data = data, .machine = machine,
				    .ram_base = RAM_BASE, .ram_size = RAM_SIZE,
				    .reserved_base = RAM_BASE + 0xf000, .reserved_size = 0x1000,
				    .write = ram_write };
}

static void test_loads_elf64_le(void **state)
{
	uint8_t img[512];
	size_t n = elf_image_build(img, true, false, 183, RAM_BASE + 0x1000, RAM_BASE + 0x1004, 64, 32);
	struct elf_target t = target(2, 1, 183);
	struct elf_loaded out;
	char err[160];
	memset(ram, 0xff, sizeof(ram));
	assert_int_equal(elf_load(img, n, &t, &out, err, sizeof(err)), 0);
	assert_int_equal(out.entry, RAM_BASE + 0x1004);
	assert_int_equal(ram[0x1000], 0x5a);
	assert_int_equal(ram[0x1000 + 63], 0x5a);
	assert_int_equal(ram[0x1000 + 64], 0);  /* BSS cleared */
	assert_int_equal(ram[0x1000 + 96], 0xff); /* nothing past the segment */
	assert_int_equal(out.highest, RAM_BASE + 0x1000 + 96);
}

static void test_loads_elf32_and_big_endian(void **state)
{
	uint8_t img[512];
	struct elf_loaded out;
	char err[160];
	size_t n = elf_image_build(img, false, false, 3, RAM_BASE + 0x100, RAM_BASE + 0x100, 16, 0);
	struct elf_target t32 = target(1, 1, 3);
	assert_int_equal(elf_load(img, n, &t32, &out, err, sizeof(err)), 0);
	n = elf_image_build(img, true, true, 22, RAM_BASE + 0x200, RAM_BASE + 0x200, 16, 0);
	struct elf_target tbe = target(2, 2, 22);
	assert_int_equal(elf_load(img, n, &tbe, &out, err, sizeof(err)), 0);
	assert_int_equal(out.entry, RAM_BASE + 0x200);
}

static void expect_refused(const uint8_t *img, size_t n, struct elf_target t, const char *words)
{
	struct elf_loaded out;
	char err[160] = "";
	assert_int_not_equal(elf_load(img, n, &t, &out, err, sizeof(err)), 0);
	if (!strstr(err, words))
		fail_msg("error '%s' does not mention '%s'", err, words);
}

static void test_refusals(void **state)
{
	uint8_t img[512];
	size_t n = elf_image_build(img, true, false, 183, RAM_BASE + 0x1000, RAM_BASE + 0x1000, 64, 0);
	expect_refused(img, n - 10, target(2, 1, 183), "truncated");
	expect_refused(img, 30, target(2, 1, 183), "truncated");
	expect_refused(img, n, target(2, 1, 62), "wrong machine");
	expect_refused(img, n, target(1, 1, 183), "class");
	uint8_t bad[512];
	memcpy(bad, img, n);
	bad[1] = 'X';
	expect_refused(bad, n, target(2, 1, 183), "magic");
	n = elf_image_build(img, true, false, 183, 0x1000, 0x1000, 64, 0);
	expect_refused(img, n, target(2, 1, 183), "outside guest RAM");
	n = elf_image_build(img, true, false, 183, RAM_BASE + 0xff00, RAM_BASE + 0xff00, 64, 0);
	expect_refused(img, n, target(2, 1, 183), "reserves");
	n = elf_image_build(img, true, false, 183, RAM_BASE + 0x1000, RAM_BASE + 0x8000, 64, 0);
	expect_refused(img, n, target(2, 1, 183), "entry point");
	n = elf_image_build(img, true, false, 183, RAM_BASE + 0x1000, RAM_BASE + 0x1000, 64, 0);
	elf_image_put(img + 56, 0, 2, false); /* no program headers */
	expect_refused(img, n, target(2, 1, 183), "program headers");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_elf64_le),
		cmocka_unit_test(test_loads_elf32_and_big_endian),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
