/* testvisor against hostile guests and against itself, on the fake architecture: a
 * console line without end is stopped with its reason (console_line_max), and the
 * integrity check after each guest (hv/integrity.c) notices a changed byte of read-only
 * data, an overwritten stack canary and a broken allocator, and stops the machine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <hv/hv.h>
#include <hv/integrity.h>
#include "run_fixture.h"

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))
#define COM1 0x3f8
#define DEBUG_EXIT 0xf4
#define FLOOD_BYTES (VM_CONSOLE_LINE_MAX_DEFAULT + 100)

static const char GOOD_LINES[] = "PASS: one\nSUMMARY: 1 tests, 0 unexpected failures\nEXIT: STATUS=1\n";
static char flood[FLOOD_BYTES + 1];

static int setup(void **state)
{
	fixture_reset();
	fake.devices[0] = (struct device_desc){ "com1", DEV_PIO, COM1, 8, &uart16550_ops };
	fake.devices[1] = (struct device_desc){ "exit", DEV_PIO, DEBUG_EXIT, 4, &isa_debug_exit_ops };
	fake.nr_devices = 2;
	memset(flood, 'x', FLOOD_BYTES);
	flood[FLOOD_BYTES] = '\0';
	return 0;
}

static void test_console_flood_stopped(void **state)
{
	const struct fake_step script[] = {
		{ FAKE_CONSOLE, 0, "PASS: before\n" }, { FAKE_CONSOLE, 0, flood },
		{ FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0 },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=f", script, N(script), &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "testvisor: guest f stopped: console: more than 65536 bytes without a newline"));
	/* What came after the flood was never taken as results. */
	assert_null(strstr(out, "[f] SUMMARY"));
	fake.next_step = 0;
	assert_int_equal(fixture_run(&img, "name=f expect=stopped stop_reason=newline", script,
				     N(script), &t, &out), VERDICT_PASS);
}

static void test_console_line_limit_configurable(void **state)
{
	const struct fake_step script[] = {
		{ FAKE_CONSOLE, 0, flood }, { FAKE_CONSOLE, 0, "\n" }, { FAKE_CONSOLE, 0, GOOD_LINES },
		{ FAKE_EXIT, 0 },
	};
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	/* 0: no limit, and lines of any length end in the line buffer's truncation. */
	assert_int_equal(fixture_run(&img, "name=n console_line_max=0", script, N(script), &t, &out),
			 VERDICT_PASS);
	/* A newline starts the count again: many short lines are no flood. */
	const struct fake_step lines[] = {
		{ FAKE_CONSOLE, 0, "INFO: 12345678\nINFO: 12345678\nINFO: 12345678\n" },
		{ FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0 },
	};
	fake.next_step = 0;
	assert_int_equal(fixture_run(&img, "name=s console_line_max=64", lines, N(lines), &t, &out),
			 VERDICT_PASS);
	fake.next_step = 0;
	assert_int_equal(fixture_run(&img, "name=b console_line_max=lots", NULL, 0, &t, &out), VERDICT_FAIL);
	assert_non_null(strstr(out, "bad console_line_max value 'lots'"));
}

static uint8_t fake_ro[4096];
static uint64_t fake_stack[16];

static void arm_fake_image(void)
{
	for (size_t i = 0; i < sizeof(fake_ro); i++)
		fake_ro[i] = (uint8_t)(i * 7);
	integrity_arm(&(struct integrity_layout){ fake_ro, fake_ro + sizeof(fake_ro), fake_stack });
}

static void test_checksum_sees_every_byte(void **state)
{
	uint8_t a[64] = { 0 };
	uint64_t h = integrity_checksum(a, a + sizeof(a));
	for (size_t i = 0; i < sizeof(a); i++) {
		a[i] = 1;
		assert_true(integrity_checksum(a, a + sizeof(a)) != h);
		a[i] = 0;
	}
	assert_true(integrity_checksum(a, a) != h); /* the length counts too */
}

