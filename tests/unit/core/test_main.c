/* hv_main (hv/main.c) on the fake architecture: what it does with what the boot path
 * handed over. A guest spec without its image is that guest failing, naming the image,
 * never a run of the built-in suite; an empty image is refused by name; no spec at all
 * runs the built-in suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/hv.h>
#include "run_fixture.h"

static uint8_t builtin_image[512];
/* The image is copied in by the test; the bytes after it are padding the loader ignores. */
const struct builtin_guest builtin_suite[1] = {
	{ "builtin_one", "name=builtin_one", builtin_image, builtin_image + sizeof(builtin_image) },
};
const uint64_t builtin_suite_count = 1;

static const struct fake_step passing[] = {
	{ FAKE_CONSOLE, 0, "PASS: x\nSUMMARY: 1 tests\nEXIT: STATUS=1\n" }, { FAKE_EXIT, 0, .status = 0 },
};

/* Boots hv_main with `bi`; returns the status it ended the machine with, and its output. */
static int boot(struct boot_info *bi, const char **out)
{
	jmp_buf done;
	fixture_reset();
	struct guest_image img = fixture_image(); /* also builds the image for the module tests */
	(void)img;
	static uint8_t host_ram[8u << 20] __attribute__((aligned(2 << 20)));
	bi->free_mem[0] = (struct mem_range){ pa_from_ptr(host_ram), sizeof(host_ram) };
	bi->nr_free_mem = 1;
	fake.script = passing;
	fake.nr_steps = 2;
	fake.machine_exit = &done;
	fake_stdout_begin();
	int rc = setjmp(done);
	if (!rc)
		hv_main(bi);
	*out = fake_stdout_end();
	return rc - 1;
}

static void test_spec_without_image_fails_the_guest(void **state)
{
	struct boot_info bi = { .boot_path = "test", .cmdline = "  name=orphan mem=16M" };
	const char *out;
	assert_int_equal(boot(&bi, &out), 1);
	assert_non_null(strstr(out, "testvisor: guest orphan: FAIL (0 passed, 0 failed, 0 skipped; guest refused: "
				    "guest image missing: no initrd, boot module or guest.elf came with the spec)"));
	assert_null(strstr(out, "built-in suite"));
	assert_null(strstr(out, "builtin_one"));
	assert_non_null(strstr(out, "testvisor: 1 guests, 0 passed, 1 failed, 0 skipped"));
}

static void test_options_then_nothing_runs_builtin_suite(void **state)
{
	struct guest_image img = fixture_image();
	memcpy(builtin_image, img.data, img.size);
	struct boot_info bi = { .boot_path = "test", .cmdline = "" };
	const char *out;
	assert_int_equal(boot(&bi, &out), 0);
	assert_non_null(strstr(out, "testvisor: built-in suite, 1 guests"));
	assert_non_null(strstr(out, "testvisor: guest builtin_one: PASS"));
}

static void test_empty_module_refused_by_name(void **state)
{
	static uint8_t empty[1];
	struct boot_info bi = { .boot_path = "test" };
	bi.modules[0] = (struct boot_module){ pa_from_ptr(empty), 0, "name=e", "initrd" };
	bi.nr_modules = 1;
	const char *out;
	assert_int_equal(boot(&bi, &out), 1);
	assert_non_null(strstr(out, "guest refused: guest image initrd is empty"));
	assert_null(strstr(out, "built-in suite"));
}

/* initrd=<module name>: that boot module is the guest's initrd (handed to arch_vcpu_init
 * through struct vm), not a guest of its own. */
static void test_initrd_module_by_name(void **state)
{
	static uint8_t ramdisk[100];
	struct guest_image img = fixture_image();
	struct boot_info bi = { .boot_path = "test" };
	bi.modules[0] = (struct boot_module){ pa_from_ptr((void *)img.data), img.size,
					      "name=k initrd=ramdisk.img -- root=/dev/ram", "/boot/kernel" };
	bi.modules[1] = (struct boot_module){ pa_from_ptr(ramdisk), sizeof(ramdisk), "", "/boot/ramdisk.img" };
	bi.nr_modules = 2;
	const char *out;
	assert_int_equal(boot(&bi, &out), 0);
	assert_non_null(strstr(out, "testvisor: guest k: PASS"));
	assert_non_null(strstr(out, "testvisor: 1 guests, 1 passed"));
	assert_ptr_equal(fake.initrd, ramdisk);
	assert_int_equal(fake.initrd_size, sizeof(ramdisk));
	/* The spec on testvisor's own command line (a module without one) names it too. */
	bi.modules[0].cmdline = NULL;
	bi.modules[1].cmdline = NULL;
	bi.cmdline = "name=k2 initrd=/boot/ramdisk.img";
	fake.initrd = NULL;
	assert_int_equal(boot(&bi, &out), 0);
	assert_non_null(strstr(out, "testvisor: 1 guests, 1 passed"));
	assert_ptr_equal(fake.initrd, ramdisk);
	bi.cmdline = NULL;
	/* A name no module has: the guest is refused, naming it. */
	bi.modules[0].cmdline = "name=k initrd=nope.img";
	assert_int_equal(boot(&bi, &out), 1);
	assert_non_null(strstr(out, "initrd 'nope.img' missing: no boot module of that name"));
}

static void test_selfcheck_option_alone(void **state)
{
	struct boot_info bi = { .boot_path = "test", .cmdline = "selfcheck" };
	const char *out;
	assert_int_equal(boot(&bi, &out), 0);
	assert_non_null(strstr(out, "selfcheck: "));
	assert_null(strstr(out, "testvisor: guest"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_without_image_fails_the_guest),
		cmocka_unit_test(test_options_then_nothing_runs_builtin_suite),
		cmocka_unit_test(test_empty_module_refused_by_name),
		cmocka_unit_test(test_initrd_module_by_name),
		cmocka_unit_test(test_selfcheck_option_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
