/* Device models: what a payload's drivers see, and where the bytes go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>

/* The core functions the device models call, captured. */
static char console[64];
static size_t console_len;
static int exit_status = -1;
static char fail_reason[100];

void vm_console_putc(struct vm *vm, char c) { console[console_len++] = c; }
static bool status_carried;
void vm_guest_exit(struct vm *vm, int status) { exit_status = status; status_carried = false; }
void vm_guest_exit_with_status(struct vm *vm, int status) { exit_status = status; status_carried = true; }
void vm_fail(struct vm *vm, const char *fmt, ...) { strcpy(fail_reason, fmt); }

static struct device make(const struct device_ops *ops)
{
	console_len = 0;
	exit_status = -1;
	fail_reason[0] = 0;
	return (struct device){ .desc = { .ops = ops } };
}

static void test_uart16550(void **state)
{
	struct device d = make(&uart16550_ops);
	uint64_t v;
	assert_true(d.desc.ops->read(&d, 5, 1, &v));
	assert_int_equal(v & 0x60, 0x60); /* THRE | TEMT: ready to send */
	assert_true(d.desc.ops->write(&d, 0, 1, 'h'));
	/* With DLAB set, offset 0 is the divisor latch, not the transmitter. */
	d.desc.ops->write(&d, 3, 1, 0x80);
	d.desc.ops->write(&d, 0, 1, 0x01);
	d.desc.ops->write(&d, 3, 1, 0x03);
	d.desc.ops->write(&d, 0, 1, 'i');
	assert_int_equal(console_len, 2);
	assert_memory_equal(console, "hi", 2);
	d.desc.ops->write(&d, 7, 1, 0x5a);
	d.desc.ops->read(&d, 7, 1, &v);
	assert_int_equal(v, 0x5a);
	assert_false(d.desc.ops->read(&d, 8, 1, &v));
}

static uint64_t fw_cfg_item(struct device *d, uint16_t key, unsigned len)
{
	uint64_t v = 0, b;
	d->desc.ops->write(d, 0, 2, key);
	for (unsigned i = 0; i < len; i++) {
		d->desc.ops->read(d, 1, 1, &b);
		v |= b << (8 * i);
	}
	return v;
}

/* QEMU docs/specs/fw_cfg.rst: little-endian items, 0 past the end and for unknown keys. */
static void test_fw_cfg(void **state)
{
	struct vm vm = { .ram_size = 48ull << 20, .nr_vcpus = 3 };
	struct device d = make(&fw_cfg_ops);
	d.vm = &vm;
	assert_int_equal(fw_cfg_item(&d, 0x00, 4), 0x554d4551); /* "QEMU" */
	assert_int_equal(fw_cfg_item(&d, 0x01, 4), 1);          /* traditional, no DMA */
	assert_int_equal(fw_cfg_item(&d, 0x03, 8), 48ull << 20);
	assert_int_equal(fw_cfg_item(&d, 0x05, 2), 3);
	assert_int_equal(fw_cfg_item(&d, 0x0f, 2), 3);
	assert_int_equal(fw_cfg_item(&d, 0x19, 4), 0);          /* no files */
	assert_int_equal(fw_cfg_item(&d, 0x1234, 4), 0);
	assert_int_equal(fw_cfg_item(&d, 0x05, 4), 3);          /* past the end: 0 */
	uint64_t v;
	d.desc.ops->write(&d, 0, 2, 0);
	d.desc.ops->read(&d, 0, 1, &v);                         /* either port reads data */
	assert_int_equal(v, 'Q');
	d.desc.ops->read(&d, 1, 2, &v);                         /* not a valid access */
	assert_int_equal(v, ~0ull);
}

static int line_irq = -1, line_level = -1, line_changes;
static void capture_line(struct vm *vm, unsigned irq, bool level)
{
	line_irq = (int)irq;
	line_changes += line_level != (int)level;
	line_level = level;
}

/* The transmit interrupt as QEMU raises it: a data write sets RIS.TX, UARTICR clears it,
 * the line is RIS & IMSC (PL011 TRM DDI 0183 §3.3.13-3.3.15). */
