/* Module strings as QEMU's multiboot loader writes them (the image path, then the
 * arguments: hw/i386/multiboot.c) and as GRUB 2 writes them (the arguments only:
 * grub-core/loader/multiboot.c, grub_cmd_module passes argv + 1). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <multiboot.h>
#include "mb_strings.h"

static void test_module_path_first(void **state)
{
	assert_string_equal(mb_module_spec("build/x86_64/payloads/selftest.elf name=selftest -- one n=3"),
			    "name=selftest -- one n=3");
	assert_string_equal(mb_module_spec("selftest.elf name=selftest"), "name=selftest");
	assert_string_equal(mb_module_spec("/boot/a=b.elf mem=16M"), "mem=16M");
	assert_string_equal(mb_module_spec("guest.elf -- args"), "-- args");
	assert_string_equal(mb_module_spec("guest.elf"), "");
}

static void test_module_arguments_only(void **state)
{
	assert_string_equal(mb_module_spec("name=selftest -- one n=3"), "name=selftest -- one n=3");
	assert_string_equal(mb_module_spec("cpuid_hide=rdrand name=x"), "cpuid_hide=rdrand name=x");
	assert_string_equal(mb_module_spec("-- one two"), "-- one two");
	assert_string_equal(mb_module_spec("  name=x"), "name=x");
	assert_string_equal(mb_module_spec(""), "");
}

/* A word that is `--` or key=value is the spec's own first word, never a path. */
static void test_module_spec_words(void **state)
{
	assert_string_equal(mb_module_spec("--"), "--");
	assert_string_equal(mb_module_spec("--x name=y"), "name=y"); /* not `--` itself */
	assert_string_equal(mb_module_spec("=x name=y"), "name=y");  /* empty key */
	assert_string_equal(mb_module_spec("dir/k=v name=y"), "name=y");
	assert_string_equal(mb_module_spec("./a=b name=y"), "name=y");
}

/* testvisor's (and a payload's) own command line: the loader's name says the convention. */
static void test_kernel_cmdline(void **state)
{
	assert_string_equal(mb_cmdline_args("build/x86_64/testvisor.elf selfcheck", "qemu"), "selfcheck");
	assert_string_equal(mb_cmdline_args("testvisor.elf", NULL), "");
	assert_string_equal(mb_cmdline_args("/boot/testvisor selfcheck", "GNU GRUB 0.97"), "selfcheck");
	assert_string_equal(mb_cmdline_args("selfcheck", "GRUB 2.06-13+deb12u1"), "selfcheck");
	assert_string_equal(mb_cmdline_args("one \"two words\" n=3", "GRUB 2.12"), "one \"two words\" n=3");
	assert_string_equal(mb_cmdline_args("", "GRUB 2.06"), "");
	assert_false(mb_loader_puts_path_first("GRUB 2.06"));
	assert_true(mb_loader_puts_path_first("GNU GRUB 0.97"));
	assert_true(mb_loader_puts_path_first("qemu"));
	assert_true(mb_loader_puts_path_first(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_path_first),
		cmocka_unit_test(test_module_arguments_only),
		cmocka_unit_test(test_module_spec_words),
		cmocka_unit_test(test_kernel_cmdline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
