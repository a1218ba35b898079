/* The channel-path event schedule: parsing, refusals, and events handed out once, in
 * order, when due. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "chp_events.h"

static void parses_a_schedule(void **state)
{
	struct chp_schedule s;
	char err[100];
	assert_true(chp_events_parse(&s, "off:01@20,on:1f@40,off:FF@40", err, sizeof(err)));
	assert_int_equal(s.nr, 3);
	assert_false(s.ev[0].on);
	assert_int_equal(s.ev[0].chpid, 0x01);
	assert_int_equal(s.ev[0].at_ms, 20);
	assert_true(s.ev[1].on);
	assert_int_equal(s.ev[1].chpid, 0x1f);
	assert_int_equal(s.ev[2].chpid, 0xff);
	assert_true(chp_events_parse(&s, NULL, err, sizeof(err)));
	assert_int_equal(s.nr, 0);
	assert_true(chp_events_parse(&s, "", err, sizeof(err)));
	assert_true(chp_events_parse(&s, "off:01@20,", err, sizeof(err)));  /* trailing comma */
	assert_int_equal(s.nr, 1);
}

static void refuses_malformed_schedules(void **state)
{
	struct chp_schedule s;
	char err[100];
	const char *bad[] = {
		"offline:01@20", "off:@20", "off:100@20", "off:01", "off:01@", "off:01@20;on:01@30",
		"off:01@20,on:01@10", "off:xy@1",
		"off:1@1,off:1@1,off:1@1,off:1@1,off:1@1,off:1@1,off:1@1,off:1@1,off:1@1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		assert_false(chp_events_parse(&s, bad[i], err, sizeof(err)));
		assert_non_null(strstr(err, "chp_events"));
	}
}

static void events_come_once_when_due(void **state)
{
	struct chp_schedule s;
	char err[100];
	assert_true(chp_events_parse(&s, "off:02@5,on:02@15", err, sizeof(err)));
	assert_null(chp_events_due(&s, 4));
	const struct chp_event *e = chp_events_due(&s, 5);
	assert_non_null(e);
	assert_false(e->on);
	assert_null(chp_events_due(&s, 14));
	e = chp_events_due(&s, 100);
	assert_non_null(e);
	assert_true(e->on);
	assert_null(chp_events_due(&s, 1000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_schedule),
		cmocka_unit_test(refuses_malformed_schedules),
		cmocka_unit_test(events_come_once_when_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
