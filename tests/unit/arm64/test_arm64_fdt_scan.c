/* The boot facts arm64 start-up code takes from a DTB: memory, bootargs, initrd bounds in
 * 32- and 64-bit form, the PSCI conduit and the model; a broken blob is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <fdt.h>
#include "fdt_scan.h"

static uint64_t blob[1024];

static size_t build(bool initrd64)
{
	struct fdt_writer w;
	fdt_begin(&w, blob, sizeof(blob));
	fdt_begin_node(&w, "");
	fdt_prop_string(&w, "model", "testvisor arm64 virt");
	fdt_begin_node(&w, "psci");
	fdt_prop_string(&w, "method", "smc");
	fdt_end_node(&w);
	fdt_begin_node(&w, "memory@40000000");
	uint32_t reg[4] = { 0, 0x40000000, 0, 0x8000000 };
	fdt_prop_cells(&w, "reg", reg, 4);
	fdt_end_node(&w);
	fdt_begin_node(&w, "chosen");
	fdt_prop_string(&w, "bootargs", "name=x -- a b");
	if (initrd64) {
		fdt_prop_u64(&w, "linux,initrd-start", 0x48000000);
		fdt_prop_u64(&w, "linux,initrd-end", 0x48001000);
	} else {
		fdt_prop_u32(&w, "linux,initrd-start", 0x48000000);
		fdt_prop_u32(&w, "linux,initrd-end", 0x48002000);
	}
	fdt_end_node(&w);
	fdt_end_node(&w);
	return fdt_finish(&w);
}

static void reads_boot_facts(void **state)
{
	assert_true(build(true) > 0);
	struct fdt_scan s;
	assert_true(fdt_scan(blob, &s));
	assert_true(s.mem_base == 0x40000000 && s.mem_size == 0x8000000);
	assert_string_equal(s.bootargs, "name=x -- a b");
	assert_true(s.initrd_start == 0x48000000 && s.initrd_end == 0x48001000);
	assert_string_equal(s.psci_method, "smc");
	assert_string_equal(s.model, "testvisor arm64 virt");
	assert_true(build(false) > 0);
	assert_true(fdt_scan(blob, &s));
	assert_true(s.initrd_end == 0x48002000);
}

static void refuses_garbage(void **state)
{
	struct fdt_scan s;
	memset(blob, 0x5a, sizeof(blob));
	assert_false(fdt_scan(blob, &s));
	assert_false(fdt_scan(NULL, &s));
	assert_false(fdt_scan((char *)blob + 4, &s)); /* misaligned */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_boot_facts),
		cmocka_unit_test(refuses_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
