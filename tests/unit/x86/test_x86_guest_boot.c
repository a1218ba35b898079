/* The multiboot hand-off testvisor builds for its guests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/guest_boot.h>
#include <multiboot.h>

static uint8_t buf[GUEST_BOOT_DATA_SIZE];

static const void *at(uint32_t gpa)
{
	assert_true(gpa >= GUEST_BOOT_DATA_GPA && gpa < GUEST_BOOT_DATA_GPA + GUEST_BOOT_DATA_SIZE);
	return buf + (gpa - GUEST_BOOT_DATA_GPA);
}

static void test_layout(void **state)
{
	uint32_t mbi_gpa = guest_boot_build(buf, 16 << 20, "selftest", "one \"two words\" n=3");
	assert_int_not_equal(mbi_gpa, 0);
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_gpa), sizeof(mbi));
	assert_true(mbi.flags & MB_INFO_CMDLINE);
	assert_true(mbi.flags & MB_INFO_MMAP);
	assert_true(mbi.flags & MB_INFO_MEMORY);
	assert_string_equal(at(mbi.cmdline), "selftest one \"two words\" n=3");
	assert_int_equal(mbi.mem_upper, 15 * 1024);
	assert_int_equal(mbi.mmap_length, 2 * sizeof(struct mb_mmap_entry));
	struct mb_mmap_entry e[2];
	memcpy(e, at(mbi.mmap_addr), sizeof(e));
	assert_int_equal(e[0].addr, 0);
	assert_int_equal(e[0].len, GUEST_LOW_RAM_END);
	assert_int_equal(e[1].addr, GUEST_HIGH_RAM_BASE);
	assert_int_equal(e[1].addr + e[1].len, 16 << 20);
	assert_int_equal(e[1].type, MB_MMAP_RAM);
	assert_int_equal(e[0].size, 20); /* "size" excludes itself */
}

static void test_empty_args_and_overflow(void **state)
{
	uint32_t mbi_gpa = guest_boot_build(buf, 4 << 20, "g", "");
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_gpa), sizeof(mbi));
	assert_string_equal(at(mbi.cmdline), "g ");
	static char huge[GUEST_BOOT_DATA_SIZE];
	memset(huge, 'x', sizeof(huge) - 1);
	assert_int_equal(guest_boot_build(buf, 4 << 20, "g", huge), 0);
}

/* A guest smaller than 1 MiB: no memory above 1 MiB, nothing wraps around. */
static void test_tiny_guest(void **state)
{
	uint32_t mbi_gpa = guest_boot_build(buf, 512 * 1024, "t", "");
	struct mb_info mbi;
	memcpy(&mbi, at(mbi_gpa), sizeof(mbi));
	assert_int_equal(mbi.mem_upper, 0);
	assert_int_equal(mbi.mem_lower, 512);
	assert_int_equal(mbi.mmap_length, sizeof(struct mb_mmap_entry));
	struct mb_mmap_entry e;
	memcpy(&e, at(mbi.mmap_addr), sizeof(e));
	assert_int_equal(e.len, 512 * 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_empty_args_and_overflow),
		cmocka_unit_test(test_tiny_guest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
