/* The multiboot hand-off testvisor builds for its guests: where its boot data goes
 * (beside the image, never under it) and the memory map that reports it as reserved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <multiboot.h>
#include <x86/guest_boot.h>

static uint8_t buf[GUEST_BOOT_DATA_SIZE];
static uint32_t base;

static const void *at(uint32_t gpa)
{
	assert_true(gpa >= base && gpa < base + GUEST_BOOT_DATA_SIZE);
	return buf + (gpa - base);
}

static struct mb_info build(uint64_t ram, uint32_t gpa, const char *name, const char *args)
{
	base = gpa;
	uint32_t mbi_gpa = guest_boot_build(buf, gpa, ram, true, name, args);
	assert_int_not_equal(mbi_gpa, 0);
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_gpa), sizeof(mbi));
	return mbi;
}

static void entry_is(const struct mb_info *mbi, unsigned i, uint64_t addr, uint64_t len, uint32_t type)
{
	struct mb_mmap_entry e;
	assert_true((i + 1) * sizeof(e) <= mbi->mmap_length);
	memcpy(&e, at(mbi->mmap_addr + i * sizeof(e)), sizeof(e));
	assert_int_equal(e.size, 20); /* "size" excludes itself */
	assert_int_equal(e.addr, addr);
	assert_int_equal(e.len, len);
	assert_int_equal(e.type, type);
}

/* An image at 1 MiB: the boot data at 0x8000, cut out of conventional memory. */
static void test_layout(void **state)
{
	uint32_t gpa = guest_boot_place(16 << 20, 0x100000, 0x300000);
	assert_int_equal(gpa, 0x8000);
	struct mb_info mbi = build(16 << 20, gpa, "selftest", "one \"two words\" n=3");
	assert_true(mbi.flags & MB_INFO_CMDLINE);
	assert_true(mbi.flags & MB_INFO_MMAP);
	assert_true(mbi.flags & MB_INFO_MEMORY);
	assert_string_equal(at(mbi.cmdline), "selftest one \"two words\" n=3");
	assert_int_equal(mbi.mem_lower, GUEST_LOW_RAM_END / 1024);
	assert_int_equal(mbi.mem_upper, 15 * 1024);
	assert_int_equal(mbi.mmap_length, 4 * sizeof(struct mb_mmap_entry));
	entry_is(&mbi, 0, 0, 0x8000, MB_MMAP_RAM);
	entry_is(&mbi, 1, 0x8000, GUEST_BOOT_DATA_SIZE, MB_MMAP_RESERVED);
	entry_is(&mbi, 2, 0x8000 + GUEST_BOOT_DATA_SIZE, GUEST_LOW_RAM_END - (0x8000 + GUEST_BOOT_DATA_SIZE), MB_MMAP_RAM);
	entry_is(&mbi, 3, GUEST_HIGH_RAM_BASE, (16 << 20) - GUEST_HIGH_RAM_BASE, MB_MMAP_RAM);
}

/* An image with a segment in conventional memory (0x8100) and the rest at 1 MiB: its
 * span covers all of low RAM's room, so the boot data goes right after it. */
static void test_image_in_low_memory(void **state)
{
	uint32_t gpa = guest_boot_place(16 << 20, 0x8100, 0x222000);
	assert_int_equal(gpa, 0x222000);
	struct mb_info mbi = build(16 << 20, gpa, "boot_data", "");
	assert_int_equal(mbi.mmap_length, 4 * sizeof(struct mb_mmap_entry));
	entry_is(&mbi, 0, 0, GUEST_LOW_RAM_END, MB_MMAP_RAM);
	entry_is(&mbi, 1, GUEST_HIGH_RAM_BASE, 0x222000 - GUEST_HIGH_RAM_BASE, MB_MMAP_RAM);
	entry_is(&mbi, 2, 0x222000, GUEST_BOOT_DATA_SIZE, MB_MMAP_RESERVED);
	entry_is(&mbi, 3, 0x222000 + GUEST_BOOT_DATA_SIZE, (16 << 20) - (0x222000 + GUEST_BOOT_DATA_SIZE), MB_MMAP_RAM);
	/* An image only in low memory leaves room after it there; an unaligned end rounds up. */
	assert_int_equal(guest_boot_place(16 << 20, 0x8000, 0x9001), 0xa000);
	assert_int_equal(guest_boot_place(16 << 20, 0x9000, 0x20000), 0x20000);
	/* Below the floor the image is not in the way. */
	assert_int_equal(guest_boot_place(16 << 20, 0x1000, 0x8000), 0x8000);
}

static void test_no_room(void **state)
{
	/* A guest whose image fills its RAM from 0x8000 to the end. */
	assert_int_equal(guest_boot_place(4 << 20, 0x8000, 4 << 20), 0);
	assert_int_equal(guest_boot_place(4 << 20, 0x8000, (4 << 20) - GUEST_BOOT_DATA_SIZE + 1), 0);
	assert_int_equal(guest_boot_place(4 << 20, 0x8000, (4 << 20) - GUEST_BOOT_DATA_SIZE),
			 (4 << 20) - GUEST_BOOT_DATA_SIZE);
}

