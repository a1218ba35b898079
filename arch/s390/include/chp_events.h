/* Channel-path events testvisor plays to a guest on its own schedule, from the guest's
 * configuration: chp_events=<kind>:<hex chpid>@<ms>,... with kind vary_off, vary_on,
 * offline or online (css.h: enum chp_event_kind). chp_events=offline:01@20,online:01@40
 * takes CHPID 01 away 20 ms after the guest started and brings it back at 40 ms. Pure
 * logic (parser and schedule), unit-tested. */
#ifndef CHP_EVENTS_H
#define CHP_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "css.h"

#define CHP_EVENTS_MAX 8

struct chp_event {
	uint64_t at_ms;
	uint8_t chpid;
	enum chp_event_kind kind;
};

struct chp_schedule {
	struct chp_event ev[CHP_EVENTS_MAX];
	unsigned nr, next;
};

/* Parses `spec` (NULL or "" = no events); false with a reason in `err` when malformed
 * (unknown kind, CHPID not hex below 0x100, times not increasing, too many). */
bool chp_events_parse(struct chp_schedule *s, const char *spec, char *err, size_t errlen);

/* The next event due at `elapsed_ms`, or NULL; each event is returned once. */
const struct chp_event *chp_events_due(struct chp_schedule *s, uint64_t elapsed_ms);

/* The configuration name of an event kind ("vary_off"...). */
const char *chp_event_kind_name(enum chp_event_kind kind);

#endif
