/* The core's run loop (hv/run.c) and VMs (hv/vm.c) on the fake architecture: verdicts,
 * the time budget, expected stops and refusals, configuration mistakes, console line
 * splitting, device dispatch and overlap, multi-vCPU scheduling, set-up failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <hv/hv.h>
#include "run_fixture.h"

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))
#define COM1 0x3f8
#define DEBUG_EXIT 0xf4
#define TEST_DEV 0x9000

static const char GOOD_LINES[] = "PASS: one\nSUMMARY: 1 tests, 0 unexpected failures\nEXIT: STATUS=1\n";

static bool test_dev_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	*val = 0x100 + off;
	return true;
}
static const struct device_ops test_dev_ops = { .read = test_dev_read };

static void pc_devices(void)
{
	fake.devices[0] = (struct device_desc){ "com1", DEV_PIO, COM1, 8, &uart16550_ops };
	fake.devices[1] = (struct device_desc){ "exit", DEV_PIO, DEBUG_EXIT, 4, &isa_debug_exit_ops };
	fake.devices[2] = (struct device_desc){ "test", DEV_MMIO, TEST_DEV, 0x1000, &test_dev_ops };
	fake.nr_devices = 3;
}

static int setup(void **state)
{
	fixture_reset();
	pc_devices();
	return 0;
}

static void test_pass_through_devices(void **state)
{
	size_t free_before = hv_free_page_count();
	static const struct fake_step script[] = {
		{ FAKE_PIO, 0, .addr = COM1, .size = 1, .write = true, .val = 'P' },
		{ FAKE_CONSOLE, 0, "ASS: first\n" },
		{ FAKE_CONSOLE, 0, GOOD_LINES },
		{ FAKE_PIO, 0, .addr = DEBUG_EXIT, .size = 4, .write = true, .val = 0 },
		{ FAKE_CONSOLE, 0, "PASS: after the exit\n" },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=g1", script, N(script), &t, &out), VERDICT_PASS);
	assert_non_null(strstr(out, "[g1] PASS: first\n"));
	assert_non_null(strstr(out, "testvisor: guest g1: PASS (2 passed, 0 failed, 0 skipped)\n"));
	assert_null(strstr(out, "after the exit")); /* nothing runs once the guest ended */
	assert_int_equal(t.guests, 1);
	assert_int_equal(t.passed, 1);
	assert_int_equal(fake.vm_inits, 1);
	assert_int_equal(fake.vm_destroys, 1);
	assert_int_equal(fake.vcpu_inits, 1);
	assert_int_equal(hv_free_page_count(), free_before); /* guest RAM given back */
}

/* A guest that ends through isa-debug-exit without an EXIT line is judged by the status
 * alone, as QEMU's exit code would be read; one that ends through a path without status
 * (SYSTEM_OFF) needs its EXIT line. */
static void test_exit_device_status_alone(void **state)
{
	static const struct {
		const char *lines;
		uint64_t val;
		enum verdict want;
		const char *why;
	} cases[] = {
		{ "PASS: a\n", 0, VERDICT_PASS, "(1 passed, 0 failed, 0 skipped)" },
		{ "SKIP: no feature\n", 77, VERDICT_SKIP, "(0 passed, 0 failed, 1 skipped)" },
		{ "PASS: a\n", 5, VERDICT_FAIL, "exit code 5" },
		{ "PASS: a\nFAIL: b\n", 0, VERDICT_FAIL, "1 unexpected failures" },
		{ "PASS: a\nSUMMARY: 1 tests\nEXIT: STATUS=5\n", 0, VERDICT_FAIL,
		  "printed EXIT: STATUS=5 (code 2) but its exit device carried status 0" },
		{ "PASS: a\nSUMMARY: 1 tests\nEXIT: STATUS=5\n", 2, VERDICT_FAIL, "exit code 2" },
	};
	struct guest_image img = fixture_image();
	for (unsigned i = 0; i < N(cases); i++) {
		struct fake_step script[] = {
			{ FAKE_CONSOLE, 0, cases[i].lines },
			{ FAKE_PIO, 0, .addr = DEBUG_EXIT, .size = 4, .write = true, .val = cases[i].val },
		};
		struct suite_totals t;
		const char *out;
		setup(NULL);
		assert_int_equal(fixture_run(&img, "name=d", script, N(script), &t, &out), cases[i].want);
		assert_non_null(strstr(out, cases[i].why));
	}
	static const struct fake_step off[] = { { FAKE_CONSOLE, 0, "PASS: a\n" }, { FAKE_EXIT, 0 } };
	struct suite_totals t;
	const char *out;
	setup(NULL);
	assert_int_equal(fixture_run(&img, "name=d", off, N(off), &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "carries no status without an EXIT line"));
}

