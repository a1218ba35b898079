/* x86 bzImages: header parsing and refusals, placement of the protected-mode part (through
 * image_load, as testvisor loads a guest), QEMU's initrd address and the zero page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/bzimage.h>
#include <hv/loader.h>

#define RAM_SIZE (4u << 20)
#define MiB (1ull << 20)
static uint8_t ram[RAM_SIZE];
static uint8_t img[0x4000];

static bool ram_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	if (addr > RAM_SIZE || len > RAM_SIZE - addr)
		return false;
	if (src)
		memcpy(ram + addr, src, len);
	else
		memset(ram + addr, 0, len);
	return true;
}

static struct elf_target x86(void)
{
	return (struct elf_target){ .elf_class = 1, .elf_data = 1, .machine = 3, .ram_base = 0,
				    .ram_size = RAM_SIZE, .linux_image = LINUX_IMAGE_X86_BZIMAGE,
				    .write = ram_write };
}

static void put(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A bzImage of `sects` setup sectors (0: the default 4) and a protected-mode part of
 * `prot` bytes filled with 0xc3, protocol 2.15; returns its size. */
static size_t bzimage(unsigned sects, size_t prot)
{
	memset(img, 0, sizeof(img));
	size_t setup = ((sects ? sects : 4) + 1) * 512;
	img[0x1f1] = (uint8_t)sects;
	put(img + 0x1f4, prot / 16, 4);   /* syssize */
	put(img + 0x1fe, 0xaa55, 2);
	img[0x200] = 0xeb;
	img[0x201] = 0x6a;                /* header to 0x26c */
	memcpy(img + 0x202, "HdrS", 4);
	put(img + 0x206, 0x020f, 2);
	img[0x211] = 0x01;                /* LOADED_HIGH */
	put(img + 0x214, BZ_PROT_ADDR + 0x10, 4);
	put(img + 0x22c, 0x7fffffff, 4);
	put(img + 0x238, 16, 4);          /* cmdline_size */
	put(img + 0x258, BZ_PROT_ADDR, 8);
	put(img + 0x260, 0x3000, 4);      /* init_size */
	img[0x270] = 0x77;                /* past the header: never copied */
	memset(img + setup, 0xc3, prot);
	return setup + prot;
}

static int load(size_t n, struct elf_loaded *out, char *err, size_t errlen)
{
	struct elf_target t = x86();
	memset(ram, 0xff, sizeof(ram));
	return image_load(img, n, &t, out, err, errlen);
}

static void test_loads_protected_part_at_1mib(void **state)
{
	struct elf_loaded out;
	char err[200] = "";
	size_t n = bzimage(3, 0x800);
	assert_int_equal(load(n, &out, err, sizeof(err)), 0);
	assert_string_equal(out.format, BZIMAGE_FORMAT);
	assert_int_equal(out.entry, BZ_PROT_ADDR + 0x10);
	assert_int_equal(out.lowest, BZ_PROT_ADDR);
	assert_int_equal(out.highest, BZ_PROT_ADDR + 0x3000); /* init_size beyond the file */
	assert_int_equal(ram[BZ_PROT_ADDR], 0xc3);
	assert_int_equal(ram[BZ_PROT_ADDR + 0x7ff], 0xc3);
	assert_int_equal(ram[BZ_PROT_ADDR + 0x800], 0);       /* up to init_size: zeroed */
	assert_int_equal(ram[BZ_PROT_ADDR + 0x3000], 0xff);
	assert_int_equal(ram[BZ_PROT_ADDR - 1], 0xff);        /* the setup part stays out */
	assert_int_equal(ram[BZ_REAL_ADDR], 0xff);
}

static void test_setup_sects_zero_means_four(void **state)
{
	struct bzimage_info bz;
	char err[200];
	size_t n = bzimage(0, 0x400);
	assert_int_equal(bzimage_parse(img, n, &bz, err, sizeof(err)), 0);
	assert_int_equal(bz.setup_size, 5 * 512);
	assert_int_equal(bz.prot_size, 0x400);
	assert_int_equal(bz.protocol, 0x020f);
	assert_int_equal(bz.header_end, 0x26c);
	assert_int_equal(bz.cmdline_size, 16);
	assert_int_equal(bz.init_size, 0x3000);
	assert_int_equal(bz.pref_address, BZ_PROT_ADDR);
	assert_int_equal(bzimage_footprint(&bz), 0x3000);
}

/* Each broken image is refused with a reason naming `what`, and nothing is written. */
static void refused(size_t n, const char *what)
{
	struct elf_loaded out;
	char err[200] = "";
	assert_int_not_equal(load(n, &out, err, sizeof(err)), 0);
	if (!strstr(err, what))
		fail_msg("reason '%s' does not name '%s'", err, what);
	for (size_t i = 0; i < RAM_SIZE; i++)
		if (ram[i] != 0xff)
			fail_msg("byte %#zx written by a refused image (%s)", i, err);
}

