/* testvisor's console message events: the byte layout of Linux's sclp_rw.h (event header
 * 6 bytes: length, type 2; struct mdb_header: length, type 1, tag 0xd4c4c240, revision 1;
 * struct mto: length, type 4, line-type flags 0x1000 LNTPFLGS_ENDTEXT, alarm, reserved),
 * EBCDIC code page 037 as IBM's table gives it, and the VT220-or-message choice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "ebcdic.h"
#include "sclp_event.h"

static unsigned be16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }

static void message_event_layout(void **state)
{
	uint8_t buf[64];
	memset(buf, 0xaa, sizeof(buf));
	size_t len = sclp_message_event(buf, "Hi [1]\n", 7);
	assert_int_equal(len, 6 + 12 + 10 + 6);
	assert_int_equal(be16(buf), len);          /* event buffer length */
	assert_int_equal(buf[2], 0x02);             /* message event */
	assert_int_equal(buf[3], 0);
	assert_int_equal(be16(buf + 6), 12 + 10 + 6); /* MDB length */
	assert_int_equal(be16(buf + 8), 1);
	static const uint8_t tag_rev[8] = { 0xd4, 0xc4, 0xc2, 0x40, 0, 0, 0, 1 };
	assert_memory_equal(buf + 10, tag_rev, 8);
	assert_int_equal(be16(buf + 18), 10 + 6);   /* MTO length */
	assert_int_equal(be16(buf + 20), 4);
	assert_int_equal(be16(buf + 22), 0x1000);
	static const uint8_t text[6] = { 0xc8, 0x89, 0x40, 0xba, 0xf1, 0xbb }; /* "Hi [1]" */
	assert_memory_equal(buf + 28, text, 6);
}

static void code_page_037(void **state)
{
	assert_int_equal(ascii_to_ebcdic(' '), 0x40);
	assert_int_equal(ascii_to_ebcdic('A'), 0xc1);
	assert_int_equal(ascii_to_ebcdic('Z'), 0xe9);
	assert_int_equal(ascii_to_ebcdic('a'), 0x81);
	assert_int_equal(ascii_to_ebcdic('z'), 0xa9);
	assert_int_equal(ascii_to_ebcdic('0'), 0xf0);
	assert_int_equal(ascii_to_ebcdic(':'), 0x7a);
	assert_int_equal(ascii_to_ebcdic('_'), 0x6d);
	assert_int_equal(ascii_to_ebcdic('|'), 0x4f);
	assert_int_equal(ascii_to_ebcdic('~'), 0xa1);
	assert_int_equal(ascii_to_ebcdic('\t'), 0x40);
}

static void console_choice(void **state)
{
	assert_false(sclp_console_uses_messages(0x40000040)); /* both: VT220 (QEMU) */
	assert_false(sclp_console_uses_messages(0x00000040));
	assert_true(sclp_console_uses_messages(0x40000000));  /* message only (Hercules) */
	assert_false(sclp_console_uses_messages(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message_event_layout),
		cmocka_unit_test(code_page_037),
		cmocka_unit_test(console_choice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