static void test_integrity_notices_ro_change(void **state)
{
	char why[200];
	arm_fake_image();
	for (unsigned i = 0; i < INTEGRITY_CANARY_WORDS; i++)
		assert_int_equal(fake_stack[i], INTEGRITY_CANARY);
	assert_true(integrity_verify(why, sizeof(why)));
	fake_ro[1234] ^= 0x10;
	assert_false(integrity_verify(why, sizeof(why)));
	assert_non_null(strstr(why, "code or read-only data"));
	fake_ro[1234] ^= 0x10;
	assert_true(integrity_verify(why, sizeof(why)));
}

static void test_integrity_notices_canary(void **state)
{
	char why[200];
	arm_fake_image();
	fake_stack[2] = 0;
	assert_false(integrity_verify(why, sizeof(why)));
	assert_non_null(strstr(why, "stack canary"));
}

static void test_integrity_notices_allocator(void **state)
{
	char why[200];
	arm_fake_image();
	paddr_t p = hv_alloc_pages(2, 1);
	assert_true(integrity_verify(why, sizeof(why)));
	hv_free_pages(p, 2);
	assert_true(hv_alloc_check(why, sizeof(why)));
	hv_free_pages(p, 2); /* a double free: the pages are listed free twice */
	assert_false(integrity_verify(why, sizeof(why)));
	assert_non_null(strstr(why, "allocator: free extent"));
	assert_non_null(strstr(why, "overlaps"));
}

/* After a guest, a difference stops the machine with one line naming the guest. */
static void test_stop_after_guest(void **state)
{
	jmp_buf done;
	arm_fake_image();
	static const struct fake_step script[] = { { FAKE_CONSOLE, 0, GOOD_LINES }, { FAKE_EXIT, 0 } };
	struct suite_totals t;
	const char *out;
	struct guest_image img = fixture_image();
	assert_int_equal(fixture_run(&img, "name=g1", script, N(script), &t, &out), VERDICT_PASS);
	assert_null(strstr(out, "integrity"));
	fake_ro[7] ^= 1;
	fake.next_step = 0;
	fake.machine_exit = &done;
	int rc = setjmp(done);
	if (rc == 0) {
		fixture_run(&img, "name=g2", script, N(script), &t, &out);
		fail_msg("the run went on after a changed byte");
	}
	out = fake_stdout_end();
	assert_int_equal(rc, 1 + 1); /* arch_machine_exit(1) */
	assert_non_null(strstr(out, "testvisor: integrity check failed after guest g2: code or read-only data"));
	fake_ro[7] ^= 1;
	fake.machine_exit = NULL;
}

/* A byte or halfword access to the PL011 is well formed: it reaches the word register that
 * contains it (QEMU hw/char/pl011.c), never a stop. Found by arm64 mmio_fuzz. */
static void test_pl011_any_access_size(void **state)
{
	struct device d = { .desc = { "pl011", DEV_MMIO, 0x9000000, 0x1000, &pl011_ops } };
	uint64_t v = 0; /* the dispatcher (vm.c) clears the value before a read */
	assert_true(d.desc.ops->read(&d, 0x14e, 2, &v));
	assert_int_equal(v, 0);
	assert_true(d.desc.ops->read(&d, 0x19, 1, &v)); /* inside UARTFR */
	assert_int_equal(v & 0x90, 0x90);                /* TXFE and RXFE */
	assert_true(d.desc.ops->write(&d, 0x31, 1, 0x5)); /* inside UARTCR */
	assert_true(d.desc.ops->read(&d, 0x30, 4, &v));
	assert_int_equal(v, 0x5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_console_flood_stopped, setup),
		cmocka_unit_test_setup(test_console_line_limit_configurable, setup),
		cmocka_unit_test_setup(test_checksum_sees_every_byte, setup),
		cmocka_unit_test_setup(test_integrity_notices_ro_change, setup),
		cmocka_unit_test_setup(test_integrity_notices_canary, setup),
		cmocka_unit_test_setup(test_integrity_notices_allocator, setup),
		cmocka_unit_test_setup(test_stop_after_guest, setup),
		cmocka_unit_test(test_pl011_any_access_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