static void test_empty_args_and_overflow(void **state)
{
	struct mb_info mbi = build(4 << 20, 0x8000, "g", "");
	assert_string_equal(at(mbi.cmdline), "g ");
	static char huge[GUEST_BOOT_DATA_SIZE];
	memset(huge, 'x', sizeof(huge) - 1);
	assert_int_equal(guest_boot_build(buf, 0x8000, 4 << 20, true, "g", huge), 0);
}

/* A guest smaller than 1 MiB: no memory above 1 MiB, nothing wraps around. */
static void test_tiny_guest(void **state)
{
	uint32_t gpa = guest_boot_place(512 * 1024, 0x10000, 0x20000);
	assert_int_equal(gpa, 0x8000);
	struct mb_info mbi = build(512 * 1024, gpa, "t", "");
	assert_int_equal(mbi.mem_upper, 0);
	assert_int_equal(mbi.mem_lower, 512);
	assert_int_equal(mbi.mmap_length, 3 * sizeof(struct mb_mmap_entry));
	entry_is(&mbi, 2, 0x8000 + GUEST_BOOT_DATA_SIZE, 512 * 1024 - (0x8000 + GUEST_BOOT_DATA_SIZE), MB_MMAP_RAM);
	/* Nothing above a tiny guest's image: no place at all. */
	assert_int_equal(guest_boot_place(512 * 1024, 0x8000, 512 * 1024), 0);
}

/* mb_boot_data=available: the memory map lists the RAM whole, as QEMU's does. */
static void test_boot_data_listed_as_ram(void **state)
{
	base = 0x8000;
	uint32_t mbi_gpa = guest_boot_build(buf, 0x8000, 16 << 20, false, "q", "");
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_gpa), sizeof(mbi));
	assert_int_equal(mbi.mmap_length, 2 * sizeof(struct mb_mmap_entry));
	entry_is(&mbi, 0, 0, GUEST_LOW_RAM_END, MB_MMAP_RAM);
	entry_is(&mbi, 1, GUEST_HIGH_RAM_BASE, (16 << 20) - GUEST_HIGH_RAM_BASE, MB_MMAP_RAM);
}

/* SEV-SNP: the secrets page, the boot data's last page, named as module "snp-secrets"
 * (a multiboot module: start, end, string, reserved); the command line stops before it. */
static void test_secrets_module(void **state)
{
	struct mb_info mbi = build(16 << 20, 0x8000, "s", "a=1");
	guest_boot_add_secrets(buf, 0x8000);
	memcpy(&mbi, at(0x8000), sizeof(mbi));
	assert_true(mbi.flags & (1u << 3));
	assert_int_equal(mbi.mods_count, 1);
	uint32_t mod[4];
	memcpy(mod, at(mbi.mods_addr), sizeof(mod));
	assert_int_equal(mod[0], 0x8000 + GUEST_BOOT_SECRETS_OFFSET);
	assert_int_equal(mod[1], 0x8000 + GUEST_BOOT_SECRETS_OFFSET + 0x1000);
	assert_string_equal(at(mod[2]), "snp-secrets");
	assert_string_equal(at(mbi.cmdline), "s a=1");
	static char long_args[GUEST_BOOT_SECRETS_OFFSET];
	memset(long_args, 'x', sizeof(long_args) - 1);
	assert_int_equal(guest_boot_build(buf, 0x8000, 16 << 20, true, "g", long_args), 0);
}

/* An SEV guest's first page tables: PML4[0] -> PDPT[0] -> PD of 2 MiB pages over the first
 * GiB, the C-bit in every entry and in CR3 (APM vol. 2 §15.34: the C-bit of CR3 and of each
 * entry says whether the next table or the page is private). */
static void test_sev_page_tables(void **state)
{
	const uint64_t c = 1ull << 39;
	memset(buf, 0, sizeof(buf));
	base = 0x8000;
	uint64_t cr3 = guest_boot_page_tables(buf, 0x8000, c);
	assert_int_equal(cr3, (0x8000 + GUEST_BOOT_TABLES_OFFSET) | c);
	uint64_t e;
	memcpy(&e, at(0x8000 + GUEST_BOOT_TABLES_OFFSET), 8);
	assert_int_equal(e, (0x8000 + GUEST_BOOT_TABLES_OFFSET + 0x1000) | 3 | c);
	memcpy(&e, at(0x8000 + GUEST_BOOT_TABLES_OFFSET + 0x1000), 8);
	assert_int_equal(e, (0x8000 + GUEST_BOOT_TABLES_OFFSET + 0x2000) | 3 | c);
	memcpy(&e, at(0x8000 + GUEST_BOOT_TABLES_OFFSET + 0x2000 + 8 * 3), 8);
	assert_int_equal(e, (3ull << 21) | 0x83 | c);
	assert_true(GUEST_BOOT_TABLES_OFFSET + 0x3000 <= GUEST_BOOT_DATA_SIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_image_in_low_memory),
		cmocka_unit_test(test_no_room),
		cmocka_unit_test(test_empty_args_and_overflow),
		cmocka_unit_test(test_tiny_guest),
		cmocka_unit_test(test_boot_data_listed_as_ram),
		cmocka_unit_test(test_secrets_module),
		cmocka_unit_test(test_sev_page_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
