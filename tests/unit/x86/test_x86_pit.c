/* The 8254 PIT and port 0x61 (arch/x86/svm/pit.c), from the Intel 8254 datasheet (control
 * word, counter latch, read-back, modes 0 and 2) and the sequences Linux writes
 * (arch/x86/kernel/tsc.c pit_calibrate_tsc, drivers/clocksource/i8253.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/pit.h>

#define MS 1000000ull

static uint16_t read_word(struct pit *p, unsigned ch, uint64_t now)
{
	uint8_t lo = pit_read(p, ch, now);
	return (uint16_t)(lo | pit_read(p, ch, now) << 8);
}

/* pit_calibrate_tsc: gate high, channel 2 mode 0 with a 10 ms count, then OUT (port 0x61
 * bit 5) rises when it is reached. */
static void calibration_channel2(void **state)
{
	struct pit p;
	pit_reset(&p);
	pit_port_b_write(&p, 0x01, 0);
	pit_write(&p, 3, 0xB0, 0);                       /* channel 2, LSB then MSB, mode 0 */
	pit_write(&p, 2, 11932 & 0xFF, 0);
	pit_write(&p, 2, 11932 >> 8, 0);
	assert_int_equal(pit_port_b_read(&p, 5 * MS) & 0x21, 0x01);
	assert_int_equal(pit_port_b_read(&p, 10 * MS + 10000) & 0x21, 0x21);
	uint8_t a = pit_port_b_read(&p, 0), b = pit_port_b_read(&p, 0);
	assert_int_not_equal(a & 0x10, b & 0x10);          /* refresh toggles */
}

/* i8253 periodic mode: 0x34 (channel 0, LSB/MSB, mode 2) with LATCH for 1 ms; one
 * interrupt per period, missed periods coalesced. */
static void periodic_channel0(void **state)
{
	struct pit p;
	pit_reset(&p);
	pit_write(&p, 3, 0x34, 0);
	pit_write(&p, 0, 1193 & 0xFF, 0);
	pit_write(&p, 0, 1193 >> 8, 0);
	uint64_t first = pit_irq_next_ns(&p);
	assert_true(first > MS - 1000 && first < MS + 1000);
	assert_false(pit_irq_poll(&p, MS / 2));
	assert_true(pit_irq_poll(&p, first));
	assert_false(pit_irq_poll(&p, first));
	assert_true(pit_irq_poll(&p, 3 * MS + MS / 2));
	assert_true(pit_irq_next_ns(&p) > 3 * MS + MS / 2 && pit_irq_next_ns(&p) < 4 * MS + 1000);
	uint16_t c = read_word(&p, 0, MS / 2);              /* counts down from 1193 */
	assert_true(c > 590 && c < 600);
}

/* One-shot (0x30, mode 0): one interrupt, then none; the control word alone stops it. */
static void oneshot_channel0(void **state)
{
	struct pit p;
	pit_reset(&p);
	pit_write(&p, 3, 0x30, 0);
	assert_int_equal(pit_irq_next_ns(&p), UINT64_MAX);
	assert_false(pit_irq_poll(&p, 100 * MS));
	pit_write(&p, 0, 100, 100 * MS);
	pit_write(&p, 0, 0, 100 * MS);
	assert_false(pit_irq_poll(&p, 100 * MS + 80000));
	assert_true(pit_irq_poll(&p, 100 * MS + 90000));    /* 100 ticks: 83.8 us */
	assert_int_equal(pit_irq_next_ns(&p), UINT64_MAX);
	assert_false(pit_irq_poll(&p, 200 * MS));
}

/* Counter latch (RW 00) and read-back with status. */
static void latch_and_read_back(void **state)
{
	struct pit p;
	pit_reset(&p);                                     /* channel 0: mode 2, 65536 */
	pit_write(&p, 3, 0x00, 0);                         /* latch channel 0 at t = 0 */
	assert_int_equal(read_word(&p, 0, 20 * MS), 0);    /* 65536 reads as 0 */
	pit_write(&p, 3, 0xC2, 10 * MS);                   /* read-back: count and status */
	uint8_t status = pit_read(&p, 0, 30 * MS);
	assert_int_equal(status & 0x3F, 0x34);             /* LSB/MSB, mode 2, binary */
	assert_true(status & 0x80);                        /* OUT high mid-period */
	uint16_t c = read_word(&p, 0, 30 * MS);            /* the count at 10 ms */
	assert_int_equal(c, (uint16_t)(65536 - 11931));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calibration_channel2),
		cmocka_unit_test(periodic_channel0),
		cmocka_unit_test(oneshot_channel0),
		cmocka_unit_test(latch_and_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
