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
	assert_true(chp_events_parse(&s, "vary_off:01@20,online:1f@40,offline:FF@40,vary_on:2@41",
				     err, sizeof(err)));
	assert_int_equal(s.nr, 4);
	assert_int_equal(s.ev[0].kind, CHP_VARY_OFF);
	assert_int_equal(s.ev[0].chpid, 0x01);
	assert_int_equal(s.ev[0].at_ms, 20);
	assert_int_equal(s.ev[1].kind, CHP_ONLINE);
	assert_int_equal(s.ev[1].chpid, 0x1f);
	assert_int_equal(s.ev[2].kind, CHP_OFFLINE);
	assert_int_equal(s.ev[2].chpid, 0xff);
	assert_int_equal(s.ev[3].kind, CHP_VARY_ON);
	assert_string_equal(chp_event_kind_name(CHP_VARY_OFF), "vary_off");
	assert_string_equal(chp_event_kind_name(CHP_ONLINE), "online");
	assert_true(chp_events_parse(&s, NULL, err, sizeof(err)));
	assert_int_equal(s.nr, 0);
	assert_true(chp_events_parse(&s, "", err, sizeof(err)));
	assert_true(chp_events_parse(&s, "offline:01@20,", err, sizeof(err)));  /* trailing comma */
	assert_int_equal(s.nr, 1);
}

static void refuses_malformed_schedules(void **state)
{
	struct chp_schedule s;
	char err[100];
	const char *bad[] = {
		/* The kind must be named: the old off:/on: meant neither kind clearly. */
		"off:01@20", "on:01@20", "vary:01@20", "offline01@20", "online:@20",
		"offline:100@20", "offline:01", "offline:01@", "offline:01@20;online:01@30",
		"offline:01@20,online:01@10", "vary_off:xy@1",
		"online:1@1,online:1@1,online:1@1,online:1@1,online:1@1,online:1@1,online:1@1,"
		"online:1@1,online:1@1",
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
	assert_true(chp_events_parse(&s, "offline:02@5,online:02@15", err, sizeof(err)));
	assert_null(chp_events_due(&s, 4));
	const struct chp_event *e = chp_events_due(&s, 5);
	assert_non_null(e);
	assert_int_equal(e->kind, CHP_OFFLINE);
	assert_null(chp_events_due(&s, 14));
	e = chp_events_due(&s, 100);
	assert_non_null(e);
	assert_int_equal(e->kind, CHP_ONLINE);
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
