/* One SMC Calling Convention call through SMC or HVC with x0-x3 in and out: testvisor's
 * calls to the firmware below it (arch/arm64/firmware.c) and a payload's calls to
 * testvisor or firmware (guest/lib/arm64/platform.c). */
#ifndef ARM64_SMCCC_CONDUIT_H
#define ARM64_SMCCC_CONDUIT_H

#include <stdbool.h>
#include <stdint.h>

/* regs[0] = function ID, regs[1..3] = arguments; on return regs[0..3] = x0-x3. */
static inline void smccc_conduit_call(bool smc, uint64_t regs[4])
{
	register uint64_t x0 __asm__("x0") = regs[0];
	register uint64_t x1 __asm__("x1") = regs[1];
	register uint64_t x2 __asm__("x2") = regs[2];
	register uint64_t x3 __asm__("x3") = regs[3];
	if (smc)
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	regs[0] = x0, regs[1] = x1, regs[2] = x2, regs[3] = x3;
}

#endif
