/* Local APIC timer count arithmetic (see x86/apic_timer.h). */
#include <x86/apic_timer.h>

unsigned apic_timer_shift(uint32_t tdcr)
{
	unsigned v = (tdcr & 3) | ((tdcr >> 1) & 4);
	return (v + 1) & 7; /* 111b wraps to a shift of 0: divide by 1 */
}

void apic_timer_start(struct apic_timer *t, uint32_t initial, uint64_t now_ns)
{
	t->initial = initial;
	t->start_ns = now_ns;
	t->expiries = 0;
}

static bool running(const struct apic_timer *t)
{
	unsigned mode = APIC_LVT_TIMER_MODE(t->lvt);
	return t->initial && (mode == APIC_TIMER_ONESHOT || mode == APIC_TIMER_PERIODIC);
}

static uint64_t ticks(const struct apic_timer *t, uint64_t now_ns)
{
	return now_ns < t->start_ns ? 0 : (now_ns - t->start_ns) >> apic_timer_shift(t->tdcr);
}

uint32_t apic_timer_current(const struct apic_timer *t, uint64_t now_ns)
{
	if (!running(t))
		return 0;
	uint64_t n = ticks(t, now_ns);
	if (APIC_LVT_TIMER_MODE(t->lvt) == APIC_TIMER_PERIODIC)
		return t->initial - (uint32_t)(n % t->initial); /* reloads at 0 */
	return n >= t->initial ? 0 : t->initial - (uint32_t)n;
}

uint64_t apic_timer_next_ns(const struct apic_timer *t)
{
	if (!running(t) || (t->lvt & APIC_LVT_MASKED))
		return UINT64_MAX;
	if (APIC_LVT_TIMER_MODE(t->lvt) == APIC_TIMER_ONESHOT && t->expiries)
		return UINT64_MAX;
	unsigned __int128 ticks = (unsigned __int128)(t->expiries + 1) * t->initial;
	unsigned __int128 ns = t->start_ns + (ticks << apic_timer_shift(t->tdcr));
	return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

bool apic_timer_poll(struct apic_timer *t, uint64_t now_ns)
{
	if (!running(t))
		return false;
	uint64_t n = ticks(t, now_ns) / t->initial; /* expiries so far */
	if (APIC_LVT_TIMER_MODE(t->lvt) == APIC_TIMER_ONESHOT && n > 1)
		n = 1;
	if (n <= t->expiries)
		return false;
	t->expiries = n;
	return !(t->lvt & APIC_LVT_MASKED);
}
