/* Channel-path event schedule (see chp_events.h). */
#include <stdio.h>
#include <string.h>
#include "chp_events.h"

static bool parse_number(const char **p, unsigned base, uint64_t max, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	unsigned digits = 0;
	for (;; s++, digits++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		v = v * base + d;
		if (v > max)
			return false;
	}
	*p = s;
	*out = v;
	return digits > 0;
}

static const char *const kind_names[CHP_EVENT_KINDS] = {
	[CHP_VARY_OFF] = "vary_off", [CHP_VARY_ON] = "vary_on",
	[CHP_OFFLINE] = "offline", [CHP_ONLINE] = "online",
};

const char *chp_event_kind_name(enum chp_event_kind kind)
{
	return kind < CHP_EVENT_KINDS ? kind_names[kind] : "?";
}

/* The kind named at *p followed by ':'; advances past the colon. */
static bool parse_kind(const char **p, enum chp_event_kind *kind)
{
	for (unsigned k = 0; k < CHP_EVENT_KINDS; k++) {
		size_t n = strlen(kind_names[k]);
		if (!strncmp(*p, kind_names[k], n) && (*p)[n] == ':') {
			*kind = (enum chp_event_kind)k;
			*p += n + 1;
			return true;
		}
	}
	return false;
}

bool chp_events_parse(struct chp_schedule *s, const char *spec, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	const char *p = spec ? spec : "";
	while (*p) {
		struct chp_event e = { 0 };
		if (!parse_kind(&p, &e.kind)) {
			snprintf(err, errlen,
				 "chp_events: expected vary_off:, vary_on:, offline: or online: at '%s'", p);
			return false;
		}
		uint64_t chpid, at;
		if (!parse_number(&p, 16, 0xff, &chpid) || *p++ != '@' ||
		    !parse_number(&p, 10, 24 * 3600 * 1000ULL, &at) || (*p && *p != ',')) {
			snprintf(err, errlen, "chp_events: malformed event (want <kind>:<hex chpid>@<ms>)");
			return false;
		}
		if (s->nr == CHP_EVENTS_MAX) {
			snprintf(err, errlen, "chp_events: more than %d events", CHP_EVENTS_MAX);
			return false;
		}
		if (s->nr && at < s->ev[s->nr - 1].at_ms) {
			snprintf(err, errlen, "chp_events: times must not decrease");
			return false;
		}
		e.chpid = (uint8_t)chpid;
		e.at_ms = at;
		s->ev[s->nr++] = e;
		if (*p == ',')
			p++;
	}
	return true;
}

const struct chp_event *chp_events_due(struct chp_schedule *s, uint64_t elapsed_ms)
{
	if (s->next < s->nr && s->ev[s->next].at_ms <= elapsed_ms)
		return &s->ev[s->next++];
	return NULL;
}
