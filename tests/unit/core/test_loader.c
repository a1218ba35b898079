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
	assert_int_not_equal(image_load(img, n, &t, &out, err, sizeof(err)), 0);
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

/* QEMU -kernel conventions for a machine with RAM at RAM_BASE (the arm64 virt's rule scaled
 * to the test's RAM: kernel address RAM base + 0x8000). */
#define KERNEL_ADDR (RAM_BASE + 0x8000)
static struct elf_target machine(enum linux_image_kind kind)
{
	struct elf_target t = target(2, 1, 183);
	t.reserved_base = RAM_BASE;
	t.reserved_size = 0x1000;
	t.linux_image = kind;
	t.kernel_addr = KERNEL_ADDR;
	return t;
}

/* A PIE linked at 0 loads at the kernel address, its entry moved with it. */
static void test_pie_at_kernel_address(void **state)
{
	uint8_t img[512];
	size_t n = elf_image_build(img, true, false, 183, 0, 0x10, 64, 16);
	elf_image_put(img + 16, 3, 2, false); /* ET_DYN */
	struct elf_target t = machine(LINUX_IMAGE_ARM64);
	struct elf_loaded out;
	char err[160] = "";
	memset(ram, 0xff, sizeof(ram));
	if (image_load(img, n, &t, &out, err, sizeof(err)))
		fail_msg("PIE refused: %s", err);
	assert_int_equal(out.entry, KERNEL_ADDR + 0x10);
	assert_int_equal(ram[0x8000], 0x5a);
	assert_int_equal(ram[0x8000 + 64], 0);
	assert_string_equal(out.format, "ELF PIE");
	/* A static ELF linked at 0 is still refused: it asked for that address. */
	elf_image_put(img + 16, 2, 2, false); /* ET_EXEC */
	assert_int_not_equal(image_load(img, n, &t, &out, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "outside guest RAM"));
}

/* A Linux Image header: the 64-byte header of Documentation/arch/{arm64,riscv}/booting. */
static size_t linux_image(uint8_t *img, enum linux_image_kind kind, uint64_t text_offset,
			  uint64_t image_size, uint64_t flags, size_t size)
{
	memset(img, 0x5a, size);
	elf_image_put(img + 8, text_offset, 8, false);
	elf_image_put(img + 16, image_size, 8, false);
	elf_image_put(img + 24, flags, 8, false);
	memcpy(img + 0x38, kind == LINUX_IMAGE_ARM64 ? "ARM\x64" : "RSC\x05", 4);
	return size;
}

static void test_arm64_image(void **state)
{
	uint8_t img[256];
	struct elf_target t = machine(LINUX_IMAGE_ARM64);
	struct elf_loaded out;
	char err[160] = "";
	/* text_offset honoured (hw/arm/boot.c: load_aarch64_image). */
	size_t n = linux_image(img, LINUX_IMAGE_ARM64, 0x4000, 0x200, 0, sizeof(img));
	memset(ram, 0xff, sizeof(ram));
	if (image_load(img, n, &t, &out, err, sizeof(err)))
		fail_msg("arm64 Image refused: %s", err);
	assert_int_equal(out.entry, RAM_BASE + 0x4000);
	assert_int_equal(ram[0x4000 + 0x40], 0x5a);
	assert_int_equal(ram[0x4000 + 0x100], 0);  /* up to image_size: zeroed */
	assert_int_equal(out.highest, RAM_BASE + 0x4200);
	assert_string_equal(out.format, "arm64 Image");
	/* image_size 0 (kernels before 3.17): text_offset is not valid, the default address. */
	n = linux_image(img, LINUX_IMAGE_ARM64, 0x4000, 0, 0, sizeof(img));
	assert_int_equal(image_load(img, n, &t, &out, err, sizeof(err)), 0);
	assert_int_equal(out.entry, KERNEL_ADDR);
	/* Malformed: big-endian, truncated header, a footprint past RAM. */
	n = linux_image(img, LINUX_IMAGE_ARM64, 0x4000, 0x200, 1, sizeof(img));
	expect_refused(img, n, t, "big-endian");
	n = linux_image(img, LINUX_IMAGE_ARM64, 0x4000, 0x200, 0, sizeof(img));
	expect_refused(img, 0x3c, t, "truncated");
	n = linux_image(img, LINUX_IMAGE_ARM64, 0x4000, 0x100000, 0, sizeof(img));
	expect_refused(img, n, t, "outside guest RAM");
	/* A riscv64 Image is no arm64 kernel: its header is not taken, it would run raw. */
	n = linux_image(img, LINUX_IMAGE_RISCV, 0x4000, 0x200, 0, sizeof(img));
	assert_int_equal(image_load(img, n, &t, &out, err, sizeof(err)), 0);
	assert_string_equal(out.format, "raw");
}