static void test_refusals(void **state)
{
	size_t n = bzimage(3, 0x800);
	refused(0x280, "truncated");                /* inside the header */
	refused(0x800, "truncated");                /* the setup part alone */
	refused(n - 0x10, "truncated");             /* syssize beyond the file */
	bzimage(3, 0x800);
	put(img + 0x206, 0x0205, 2);
	refused(n, "2.05 is older than 2.06");
	bzimage(3, 0x800);
	img[0x211] = 0;
	refused(n, "zImage");
	bzimage(3, 0x800);
	put(img + 0x214, BZ_PROT_ADDR + 0x800, 4);
	refused(n, "code32_start");
	bzimage(3, 0x800);
	img[0x201] = 0x90;                          /* header past boot_params' room */
	refused(n, "header end");
	bzimage(3, 0x800);
	img[0x201] = 0x30;                          /* protocol 2.15 without init_size */
	refused(n, "before init_size");
	bzimage(3, 0x800);
	put(img + 0x1fe, 0, 2);
	refused(n, "boot_flag");
	bzimage(3, 0x800);
	put(img + 0x260, RAM_SIZE, 4);              /* init_size beyond guest RAM */
	refused(n, "outside guest RAM");
}

static void test_initrd_address_as_qemu(void **state)
{
	struct bzimage_info bz;
	char err[200];
	assert_int_equal(bzimage_parse(img, bzimage(3, 0x800), &bz, err, sizeof(err)), 0);
	/* 128 MiB: initrd_max = 0x8000000 - 0x28000 - 1, less the size, page aligned down. */
	assert_int_equal(bzimage_initrd_addr(&bz, 128 * MiB, 0x1234), 0x7fd6000);
	assert_int_equal(bzimage_initrd_addr(&bz, 16 * MiB, 6600), 0xfd6000);
	assert_int_equal(bzimage_initrd_addr(&bz, 16 * MiB, 0xfd7fff), 0);   /* too large */
	bz.initrd_addr_max = 0x3fffff;                                       /* the kernel's limit */
	assert_int_equal(bzimage_initrd_addr(&bz, 128 * MiB, 0x1000), 0x3fe000);
	bz.xloadflags = 0x02;                  /* XLF_CAN_BE_LOADED_ABOVE_4G: RAM is the limit */
	assert_int_equal(bzimage_initrd_addr(&bz, 128 * MiB, 0x1000), 0x7fd6000);
	bz.protocol = 0x020b;                  /* the flag counts from 2.12 on */
	assert_int_equal(bzimage_initrd_addr(&bz, 128 * MiB, 0x1000), 0x3fe000);
}

static void test_zero_page(void **state)
{
	struct bzimage_info bz;
	char err[200] = "";
	static uint8_t zp[BZ_ZERO_PAGE_SIZE];
	assert_int_equal(bzimage_parse(img, bzimage(3, 0x800), &bz, err, sizeof(err)), 0);
	const struct bz_e820 map[] = { { 0, 0x9f000, 1 }, { 0x8000, 0x6000, 2 }, { MiB, 15 * MiB, 1 } };
	struct bzimage_boot b = { "console=ttyS0", 0xfd6000, 6600, map, 3 };
	memset(zp, 0xee, sizeof(zp));
	assert_int_equal(bzimage_boot_params(zp, img, &bz, &b, err, sizeof(err)), 0);
	assert_memory_equal(zp + 0x202, "HdrS", 4);
	assert_int_equal(zp[0x1f1], 3);
	assert_int_equal(zp[0x200], 0xeb);
	assert_int_equal(zp[0x1f0], 0);               /* zeroed before the header ... */
	assert_int_equal(zp[0x26c], 0);               /* ... and after it: */
	assert_int_equal(zp[0x270], 0);               /* the image's bytes there stay out */
	assert_int_equal(zp[0x210], BZ_LOADER_TYPE_QEMU);
	assert_int_equal(get32(zp + 0x228), BZ_CMDLINE_ADDR);
	assert_int_equal(get32(zp + 0x218), 0xfd6000);
	assert_int_equal(get32(zp + 0x21c), 6600);
	assert_int_equal(zp[0x1e8], 3);
	assert_int_equal(get32(zp + 0x2d0 + 20 * 2), (uint32_t)MiB);   /* addr */
	assert_int_equal(get32(zp + 0x2d0 + 20 * 2 + 8), 15 * MiB);    /* size */
	assert_int_equal(get32(zp + 0x2d0 + 20 * 1 + 16), 2);          /* type */
	assert_int_equal(zp[0x2d0 + 20 * 3], 0);
	assert_int_equal(zp[BZ_ZERO_PAGE_SIZE - 1], 0);

	b.cmdline = "0123456789abcdefX";                               /* 17 > cmdline_size */
	assert_int_not_equal(bzimage_boot_params(zp, img, &bz, &b, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "cmdline_size 16"));
	b.cmdline = "";
	b.nr_e820 = BZ_E820_MAX + 1;
	assert_int_not_equal(bzimage_boot_params(zp, img, &bz, &b, err, sizeof(err)), 0);
}

static void test_gdt(void **state)
{
	uint8_t gdt[BZ_GDT_SIZE];
	bzimage_gdt(gdt);
	static const uint8_t code[8] = { 0xff, 0xff, 0, 0, 0, 0x9a, 0xcf, 0 };
	static const uint8_t data[8] = { 0xff, 0xff, 0, 0, 0, 0x92, 0xcf, 0 };
	static const uint8_t null[8];
	assert_memory_equal(gdt, null, 8);
	assert_memory_equal(gdt + 0x10, code, 8);
	assert_memory_equal(gdt + 0x18, data, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_protected_part_at_1mib),
		cmocka_unit_test(test_setup_sects_zero_means_four),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_initrd_address_as_qemu),
		cmocka_unit_test(test_zero_page),
		cmocka_unit_test(test_gdt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
