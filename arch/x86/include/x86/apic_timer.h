/* A local APIC timer as count arithmetic over a nanosecond clock: LVT timer (mode bits
 * 18:17, mask 16, vector 7:0), initial count, current count, divide configuration.
 * Intel SDM vol. 3 §10.5.4 (one-shot and periodic, divide values of Figure 10-10, a zero
 * initial count stops the timer, a masked timer still counts). The count runs at
 * 1 GHz / divisor: QEMU's APIC counts QEMU_CLOCK_VIRTUAL nanoseconds shifted by the
 * divider (hw/intc/apic.c, apic_timer_update / apic_get_current_count; count_shift
 * from TDCR as in apic_register_write). TSC-deadline mode (10b) is not modelled: it
 * never fires (and CPUID does not offer it). Pure logic, host-tested
 * (test_x86_apic_timer). */
#ifndef X86_APIC_TIMER_H
#define X86_APIC_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define APIC_TIMER_HZ 1000000000ull /* before the divider: QEMU's nanosecond clock */
#define APIC_LVT_MASKED (1u << 16)
#define APIC_LVT_TIMER_MODE(lvt) (((lvt) >> 17) & 3)
#define APIC_TIMER_ONESHOT 0
#define APIC_TIMER_PERIODIC 1
#define APIC_TDCR_WRITABLE 0xBu /* bits 0, 1, 3 */

struct apic_timer {
	uint32_t lvt, initial, tdcr;
	uint64_t start_ns;  /* when the initial count was written */
	uint64_t expiries;  /* expiries already signalled since then */
};

/* log2 of the divisor: TDCR bits 3,1:0 = 000b -> 2 ... 110b -> 128, 111b -> 1. */
unsigned apic_timer_shift(uint32_t tdcr);
/* A write of the initial count at `now_ns` (re)starts the count; 0 stops it. */
void apic_timer_start(struct apic_timer *t, uint32_t initial, uint64_t now_ns);
uint32_t apic_timer_current(const struct apic_timer *t, uint64_t now_ns);
/* When (in the clock's nanoseconds) the timer next raises an interrupt not yet signalled
 * by apic_timer_poll; UINT64_MAX when it will not (stopped, masked, one-shot done). */
uint64_t apic_timer_next_ns(const struct apic_timer *t);
/* Whether the timer reached 0 since the last call with its LVT unmasked (one interrupt
 * however many periods passed: one IRR bit). Expiries while masked are consumed. */
bool apic_timer_poll(struct apic_timer *t, uint64_t now_ns);

#endif