static void test_riscv_image(void **state)
{
	uint8_t img[256];
	struct elf_target t = machine(LINUX_IMAGE_RISCV);
	struct elf_loaded out;
	char err[160] = "";
	/* hw/riscv/boot.c: riscv_load_kernel loads it raw at the kernel start address. */
	size_t n = linux_image(img, LINUX_IMAGE_RISCV, 0x200000, 0x300, 0, sizeof(img));
	memset(ram, 0xff, sizeof(ram));
	if (image_load(img, n, &t, &out, err, sizeof(err)))
		fail_msg("riscv64 Image refused: %s", err);
	assert_int_equal(out.entry, KERNEL_ADDR);
	assert_int_equal(out.highest, KERNEL_ADDR + 0x300);
	assert_string_equal(out.format, "riscv64 Image");
	n = linux_image(img, LINUX_IMAGE_RISCV, 0x200000, 0x300, 1, sizeof(img));
	expect_refused(img, n, t, "big-endian");
	expect_refused(img, 0x3c, t, "truncated");
}

static void test_raw_image(void **state)
{
	uint8_t img[64];
	memset(img, 0xa5, sizeof(img));
	struct elf_target t = machine(LINUX_IMAGE_ARM64);
	struct elf_loaded out;
	char err[160] = "";
	memset(ram, 0xff, sizeof(ram));
	if (image_load(img, sizeof(img), &t, &out, err, sizeof(err)))
		fail_msg("raw image refused: %s", err);
	assert_int_equal(out.entry, KERNEL_ADDR);
	assert_int_equal(ram[0x8000], 0xa5);
	assert_string_equal(out.format, "raw");
	/* A machine whose -kernel takes no raw image (x86 multiboot, ...): refused. */
	t.kernel_addr = 0;
	expect_refused(img, sizeof(img), t, "not an ELF image");
	/* Too big for the RAM past the kernel address. */
	t.kernel_addr = RAM_BASE + RAM_SIZE - 32;
	expect_refused(img, sizeof(img), t, "outside guest RAM");
}

/* Found by the fuzz target `loader` (tests/fuzz/loader.c) with an empty image on arm64:
 * it was taken as a raw image of 0 bytes, entry point at the kernel address but outside
 * the loaded range [lowest, highest), and nothing written. */
static void test_empty_image_refused(void **state)
{
	uint8_t img[1] = { 0 };
	struct elf_target t = machine(LINUX_IMAGE_ARM64);
	expect_refused(img, 0, t, "empty");
	t.linux_image = LINUX_IMAGE_RISCV;
	expect_refused(img, 0, t, "empty");
	t.kernel_addr = 0;
	expect_refused(img, 0, t, "empty");
}

/* -initrd placement as QEMU does it (seen on QEMU 10.0: arm64 virt with 128 MiB put an
 * initrd at RAM base + 64 MiB = 0x44000000; riscv64 virt with 64 MiB and a kernel entered
 * at 0x80200000 at 0x82200000). */
static void test_initrd_placement(void **state)
{
	struct elf_target t = { .ram_base = 0x40000000, .ram_size = 128 << 20,
				.reserved_base = 0x40000000, .reserved_size = 0x10000 };
	assert_int_equal(initrd_placement(t.ram_base, 128ull << 20, &t, 0x40300000, 4096), 0x44000000);
	t.ram_size = 1ull << 30; /* half of RAM is more than the cap */
	assert_int_equal(initrd_placement(t.ram_base, 128ull << 20, &t, 0x40300000, 4096), 0x48000000);
	/* A kernel reaching past the spot: the initrd goes after it, page aligned. */
	assert_int_equal(initrd_placement(t.ram_base, 128ull << 20, &t, 0x48000123, 4096), 0x48001000);
	/* Does not fit in RAM: refused. */
	assert_int_equal(initrd_placement(t.ram_base, 128ull << 20, &t, 0x40300000, 1ull << 30), 0);
	struct elf_target rv = { .ram_base = 0x80000000, .ram_size = 64 << 20,
				 .reserved_base = 0x80000000, .reserved_size = 0x10000 };
	assert_int_equal(initrd_placement(0x80200000, 512ull << 20, &rv, 0x80210000, 100000), 0x82200000);
	/* Over testvisor's boot data: refused. */
	rv.reserved_base = 0x82200000;
	assert_int_equal(initrd_placement(0x80200000, 512ull << 20, &rv, 0x80210000, 100000), 0);
}

/* QEMU's DTB places (hw/arm/boot.c: after the initrd, or where it would start, aligned up
 * to 2 MiB for AArch64 Linux kernels; hw/riscv/boot.c riscv_compute_fdt_addr for RV64: as
 * high as possible below RAM's end, aligned down to 2 MiB). */