static void test_pl011_tx_interrupt(void **state)
{
	struct vm vm = { .irq_line = capture_line };
	struct device d = make(&pl011_ops);
	d.vm = &vm;
	d.desc.irq = 33;
	uint64_t v;
	d.desc.ops->write(&d, 0x000, 4, 'x');
	d.desc.ops->read(&d, 0x03c, 4, &v);
	assert_int_equal(v, 0x20);                               /* RIS: TX */
	d.desc.ops->read(&d, 0x040, 4, &v);
	assert_int_equal(v, 0);                                  /* MIS: masked */
	assert_int_equal(line_level, 0);
	d.desc.ops->write(&d, 0x038, 4, 0x20);                   /* IMSC: TXIM */
	assert_int_equal(line_irq, 33);
	assert_int_equal(line_level, 1);
	d.desc.ops->read(&d, 0x040, 4, &v);
	assert_int_equal(v, 0x20);
	d.desc.ops->write(&d, 0x03c, 4, 0);                      /* RIS is read-only */
	d.desc.ops->read(&d, 0x03c, 4, &v);
	assert_int_equal(v, 0x20);
	d.desc.ops->write(&d, 0x044, 4, 0x20);                   /* ICR clears it */
	assert_int_equal(line_level, 0);
	d.desc.ops->write(&d, 0x000, 4, 'y');                    /* the next write raises it */
	assert_int_equal(line_level, 1);
	d.desc.ops->write(&d, 0x038, 4, 0);                      /* masked again */
	assert_int_equal(line_level, 0);
}

/* The 16550's transmitter-empty interrupt as QEMU's serial.c raises it. */
static void test_uart16550_thr_interrupt(void **state)
{
	struct vm vm = { .irq_line = capture_line };
	struct device d = make(&uart16550_ops);
	d.vm = &vm;
	d.desc.irq = 10;
	uint64_t v;
	line_level = -1;
	d.desc.ops->read(&d, 2, 1, &v);
	assert_int_equal(v, 0x01);                       /* IIR: no interrupt */
	d.desc.ops->write(&d, 1, 1, 0x02);               /* IER.ETBEI on, THR empty */
	assert_int_equal(line_irq, 10);
	assert_int_equal(line_level, 1);
	d.desc.ops->read(&d, 2, 1, &v);
	assert_int_equal(v, 0x02);                       /* IIR: THR empty ... */
	assert_int_equal(line_level, 0);                 /* ... and reading it takes it back */
	d.desc.ops->read(&d, 2, 1, &v);
	assert_int_equal(v, 0x01);
	d.desc.ops->write(&d, 0, 1, 'a');                /* sent at once: pending again */
	assert_int_equal(line_level, 1);
	line_changes = 0;
	d.desc.ops->write(&d, 0, 1, 'b');                /* THR written while pending: */
	assert_int_equal(line_changes, 2);               /* the line falls, then rises */
	assert_int_equal(line_level, 1);
	d.desc.ops->write(&d, 1, 1, 0x00);               /* ETBEI off: line low */
	assert_int_equal(line_level, 0);
	d.desc.ops->write(&d, 2, 1, 0x01);               /* FCR: FIFOs on */
	d.desc.ops->read(&d, 2, 1, &v);
	assert_int_equal(v, 0xc1);
	/* DLAB: offset 1 is the divisor latch high, IER is kept. */
	d.desc.ops->write(&d, 3, 1, 0x80);
	d.desc.ops->write(&d, 1, 1, 0x12);
	d.desc.ops->read(&d, 1, 1, &v);
	assert_int_equal(v, 0x12);
	d.desc.ops->write(&d, 3, 1, 0x03);
	d.desc.ops->read(&d, 1, 1, &v);
	assert_int_equal(v, 0x00);
}

static uint64_t fake_wall;
static uint64_t fake_wallclock(void) { return fake_wall * 1000000000u; }

/* PL031 (ARM DDI 0224, QEMU hw/rtc/pl031.c): counts from the wall clock, RTCLR sets it,
 * the match fires once when the count reaches RTCMR. */
static void test_pl031(void **state)
{
	struct vm vm = { .irq_line = capture_line, .wallclock_ns = fake_wallclock };
	struct device d = make(&pl031_ops);
	d.vm = &vm;
	d.desc.irq = 34;
	uint64_t v;
	fake_wall = 1700000000;
	d.desc.ops->read(&d, 0x00, 4, &v);
	assert_int_equal(v, 1700000000);
	d.desc.ops->read(&d, 0xfe0, 4, &v);
	assert_int_equal(v, 0x31);
	d.desc.ops->read(&d, 0x0c, 4, &v);
	assert_int_equal(v, 1);                                  /* running */
	d.desc.ops->write(&d, 0x08, 4, 1000);                    /* RTCLR */
	fake_wall += 5;
	d.desc.ops->read(&d, 0x00, 4, &v);
	assert_int_equal(v, 1005);
	d.desc.ops->write(&d, 0x10, 4, 1);                       /* IMSC */
	d.desc.ops->write(&d, 0x04, 4, 1007);                    /* match in 2 s */
	fake_wall += 1;
	d.desc.ops->read(&d, 0x14, 4, &v);
	assert_int_equal(v, 0);
	fake_wall += 1;
	d.desc.ops->read(&d, 0x14, 4, &v);
	assert_int_equal(v, 1);                                  /* reached */
	assert_int_equal(line_irq, 34);
	assert_int_equal(line_level, 1);
	d.desc.ops->write(&d, 0x1c, 4, 1);                       /* ICR */
	assert_int_equal(line_level, 0);
	fake_wall += 10;                                         /* once, not again after */
	d.desc.ops->read(&d, 0x14, 4, &v);
	assert_int_equal(v, 0);
	d.desc.ops->write(&d, 0x04, 4, 5);                       /* a match in the past: far */
	d.desc.ops->read(&d, 0x14, 4, &v);                       /* future, modulo 2^32 */
	assert_int_equal(v, 0);
}