static void test_unnamed_guest_takes_fallback_name(void **state)
{
	static const struct fake_step script[] = {
		{ FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0, .status = 0 },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "", script, N(script), &t, &out), VERDICT_PASS);
	assert_non_null(strstr(out, "testvisor: guest fallback: PASS"));
}

static void test_time_budget_expires(void **state)
{
	static const struct fake_step script[] = { { FAKE_CONSOLE, 0, "PASS: about to spin\n" } };
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	/* 1 ms per run of the fake: the budget of 5 ms ends the guest after about 6 runs. */
	assert_int_equal(fixture_run(&img, "name=spin budget_ms=5", script, N(script), &t, &out),
			 VERDICT_FAIL);
	assert_non_null(strstr(out, "testvisor: guest spin stopped: time budget of 5 ms exceeded\n"));
	assert_non_null(strstr(out, "stopped by testvisor: time budget of 5 ms exceeded"));
	assert_in_range(strlen(fake.run_order), 5, 7);
	assert_int_equal(fake.dumps, 1); /* the registers of the stopped guest are shown */
	assert_int_equal(t.failed, 1);
}

static void test_bad_budget_refused(void **state)
{
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=b budget_ms=soon", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "bad budget_ms value 'soon'"));
	assert_int_equal(fake.vm_inits, 0);
}

static void test_expected_stop(void **state)
{
	static const struct fake_step fault[] = { { FAKE_FAULT, 0, "jumped somewhere wild" } };
	static const struct fake_step exits[] = { { FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0, .status = 0 } };
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=w expect=stopped stop_reason=wild", fault, 1, &t, &out),
			 VERDICT_PASS);
	assert_non_null(strstr(out, "stopped as expected: jumped somewhere wild"));
	fixture_reset();
	assert_int_equal(fixture_run(&img, "name=w expect=stopped stop_reason=tame", fault, 1, &t, &out),
			 VERDICT_FAIL);
	assert_non_null(strstr(out, "stopped, but not for 'tame'"));
	fixture_reset();
	assert_int_equal(fixture_run(&img, "name=w expect=stopped", exits, 2, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "expected the guest to be stopped, but it exited"));
}

static void test_failed_checks_and_unexpected_stop(void **state)
{
	static const struct fake_step failing[] = {
		{ FAKE_CONSOLE, 0, "PASS: a\nFAIL: b\nSUMMARY: 2 tests, 1 unexpected failures\nEXIT: STATUS=3\n" },
		{ FAKE_EXIT_STATUS, 0, .status = 1 },
	};
	static const struct fake_step fault[] = { { FAKE_CONSOLE, 0, "PASS: a\n" }, { FAKE_FAULT, 0, "bad hypercall" } };
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=f", failing, 2, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "FAIL (1 passed, 1 failed, 0 skipped; 1 unexpected failures)"));
	fixture_reset();
	assert_int_equal(fixture_run(&img, "name=f", fault, 2, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "stopped by testvisor: bad hypercall"));
}

static void test_refusals(void **state)
{
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	struct guest_image bad = img;
	uint8_t junk[200] = "MZ not an ELF";
	bad.data = junk;
	bad.size = sizeof(junk);
	assert_int_equal(fixture_run(&bad, "name=r", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "guest image refused: "));
	assert_int_equal(fake.vm_destroys, 1);
	fixture_reset();
	assert_int_equal(fixture_run(&bad, "name=r expect=refused", NULL, 0, &t, &out), VERDICT_PASS);
	assert_non_null(strstr(out, "refused as expected"));
}