/* s390x -initrd (hw/s390x/ipl.c): 8 MiB, 1 MiB higher while the kernel's size + 1 MiB
 * lies beyond it. */
static void test_initrd_placement_stepped(void **state)
{
	struct elf_target t = { .ram_base = 0, .ram_size = 32 << 20 };
	assert_int_equal(initrd_placement_stepped(8 << 20, 1 << 20, 0x20000, &t, 0x1000), 8 << 20);
	assert_int_equal(initrd_placement_stepped(8 << 20, 1 << 20, 7 << 20, &t, 0x1000), 8 << 20);
	assert_int_equal(initrd_placement_stepped(8 << 20, 1 << 20, (7 << 20) + 1, &t, 0x1000), 9 << 20);
	assert_int_equal(initrd_placement_stepped(8 << 20, 1 << 20, 0x20000, &t, 24 << 20), 8 << 20);
	assert_int_equal(initrd_placement_stepped(8 << 20, 1 << 20, 0x20000, &t, (24 << 20) + 1), 0);
}

static void test_dtb_placement(void **state)
{
	struct elf_target t = { .ram_base = 0x40000000, .ram_size = 16 << 20 };
	assert_int_equal(dtb_placement_after(0x40800000, 2 << 20, &t, 0x10000), 0x40800000);
	assert_int_equal(dtb_placement_after(0x40800001, 2 << 20, &t, 0x10000), 0x40a00000);
	assert_int_equal(dtb_placement_after(0x40f00000, 2 << 20, &t, 0x10000), 0); /* past RAM */
	assert_int_equal(dtb_placement_top(0x80000000, 32 << 20, 0x10000), 0x81e00000);
	assert_int_equal(dtb_placement_top(0x80000000, 4ull << 30, 0x10000), 0x17fe00000ull);
	assert_int_equal(dtb_placement_top(0x100000000ull, 64 << 20, 0x10000), 0x103e00000ull);
}

/* s390x (hw/s390x/ipl.c s390_ipl_realize): a non-ELF image is loaded at absolute 0;
 * "S390EP" at 0x10008 makes it a Linux kernel entered at 0x10000, anything else starts at
 * the address of its short IPL PSW (bytes 4-7, the addressing-mode bit dropped). */
#define S390_RAM_SIZE 0x12000
static uint8_t s390_ram[S390_RAM_SIZE];
static bool s390_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	if (addr + len > S390_RAM_SIZE)
		return false;
	if (src)
		memcpy(s390_ram + addr, src, len);
	else
		memset(s390_ram + addr, 0, len);
	return true;
}

static void test_s390_raw_image(void **state)
{
	static uint8_t img[0x10100];
	struct elf_target t = { .elf_class = 2, .elf_data = 2, .machine = 22, .ram_base = 0,
				.ram_size = S390_RAM_SIZE, .linux_image = LINUX_IMAGE_S390,
				.write = s390_write };
	struct elf_loaded out;
	char err[160] = "";
	memset(img, 0x07, sizeof(img));
	static const uint8_t ipl_psw[8] = { 0x00, 0x08, 0x00, 0x00, 0x80, 0x01, 0x23, 0x40 };
	memcpy(img, ipl_psw, sizeof(ipl_psw));
	memset(s390_ram, 0xff, sizeof(s390_ram));
	if (image_load(img, sizeof(img), &t, &out, err, sizeof(err)))
		fail_msg("s390x raw image refused: %s", err);
	assert_int_equal(out.entry, 0x12340);
	assert_int_equal(out.lowest, 0);
	assert_int_equal(s390_ram[0x10050], 0x07);
	assert_memory_equal(s390_ram, ipl_psw, sizeof(ipl_psw));
	memcpy(img + 0x10008, "S390EP", 6);
	if (image_load(img, sizeof(img), &t, &out, err, sizeof(err)))
		fail_msg("s390x Linux image refused: %s", err);
	assert_int_equal(out.entry, 0x10000);
	assert_string_equal(out.format, "s390x Linux image");
	expect_refused(img, 6, t, "no IPL PSW");
	t.ram_size = 0x10000; /* the image is 0x10100 bytes */
	expect_refused(img, sizeof(img), t, "outside guest RAM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dtb_placement),
		cmocka_unit_test(test_loads_elf64_le),
		cmocka_unit_test(test_loads_elf32_and_big_endian),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_pie_at_kernel_address),
		cmocka_unit_test(test_arm64_image),
		cmocka_unit_test(test_riscv_image),
		cmocka_unit_test(test_raw_image),
		cmocka_unit_test(test_s390_raw_image),
		cmocka_unit_test(test_empty_image_refused),
		cmocka_unit_test(test_initrd_placement),
		cmocka_unit_test(test_initrd_placement_stepped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
