/* The value of the guest-spec key `break` (docs/debug.md), the same on every architecture
 * that implements it: "<gpa>[,<gpa>...]", guest-physical addresses (0x hex or decimal) at
 * which testvisor stops the guest before it executes the instruction there. */
#ifndef BREAK_CONFIG_H
#define BREAK_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

/* As many as x86 has address breakpoints (DR0-DR3); a guest-spec value is also at most
 * 63 characters (hv/config.h), which four 64-bit hex addresses would not fit anyway. */
#define BREAK_MAX 4

struct break_config {
	unsigned count; /* 0: no break addresses */
	uint64_t addr[BREAK_MAX];
};

/* Parses `value` (NULL: none). Returns false (with a message) for an empty item, a
 * malformed or repeated address, or more than BREAK_MAX of them. */
bool break_config_parse(const char *value, struct break_config *out, char *err, unsigned errlen);

/* Whether `gpa` is one of the break addresses. */
bool break_config_hit(const struct break_config *c, uint64_t gpa);

#endif
