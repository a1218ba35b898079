/* HVC round trip: PSCI_VERSION through the PSCI conduit, `iters` times (100000 unless
 * iters= says otherwise), timed with the virtual counter. Under testvisor this is a full
 * guest exit and entry; on bare QEMU, QEMU's own PSCI emulation. Under -icount shift=0
 * one counter tick is one instruction, so the figure is a path length. */
#include <libtv.h>
#include <stdlib.h>
#include "arm64.h"
#include "psci_ids.h"

static uint64_t time_calls(unsigned iters, bool hypercall)
{
	struct smccc_res r;
	uint64_t start = read_sysreg(cntvct_el0);
	for (unsigned i = 0; i < iters; i++) {
		if (hypercall)
			smccc_call(PSCI_VERSION, 0, 0, 0, &r);
		else
			__asm__ volatile("" ::: "memory");
	}
	isb();
	return read_sysreg(cntvct_el0) - start;
}

int main(int argc, char **argv)
{
	const char *n = tv_arg(argc, argv, "iters");
	unsigned iters = n ? (unsigned)strtoul(n, NULL, 0) : 100000;
	uint64_t hz = read_sysreg(cntfrq_el0);
	time_calls(iters / 10 + 1, true); /* warm up the translation caches */
	uint64_t calls = time_calls(iters, true), loop = time_calls(iters, false);
	uint64_t per_call = (calls - (loop < calls ? loop : 0)) / iters;
	report(calls > 0 && iters > 0, "%u HVC round trips timed", iters);
	printf("BENCH: hvc_round_trip %lu cntvct_ticks\n", (unsigned long)per_call);
	printf("BENCH: hvc_round_trip_ns %lu ns\n",
	       (unsigned long)(per_call * 1000000000ull / (hz ? hz : 1)));
	return report_summary();
}
