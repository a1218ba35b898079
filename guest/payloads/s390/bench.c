/* bench (s390x): round trips of what testvisor emulates, timed with STCKF over 100,000
 * iterations: STIDP and STPX (privileged: trap and emulate under testvisor, native on
 * QEMU), a program interruption caught by the payload's handler (reflected through the
 * guest's lowcore under testvisor), and an empty loop for the baseline. Prints
 * "BENCH: <metric> <ns> ns" per operation (under -icount shift=0 one ns is one
 * instruction, so the figures are path lengths). Also DIAG 0x44 (always intercepted
 * under SIE). `only=<metric>` runs one of them: tests/hercules/bench.sh counts each
 * with Hercules's instruction counter and subtracts the empty loop. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

#define ITERATIONS 100000UL

static bool skip_it(struct trap_frame *f) { return true; }

/* Nanoseconds per iteration of a TOD-clock interval. */
static unsigned long per_op_ns(uint64_t tod)
{
	return (unsigned long)(tod * 1000 / TOD_TICKS_PER_US / ITERATIONS);
}

static const char *only;

#define MEASURE(metric, body)                                                 \
	do {                                                                  \
		if (only && strcmp(only, metric))                             \
			break;                                                \
		uint64_t t0 = stckf();                                        \
		for (unsigned long i = 0; i < ITERATIONS; i++) {              \
			body;                                                 \
		}                                                             \
		uint64_t t = stckf() - t0;                                    \
		printf("BENCH: %s %lu ns\n", metric, per_op_ns(t));           \
		report(t > 0, "%s: %lu iterations timed", metric, ITERATIONS); \
	} while (0)

int main(int argc, char **argv)
{
	report_prefix_push("bench");
	only = tv_arg(argc, argv, "only");
	MEASURE("empty_loop", asm volatile("" : : : "memory"));
	MEASURE("stidp_round_trip", (void)stidp());
	MEASURE("stpx_round_trip", (void)stpx());
	MEASURE("diag_round_trip", asm volatile("diag 0,0,0x44" : : : "memory"));
	trap_install(PGM_OPERATION, skip_it);
	MEASURE("program_interruption_round_trip", asm volatile(".hword 0" : : : "memory"));
	trap_install(PGM_OPERATION, NULL);
	report_prefix_pop();
	return report_summary();
}
