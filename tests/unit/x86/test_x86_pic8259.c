/* The 8259A registers (arch/x86/svm/pic8259.c): Linux's probe and initialization
 * (arch/x86/kernel/i8259.c probe_8259A, init_8259A), from the 8259A datasheet. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/pic8259.h>

static void probe_and_init(void **state)
{
	struct pic8259 m, s;
	pic8259_reset(&m, true);
	pic8259_reset(&s, false);
	assert_int_equal(pic8259_read(&m, 1), 0xFB);       /* SeaBIOS's masks */
	assert_int_equal(pic8259_read(&s, 1), 0xFF);
	pic8259_write(&s, 1, 0xFF);
	pic8259_write(&m, 1, 0xFB);                        /* probe: reads back */
	assert_int_equal(pic8259_read(&m, 1), 0xFB);
	pic8259_write(&m, 0, 0x11);                        /* ICW1: edge, cascade, ICW4 */
	assert_int_equal(pic8259_read(&m, 1), 0);          /* ICW1 clears the mask */
	pic8259_write(&m, 1, 0x30);                        /* ICW2: vectors 0x30 */
	pic8259_write(&m, 1, 0x04);                        /* ICW3: slave on input 2 */
	pic8259_write(&m, 1, 0x01);                        /* ICW4: 8086 mode */
	assert_int_equal(m.vector_base, 0x30);
	assert_int_equal(m.init_step, 0);
	pic8259_write(&m, 1, 0xFE);                        /* OCW1 */
	assert_int_equal(pic8259_read(&m, 1), 0xFE);
	pic8259_write(&m, 0, 0x0B);                        /* OCW3: read ISR */
	assert_true(m.read_isr);
	assert_int_equal(pic8259_read(&m, 0), 0);
	pic8259_write(&m, 0, 0x60);                        /* OCW2: specific EOI */
	assert_int_equal(pic8259_read(&m, 1), 0xFE);
}

static void single_without_icw4(void **state)
{
	struct pic8259 m;
	pic8259_reset(&m, true);
	pic8259_write(&m, 0, 0x12);                        /* SNGL, no ICW4 */
	pic8259_write(&m, 1, 0x08);
	assert_int_equal(m.init_step, 0);
	pic8259_write(&m, 1, 0x55);
	assert_int_equal(pic8259_read(&m, 1), 0x55);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probe_and_init),
		cmocka_unit_test(single_without_icw4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
