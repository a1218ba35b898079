/* The UEFI stage's multiboot hand-off: RAM from the EFI memory map, module and command
 * line, the 64-bit entry an image announces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <multiboot.h>
#include "efi_handoff.h"

#define BUF_PA 0x7f000000ull
static uint8_t buf[HANDOFF_BUFFER_SIZE];

static const void *at(uint32_t pa)
{
	assert_true(pa >= BUF_PA && pa < BUF_PA + HANDOFF_BUFFER_SIZE);
	return buf + (pa - BUF_PA);
}

/* Descriptors with a firmware-chosen stride larger than the structure. */
#define STRIDE 48
static size_t add(uint8_t *map, size_t n, uint32_t type, uint64_t start, uint64_t pages)
{
	struct efi_mem_desc d = { .type = type, .phys_start = start, .nr_pages = pages };
	memset(map + n * STRIDE, 0xee, STRIDE);
	memcpy(map + n * STRIDE, &d, sizeof(d));
	return n + 1;
}

static void test_memory_map(void **state)
{
	uint8_t map[16 * STRIDE];
	size_t n = 0;
	n = add(map, n, EFI_CONVENTIONAL, 0, 0x9f);
	n = add(map, n, 6 /* runtime services data */, 0x9f000, 1);
	n = add(map, n, EFI_CONVENTIONAL, 0x100000, 0x100);
	n = add(map, n, EFI_BS_DATA, 0x200000, 0x100);    /* adjacent: merged */
	n = add(map, n, EFI_LOADER_CODE, 0x300000, 0x10); /* adjacent: merged */
	n = add(map, n, 9 /* ACPI reclaim */, 0x310000, 0x10);
	n = add(map, n, EFI_CONVENTIONAL, 0x1000000, 0x1000);
	struct handoff_module mod = { 0x2000000, 0x4567, "guest.elf name=x -- a b" };
	uint32_t mbi_pa = handoff_build(buf, BUF_PA, map, n * STRIDE, STRIDE, "testvisor", &mod, 1);
	assert_int_not_equal(mbi_pa, 0);
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_pa), sizeof(mbi));
	assert_int_equal(mbi.flags & (MB_INFO_MMAP | MB_INFO_CMDLINE | MB_INFO_MODS),
			 MB_INFO_MMAP | MB_INFO_CMDLINE | MB_INFO_MODS);
	assert_int_equal(mbi.mmap_length, 3 * sizeof(struct mb_mmap_entry));
	struct mb_mmap_entry e[3];
	memcpy(e, at(mbi.mmap_addr), sizeof(e));
	assert_int_equal(e[0].addr, 0);
	assert_int_equal(e[0].len, 0x9f000);
	assert_int_equal(e[1].addr, 0x100000);
	assert_int_equal(e[1].len, 0x210000);
	assert_int_equal(e[2].addr, 0x1000000);
	assert_string_equal(at(mbi.cmdline), "testvisor");
	assert_int_equal(mbi.mods_count, 1);
	struct mb_module m;
	memcpy(&m, at(mbi.mods_addr), sizeof(m));
	assert_int_equal(m.mod_start, 0x2000000);
	assert_int_equal(m.mod_end, 0x2004567);
	assert_string_equal(at(m.string), "guest.elf name=x -- a b");
}

static void test_refusals(void **state)
{
	uint8_t map[2 * STRIDE];
	size_t n = add(map, 0, EFI_CONVENTIONAL, 0, 16);
	/* Buffer above 4 GiB, module above 4 GiB, descriptor stride too small. */
	assert_int_equal(handoff_build(buf, 1ull << 32, map, n * STRIDE, STRIDE, "t", NULL, 0), 0);
	struct handoff_module high = { 0xffffff000ull, 0x2000, "g" };
	assert_int_equal(handoff_build(buf, BUF_PA, map, n * STRIDE, STRIDE, "t", &high, 1), 0);
	assert_int_equal(handoff_build(buf, BUF_PA, map, n * STRIDE, 8, "t", NULL, 0), 0);
	/* Without modules: no MODS flag. */
	uint32_t mbi_pa = handoff_build(buf, BUF_PA, map, n * STRIDE, STRIDE, "t", NULL, 0);
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_pa), sizeof(mbi));
	assert_false(mbi.flags & MB_INFO_MODS);
}

static void test_entry64(void **state)
{
	uint8_t image[256] = { 0 };
	uint32_t hdr[4] = { 0x1BADB002u, 3, (uint32_t)-(0x1BADB002u + 3), 0x34367674u };
	uint64_t entry = 0x1000cf;
	memcpy(image + 64, hdr, sizeof(hdr));
	memcpy(image + 80, &entry, sizeof(entry));
	assert_int_equal(handoff_entry64(image, sizeof(image)), 0x1000cf);
	hdr[3] = 0; /* a plain multiboot image announces nothing */
	memcpy(image + 64, hdr, sizeof(hdr));
	assert_int_equal(handoff_entry64(image, sizeof(image)), 0);
	hdr[2] = 0; /* bad checksum: not a header */
	memcpy(image + 64, hdr, sizeof(hdr));
	assert_int_equal(handoff_entry64(image, sizeof(image)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_map),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_entry64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
