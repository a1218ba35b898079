/* The `trace` key's value (trace_config.h). */
#include <stdio.h>
#include <string.h>
#include <trace_config.h>

static bool parse_count(const char *s, uint32_t max, uint32_t *out)
{
	if (!*s)
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return false;
	}
	*out = (uint32_t)v;
	return v > 0;
}

bool trace_config_parse(const char *value, struct trace_config *out, char *err, unsigned errlen)
{
	*out = (struct trace_config){ TRACE_OFF, 0 };
	if (!value)
		return true;
	bool ring = !strncmp(value, "last:", 5);
	uint32_t max = ring ? TRACE_RING_MAX : TRACE_PRINT_MAX;
	if (!parse_count(ring ? value + 5 : value, max, &out->count)) {
		snprintf(err, errlen, "trace must be N or last:N with N from 1 to %u, not '%s'",
			 (unsigned)max, value);
		return false;
	}
	out->mode = ring ? TRACE_RING : TRACE_PRINT;
	return true;
}