/* Configuration mistakes are refused before anything is set up, naming what is wrong. */
static void test_config_mistakes(void **state)
{
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=k rass=v1p1", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "testvisor: guest k: FAIL (0 passed, 0 failed, 0 skipped; guest refused: "
				    "unknown config key 'rass' (valid keys: name mem vcpus budget_ms expect "
				    "stop_reason virt_probe initrd console_line_max psci ras))"));
	assert_int_equal(fake.vm_inits, 0);
	assert_int_equal(fake.probes, 0);
	/* A guest that exists to show the refusal. */
	assert_int_equal(fixture_run(&img, "name=k rass=v1p1 expect=refused stop_reason=rass", NULL, 0, &t, &out),
			 VERDICT_PASS);
	assert_int_equal(t.passed, 1);
	assert_int_equal(fixture_run(&img, "name=k expect=stoped", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "expect=stoped: the value must be one of"));
	assert_int_equal(fixture_run(&img, "name=k standalone", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "is not key=value"));
}

static void test_empty_or_missing_image(void **state)
{
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	img.size = 0;
	assert_int_equal(fixture_run(&img, "name=e", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "guest refused: guest image test.elf is empty"));
	img.data = NULL;
	img.name = "initrd";
	assert_int_equal(fixture_run(&img, "name=e", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "guest image missing: initrd"));
	assert_int_equal(fake.vm_inits, 0);
}

