/* Device tree writer and reader, round trip and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fdt.h>

static uint8_t blob[2048];

static size_t build_tree(void)
{
	struct fdt_writer w;
	fdt_begin(&w, blob, sizeof(blob));
	fdt_begin_node(&w, "");
	fdt_prop_u32(&w, "#address-cells", 2);
	fdt_begin_node(&w, "memory@40000000");
	fdt_prop_string(&w, "device_type", "memory");
	uint32_t reg[4] = { 0, 0x40000000, 0, 0x4000000 };
	fdt_prop_cells(&w, "reg", reg, 4);
	fdt_end_node(&w);
	fdt_begin_node(&w, "cpus");
	fdt_begin_node(&w, "cpu@0");
	fdt_prop_string(&w, "enable-method", "psci");
	fdt_end_node(&w);
	fdt_end_node(&w);
	fdt_begin_node(&w, "chosen");
	fdt_prop_string(&w, "bootargs", "a=1 b");
	fdt_prop_u64(&w, "linux,initrd-start", 0x48000000);
	fdt_prop_empty(&w, "flag");
	fdt_end_node(&w);
	fdt_end_node(&w);
	return fdt_finish(&w);
}

static void test_round_trip(void **state)
{
	size_t n = build_tree();
	assert_true(n > 0);
	assert_true(fdt_check(blob, sizeof(blob)));
	assert_int_equal(fdt_total_size(blob), n);
	int chosen = fdt_path_offset(blob, "/chosen");
	assert_true(chosen >= 0);
	assert_string_equal(fdt_getprop(blob, chosen, "bootargs", NULL), "a=1 b");
	int len;
	const void *p = fdt_getprop(blob, chosen, "linux,initrd-start", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt_read_cells(p, 2), 0x48000000);
	assert_non_null(fdt_getprop(blob, chosen, "flag", &len));
	assert_int_equal(len, 0);
	int mem = fdt_path_offset(blob, "/memory");
	assert_true(mem >= 0);
	p = fdt_getprop(blob, mem, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt_read_cells((const uint8_t *)p + 8, 2), 0x4000000);
	assert_true(fdt_path_offset(blob, "/cpus/cpu@0") >= 0);
	assert_true(fdt_path_offset(blob, "/cpus/cpu") >= 0);
	assert_true(fdt_path_offset(blob, "/cpu@0") < 0);
	assert_true(fdt_path_offset(blob, "/nothing") < 0);
	assert_null(fdt_getprop(blob, chosen, "absent", NULL));
	assert_true(fdt_path_offset(blob, "/") >= 0);
}

static void test_overflow_and_unbalanced(void **state)
{
	struct fdt_writer w;
	uint8_t small[64];
	fdt_begin(&w, small, sizeof(small));
	fdt_begin_node(&w, "");
	fdt_prop_string(&w, "bootargs", "a long string that cannot fit in sixty-four bytes at all");
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
	fdt_begin(&w, blob, sizeof(blob));
	fdt_begin_node(&w, "");
	assert_int_equal(fdt_finish(&w), 0);
}

static void test_hostile_blob(void **state)
{
	size_t n = build_tree();
	uint8_t copy[2048];
	memcpy(copy, blob, n);
	copy[0] = 0;
	assert_false(fdt_check(copy, sizeof(copy)));
	assert_true(fdt_path_offset(copy, "/chosen") < 0);
	memcpy(copy, blob, n);
	/* A structure size pointing far past the blob must be rejected, not followed. */
	copy[36] = 0x7f;
	assert_true(fdt_path_offset(copy, "/chosen") < 0);
	/* A property length running off the end. */
	memcpy(copy, blob, n);
	int chosen = fdt_path_offset(copy, "/chosen");
	uint8_t *prop = copy + chosen + 4 + 8; /* "chosen\0" padded to 8 */
	prop[4] = 0x7f;
	assert_null(fdt_getprop(copy, chosen, "bootargs", NULL));
}

/* Found by the fuzz target `fdt` (tests/fuzz/fdt.c): a 29-byte buffer starting with the
 * FDT magic, checked against its real size, had its 40-byte header read past its end;
 * and a header claiming a total size smaller than itself was taken. */
static void test_short_blob(void **state)
{
	static const uint8_t found[29] = { 0xd0, 0x0d, 0xfe, 0xed, 0x00, 0x00, 0x01, 0x92,
					   0x00, 0x00, 0x00, 0x00, 0x56, 0x43, 0x00, 0x00,
					   0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
					   0x56, 0x00, 0x00, 0x01, 0x08 };
	uint8_t *p = malloc(sizeof(found)); /* exactly its size: ASan sees an overread */
	assert_non_null(p);
	memcpy(p, found, sizeof(found));
	assert_false(fdt_check(p, sizeof(found)));
	free(p);
	uint8_t hdr[40] = { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 16 }; /* totalsize 16 */
	assert_false(fdt_check(hdr, sizeof(hdr)));
	assert_int_equal(fdt_total_size(hdr), 0);
	assert_true(fdt_path_offset(hdr, "/") < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_overflow_and_unbalanced),
		cmocka_unit_test(test_hostile_blob),
		cmocka_unit_test(test_short_blob),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
