/* testvisor's free-RAM plan on riscv64 (boot/riscv/ram_layout.c), with the layouts QEMU's
 * virt machine produces: OpenSBI and testvisor at the bottom of RAM, the DTB at the top,
 * and the initrd (the guest image) at 128 MiB when RAM is 256 MiB or more (half-way into
 * RAM below that; QEMU hw/riscv/boot.c, riscv_load_initrd). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "ram_layout.h"

#define MIB (1024UL * 1024)
#define RAM 0x80000000UL

static size_t largest(const struct rv_ram_plan *p)
{
	size_t best = 0;
	for (unsigned i = 0; i < p->nr_free; i++)
		if (p->free[i].size > best)
			best = p->free[i].size;
	return best;
}

static size_t total(const struct rv_ram_plan *p)
{
	size_t sum = 0;
	for (unsigned i = 0; i < p->nr_free; i++)
		sum += p->free[i].size;
	return sum;
}

/* Nothing free overlaps [base, end). */
static void assert_not_free(const struct rv_ram_plan *p, uint64_t base, uint64_t end)
{
	for (unsigned i = 0; i < p->nr_free; i++) {
		uint64_t b = pa_addr(p->free[i].base), e = b + p->free[i].size;
		assert_true(e <= base || b >= end);
	}
}

/* -m 256M with a 2.4 MiB guest image: a guest asking for 128 MiB (plus 2 MiB alignment)
 * must fit in one free range, as the total free RAM allows. */
static void test_qemu_256m(void **state)
{
	const struct rv_ram_facts f = {
		.ram_base = RAM, .ram_end = RAM + 256 * MIB, .image_end = 0x80697000,
		.fdt_base = 0x8fe00000, .fdt_end = 0x8fe02000,
		.initrd_base = RAM + 128 * MIB, .initrd_end = RAM + 128 * MIB + 0x267000,
	};
	struct rv_ram_plan p;
	rv_plan_ram(&f, &p);
	assert_true(largest(&p) >= 130 * MIB);
	/* The image, the DTB and the initrd's new place are not free; nothing is lost. */
	uint64_t size = f.initrd_end - f.initrd_base;
	assert_not_free(&p, 0, f.image_end);
	assert_not_free(&p, f.fdt_base, f.fdt_end);
	assert_not_free(&p, p.initrd_base, p.initrd_base + size);
	assert_true(p.initrd_base >= f.image_end);
	assert_int_equal(total(&p), 256 * MIB - (f.image_end - RAM) - 0x2000 - PAGE_ALIGN_UP(size));
}

/* -m 64M: the initrd half-way into RAM; the same holds. */
static void test_qemu_64m(void **state)
{
	const struct rv_ram_facts f = {
		.ram_base = RAM, .ram_end = RAM + 64 * MIB, .image_end = 0x80697000,
		.fdt_base = RAM + 62 * MIB, .fdt_end = RAM + 62 * MIB + 0x2000,
		.initrd_base = RAM + 32 * MIB, .initrd_end = RAM + 32 * MIB + 0x100000,
	};
	struct rv_ram_plan p;
	rv_plan_ram(&f, &p);
	assert_true(largest(&p) >= 54 * MIB);
	assert_not_free(&p, p.initrd_base, p.initrd_base + 0x100000);
}

/* Without an initrd there is nothing to move; a DTB right after the image pushes the
 * initrd past it. */
static void test_no_initrd_and_dtb_in_the_way(void **state)
{
	struct rv_ram_facts f = {
		.ram_base = RAM, .ram_end = RAM + 256 * MIB, .image_end = 0x80697000,
		.fdt_base = 0x8fe00000, .fdt_end = 0x8fe02000,
	};
	struct rv_ram_plan p;
	rv_plan_ram(&f, &p);
	assert_int_equal(p.nr_free, 2);
	f.fdt_base = 0x80698000;
	f.fdt_end = 0x8069a000;
	f.initrd_base = RAM + 128 * MIB;
	f.initrd_end = f.initrd_base + 0x3000;
	rv_plan_ram(&f, &p);
	assert_not_free(&p, f.fdt_base, f.fdt_end);
	assert_not_free(&p, p.initrd_base, p.initrd_base + 0x3000);
	assert_true(p.initrd_base >= f.fdt_end || p.initrd_base + 0x3000 <= f.fdt_base);
	assert_true(largest(&p) >= 240 * MIB);
}

/* A cpio initrd (a guest and its own initrd, as tests/linux/run.sh gives): the whole
 * archive is kept out of free RAM and every module moves with it, not only the first. */
static void test_cpio_initrd_moves_whole(void **state)
{
	(void)state;
	const uint64_t start = RAM + 128 * MIB, end = start + 33 * MIB;
	const struct rv_ram_facts f = {
		.ram_base = RAM, .ram_end = RAM + 1024 * MIB, .image_end = 0x809b7000,
		.fdt_base = RAM + 1022 * MIB, .fdt_end = RAM + 1022 * MIB + 0x2000,
		.initrd_base = start, .initrd_end = end,
	};
	struct rv_ram_plan p;
	rv_plan_ram(&f, &p);
	assert_int_not_equal(p.initrd_base, start);
	assert_not_free(&p, p.initrd_base, p.initrd_base + (end - start));
	struct boot_module m[2] = {
		{ .base = pa_init(start + 0x70), .size = 31 * MIB, .name = "Image" },
		{ .base = pa_init(start + 31 * MIB + 0x100), .size = 1 * MIB, .name = "initramfs.cpio" },
	};
	rv_move_modules(m, 2, start, end - start, p.initrd_base);
	assert_int_equal(pa_addr(m[0].base), p.initrd_base + 0x70);
	assert_int_equal(pa_addr(m[1].base), p.initrd_base + 31 * MIB + 0x100);
	assert_not_free(&p, pa_addr(m[1].base), pa_addr(m[1].base) + m[1].size);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_256m),
		cmocka_unit_test(test_qemu_64m),
		cmocka_unit_test(test_no_initrd_and_dtb_in_the_way),
		cmocka_unit_test(test_cpio_initrd_moves_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