static void test_console_line_splitting(void **state)
{
	char longline[400];
	memset(longline, 'x', sizeof(longline) - 2);
	memcpy(longline, "PASS: ", 6);
	longline[sizeof(longline) - 2] = '\n';
	longline[sizeof(longline) - 1] = '\0';
	const struct fake_step script[] = {
		{ FAKE_CONSOLE, 0, "PA" }, { FAKE_YIELD, 0 }, { FAKE_CONSOLE, 0, "SS: split\r\nFAIL" },
		{ FAKE_CONSOLE, 0, ": two\nSKIP: s\nKFAIL: k\n" }, { FAKE_CONSOLE, 0, longline },
		{ FAKE_CONSOLE, 0, "PASS: cut short" }, { FAKE_FAULT, 0, "died mid-line" },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=c", script, N(script), &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "[c] PASS: split\n[c] FAIL: two\n[c] SKIP: s\n[c] KFAIL: k\n[c] PASS: xxx"));
	assert_non_null(strstr(out, "[c] PASS: cut short\n")); /* the partial last line is shown */
	assert_non_null(strstr(out, "(3 passed, 1 failed, 1 skipped; stopped by testvisor: died mid-line)"));
}

static void test_device_dispatch(void **state)
{
	static const struct fake_step script[] = {
		{ FAKE_MMIO, 0, .addr = TEST_DEV + 0x10, .size = 4 },
		{ FAKE_PIO, 0, .addr = COM1 + 5, .size = 1 },
		{ FAKE_PIO, 0, .addr = TEST_DEV, .size = 1 }, /* a port, not the MMIO device */
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=d", script, N(script), &t, &out), VERDICT_FAIL);
	assert_int_equal(fake.read_values[0], 0x110);       /* offset within the device */
	assert_int_equal(fake.read_values[1] & 0x60, 0x60); /* the 16550's LSR: ready */
	assert_non_null(strstr(out, "stopped by testvisor: no device at 0x9000"));
}

static void test_device_overlap_refused(void **state)
{
	fake.devices[3] = (struct device_desc){ "overlaps com1", DEV_PIO, COM1 + 4, 8, &uart16550_ops };
	fake.devices[4] = (struct device_desc){ "same range, MMIO", DEV_MMIO, COM1, 8, &uart16550_ops };
	fake.devices[5] = (struct device_desc){ "empty", DEV_MMIO, 0x1000, 0, &uart16550_ops };
	fake.devices[6] = (struct device_desc){ "just after", DEV_MMIO, TEST_DEV + 0x1000, 4, &test_dev_ops };
	fake.nr_devices = 7;
	static const struct fake_step script[] = { { FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0 } };
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	fixture_run(&img, "name=o", script, N(script), &t, &out);
	assert_int_equal(fake.add_device_rc[0], 0);
	assert_int_equal(fake.add_device_rc[3], -1);
	assert_int_equal(fake.add_device_rc[4], 0);
	assert_int_equal(fake.add_device_rc[5], -1);
	assert_int_equal(fake.add_device_rc[6], 0);
}

static void test_multi_vcpu_scheduling(void **state)
{
	static const struct fake_step script[] = {
		{ FAKE_CONSOLE, 0, "PASS: boot\n" }, { FAKE_START, 0, .target = 1 }, { FAKE_YIELD, 0 },
		{ FAKE_CONSOLE, 1, "PASS: secondary\n" }, { FAKE_YIELD, 1 },
		{ FAKE_YIELD, 0 },
		{ FAKE_STOP, 1 },
		{ FAKE_CONSOLE, 0, "SUMMARY: 2 tests\nEXIT: STATUS=1\n" }, { FAKE_EXIT, 0, .status = 0 },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=m vcpus=2", script, N(script), &t, &out), VERDICT_PASS);
	assert_string_equal(fake.run_order, "01010");
	assert_non_null(strstr(out, "starting (1024 KiB, 2 vCPUs)"));
	/* A guest whose every vCPU stopped is stopped, not waited for. */
	static const struct fake_step all_off[] = { { FAKE_STOP, 0 } };
	fixture_reset();
	assert_int_equal(fixture_run(&img, "name=m", all_off, 1, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "every vCPU is off"));
	fixture_reset();
	assert_int_equal(fixture_run(&img, "name=m vcpus=5", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "5 vCPUs asked, at most 4"));
}

static void test_setup_failures(void **state)
{
	size_t free_before = hv_free_page_count();
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	fake.vm_init_rc = -5;
	assert_int_equal(fixture_run(&img, "name=s", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "architecture set-up failed (-5)"));
	assert_int_equal(fake.vm_destroys, 0); /* nothing to destroy: set-up failed */
	assert_int_equal(hv_free_page_count(), free_before);
	fixture_reset();
	pc_devices();
	fake.map_rc = -2;
	assert_int_equal(fixture_run(&img, "name=s", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "mapping guest RAM failed (-2)"));
	assert_int_equal(fake.vm_destroys, 1);
	assert_int_equal(hv_free_page_count(), free_before);
	fixture_reset();
	fake.vcpu_init_rc = -3;
	assert_int_equal(fixture_run(&img, "name=s", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "vCPU set-up failed (-3)"));
	assert_int_equal(fake.vm_destroys, 1);
	assert_int_equal(hv_free_page_count(), free_before);
}

/* virt_probe=no: the guest is skipped as if the probe had said no, and the probe's own
 * (cached) answer is left alone. */
static void test_virt_probe_no_key(void **state)
{
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=v virt_probe=no", NULL, 0, &t, &out), VERDICT_SKIP);
	assert_non_null(strstr(out, "testvisor: no virtualization on this CPU: virt_probe=no in the guest spec\n"));
	assert_non_null(strstr(out, "[v] SKIP: no virtualization: virt_probe=no in the guest spec\n"));
	assert_int_equal(t.skipped, 1);
	assert_int_equal(fake.vm_inits, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_pass_through_devices, setup),
		cmocka_unit_test_setup(test_exit_device_status_alone, setup),
		cmocka_unit_test_setup(test_unnamed_guest_takes_fallback_name, setup),
		cmocka_unit_test_setup(test_time_budget_expires, setup),
		cmocka_unit_test_setup(test_bad_budget_refused, setup),
		cmocka_unit_test_setup(test_expected_stop, setup),
		cmocka_unit_test_setup(test_failed_checks_and_unexpected_stop, setup),
		cmocka_unit_test_setup(test_refusals, setup),
		cmocka_unit_test_setup(test_config_mistakes, setup),
		cmocka_unit_test_setup(test_empty_or_missing_image, setup),
		cmocka_unit_test_setup(test_console_line_splitting, setup),
		cmocka_unit_test_setup(test_device_dispatch, setup),
		cmocka_unit_test_setup(test_device_overlap_refused, setup),
		cmocka_unit_test_setup(test_multi_vcpu_scheduling, setup),
		cmocka_unit_test_setup(test_setup_failures, setup),
		cmocka_unit_test_setup(test_virt_probe_no_key, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