/* Goldfish RTC (QEMU hw/rtc/goldfish_rtc.c): TIME_LOW latches TIME_HIGH, the alarm. */
static void test_goldfish_rtc(void **state)
{
	struct vm vm = { .irq_line = capture_line, .wallclock_ns = fake_wallclock };
	struct device d = make(&goldfish_rtc_ops);
	d.vm = &vm;
	d.desc.irq = 11;
	uint64_t lo, hi;
	fake_wall = 1700000000;
	d.desc.ops->read(&d, 0x00, 4, &lo);
	fake_wall += 100;                                    /* TIME_HIGH is the latched half */
	d.desc.ops->read(&d, 0x04, 4, &hi);
	assert_int_equal(hi << 32 | lo, 1700000000ull * 1000000000u);
	d.desc.ops->write(&d, 0x04, 4, 0);
	d.desc.ops->write(&d, 0x00, 4, 5000);                /* set: 5000 ns */
	d.desc.ops->read(&d, 0x00, 4, &lo);
	assert_int_equal(lo, 5000);
	d.desc.ops->write(&d, 0x10, 4, 1);                   /* IRQ_ENABLED */
	d.desc.ops->write(&d, 0x0c, 4, 0);
	d.desc.ops->write(&d, 0x08, 4, 5000 + 2000000000u);  /* alarm in 2 s */
	d.desc.ops->read(&d, 0x18, 4, &lo);
	assert_int_equal(lo, 1);                             /* armed */
	fake_wall += 2;
	d.desc.ops->read(&d, 0x18, 4, &lo);
	assert_int_equal(lo, 0);                             /* fired */
	assert_int_equal(line_irq, 11);
	assert_int_equal(line_level, 1);
	d.desc.ops->write(&d, 0x1c, 4, 1);                   /* CLEAR_INTERRUPT */
	assert_int_equal(line_level, 0);
}

static void test_pl011(void **state)
{
	struct device d = make(&pl011_ops);
	uint64_t v;
	assert_true(d.desc.ops->read(&d, 0x18, 4, &v));
	assert_int_equal(v & 0x20, 0);    /* TXFF clear: never full */
	assert_int_equal(v & 0x80, 0x80); /* TXFE */
	d.desc.ops->write(&d, 0, 4, 'o');
	d.desc.ops->write(&d, 0, 4, 'k');
	assert_memory_equal(console, "ok", 2);
	d.desc.ops->read(&d, 0xfe0, 4, &v);
	assert_int_equal(v, 0x11);
	d.desc.ops->read(&d, 0xffc, 4, &v);
	assert_int_equal(v, 0xb1);
	d.desc.ops->write(&d, 0x30, 4, 0x301);
	d.desc.ops->read(&d, 0x30, 4, &v);
	assert_int_equal(v, 0x301);
	/* An unaligned access reaches the containing register, as on QEMU's model. */
	assert_true(d.desc.ops->read(&d, 0x2, 4, &v));
	assert_int_equal(v, 0);
}

static void test_exit_devices(void **state)
{
	struct device d = make(&isa_debug_exit_ops);
	d.desc.ops->write(&d, 0, 4, 3);
	assert_int_equal(exit_status, 3);
	assert_true(status_carried); /* QEMU exits with (3 << 1) | 1: the status travels */
	d = make(&sifive_test_ops);
	d.desc.ops->write(&d, 0, 4, 0x1234);
	assert_int_equal(exit_status, -1); /* ignored, as QEMU does */
	d.desc.ops->write(&d, 0, 4, 0x5555);
	assert_int_equal(exit_status, 0);
	assert_true(status_carried);
	d.desc.ops->write(&d, 0, 4, 0x3333 | (7 << 16));
	assert_int_equal(exit_status, 7);
	assert_true(status_carried);
	d.desc.ops->write(&d, 0, 4, 0x7777);
	assert_true(fail_reason[0] != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uart16550),
		cmocka_unit_test(test_pl011),
		cmocka_unit_test(test_fw_cfg),
		cmocka_unit_test(test_pl011_tx_interrupt),
		cmocka_unit_test(test_uart16550_thr_interrupt),
		cmocka_unit_test(test_pl031),
		cmocka_unit_test(test_goldfish_rtc),
		cmocka_unit_test(test_exit_devices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
