/* One Program-Event Recording event as testvisor passes it to a guest (debug_per.h). */
#ifndef S390_PER_EVENT_H
#define S390_PER_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct per_event {
	bool pending;
	uint8_t code, atmid, access_id; /* PER code (lowcore 0x96), ATMID (0x97), access id (0xa1) */
	uint64_t address;               /* PER address (0x98): the instruction that caused it */
	unsigned ilc;
};

/* testvisor tracing the guest with PER of its own (debug_per_trace.c; the log itself is
 * the core's vcpu->trace, hv/trace_log.h). */
struct per_trace {
	bool host_per;              /* the running slice has testvisor's PER, not the guest's */
	bool break_skipping;        /* break=: step over the instruction at break_skip */
	uint64_t break_skip;
};

#endif
