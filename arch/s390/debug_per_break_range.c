/* Where testvisor's nullifying instruction-fetch PER looks for break= (debug_per.h):
 * pure, host unit-tested. */
#include "debug_per.h"

static uint64_t lowest(const struct break_config *b)
{
	uint64_t v = b->addr[0];
	for (unsigned i = 1; i < b->count; i++)
		v = b->addr[i] < v ? b->addr[i] : v;
	return v;
}

static uint64_t highest(const struct break_config *b)
{
	uint64_t v = b->addr[0];
	for (unsigned i = 1; i < b->count; i++)
		v = b->addr[i] > v ? b->addr[i] : v;
	return v;
}

struct per_range per_break_range(const struct break_config *b, bool guest_dat, bool skipping,
				 uint64_t skip)
{
	if (skipping) /* every address but the one to step over: the range wraps */
		return (struct per_range){ skip + 1, skip - 1 };
	if (guest_dat) /* logical addresses: each instruction is translated and compared */
		return (struct per_range){ 0, ~0ULL };
	return (struct per_range){ lowest(b), highest(b) };
}

bool per_break_must_skip(const struct break_config *b, bool guest_dat, uint64_t logical)
{
	return guest_dat || (logical >= lowest(b) && logical <= highest(b));
}
