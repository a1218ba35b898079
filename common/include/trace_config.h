/* The value of the guest-spec key `trace` (docs/debug.md), the same on every
 * architecture that implements it: "N" prints the guest's first N instructions,
 * "last:N" keeps the last N and prints them when the guest fails. */
#ifndef TRACE_CONFIG_H
#define TRACE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#define TRACE_RING_MAX 1024
#define TRACE_PRINT_MAX 100000

enum trace_mode { TRACE_OFF, TRACE_PRINT, TRACE_RING };

struct trace_config {
	enum trace_mode mode;
	uint32_t count;
};

/* Parses `value` (NULL: tracing off). Returns false (with a message) when it is neither
 * form or N is 0 or above the mode's limit. */
bool trace_config_parse(const char *value, struct trace_config *out, char *err, unsigned errlen);

#endif
