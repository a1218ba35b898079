/* Free memory = RAM minus what is in use, page-aligned, above a floor. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "mem_ranges.h"

#define MB (1024ull * 1024)

static void test_hole_punched(void **state)
{
	struct phys_range ram[] = { { 0, 0x9fc00 }, { MB, 127 * MB } };
	struct phys_range used[] = { { MB, 0x40000 }, { 16 * MB, 0x1234 } };
	struct phys_range out[8];
	unsigned n = mem_ranges_free(ram, 2, used, 2, MB, ~0ull, out, 8);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].base, MB + 0x40000);
	assert_int_equal(out[0].size, 15 * MB - 0x40000);
	assert_int_equal(out[1].base, 16 * MB + 0x2000); /* rounded up past the module */
	assert_int_equal(out[1].base + out[1].size, 128 * MB);
}

static void test_floor_and_alignment(void **state)
{
	struct phys_range ram[] = { { 0x800, 0x10000 } };
	struct phys_range out[4];
	unsigned n = mem_ranges_free(ram, 1, NULL, 0, 0, ~0ull, out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].base, 0x1000);
	assert_int_equal(out[0].size, 0x10000 - 0x1000); /* end rounded down */
	assert_int_equal(mem_ranges_free(ram, 1, NULL, 0, 0x20000, ~0ull, out, 4), 0);
}

static void test_fully_used_and_capacity(void **state)
{
	struct phys_range ram[] = { { MB, MB }, { 4 * MB, MB }, { 8 * MB, MB } };
	struct phys_range used[] = { { 0, 2 * MB } };
	struct phys_range out[1];
	unsigned n = mem_ranges_free(ram, 3, used, 1, 0, ~0ull, out, 1);
	assert_int_equal(n, 1); /* capacity respected */
	assert_int_equal(out[0].base, 4 * MB);
}

static void test_used_splits_in_two(void **state)
{
	struct phys_range ram[] = { { 0, 64 * MB } };
	struct phys_range used[] = { { 8 * MB, MB }, { 32 * MB, MB } };
	struct phys_range out[4];
	unsigned n = mem_ranges_free(ram, 1, used, 2, 0, ~0ull, out, 4);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].size, 8 * MB);
	assert_int_equal(out[1].base, 9 * MB);
	assert_int_equal(out[1].size, 23 * MB);
	assert_int_equal(out[2].base, 33 * MB);
}

/* RAM above what testvisor maps (4 GiB) is never handed out. */
static void test_ceiling(void **state)
{
	struct phys_range ram[] = { { MB, 3071 * MB }, { 4096 * MB, 4096 * MB } };
	struct phys_range out[4];
	unsigned n = mem_ranges_free(ram, 2, NULL, 0, MB, 4096 * MB, out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].base + out[0].size, 3072 * MB);
	struct phys_range across[] = { { 3 * 1024 * MB, 2048 * MB } };
	n = mem_ranges_free(across, 1, NULL, 0, 0, 4096 * MB, out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].base + out[0].size, 4096 * MB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hole_punched),
		cmocka_unit_test(test_floor_and_alignment),
		cmocka_unit_test(test_fully_used_and_capacity),
		cmocka_unit_test(test_used_splits_in_two),
		cmocka_unit_test(test_ceiling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
