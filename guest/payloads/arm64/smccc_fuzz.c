/* Random SMCCC calls: function IDs from every owner range and fast/yielding, 32/64-bit
 * forms, random arguments; the calls that end or stop CPUs are left out. Every call must
 * return (NOT_SUPPORTED or an answer), leave the callee-saved registers alone, or be
 * undefined (bare QEMU has no HVC handler outside PSCI) - never hang or kill the guest.
 * seed= picks the sequence, count= its length. */
#include <libtv.h>
#include <stdlib.h>
#include "arm64.h"
#include "psci_ids.h"
#include "trap.h"

static volatile unsigned undefs;
static bool on_undef(struct trap_frame *f)
{
	undefs++;
	f->x[0] = (uint64_t)-1;
	f->pc += 4;
	return true;
}


/* Calls that end the guest or take CPUs away: not for a fuzzer. */
static bool ends_something(uint32_t fid)
{
	uint32_t f = fid & ~0x40000000u;
	return f == PSCI_CPU_OFF || f == PSCI_SYSTEM_OFF || f == PSCI_SYSTEM_RESET ||
	       f == PSCI_SYSTEM_RESET2 || f == PSCI_SYSTEM_OFF2 || f == PSCI_CPU_SUSPEND ||
	       f == PSCI_CPU_DEFAULT_SUSPEND || f == PSCI_SYSTEM_SUSPEND || f == PSCI_CPU_FREEZE ||
	       f == PSCI_CPU_ON || f == PSCI_MIGRATE;
}

int main(int argc, char **argv)
{
	const char *s = tv_arg(argc, argv, "seed"), *c = tv_arg(argc, argv, "count");
	tv_srand(s ? strtoull(s, NULL, 0) : 0x5eed);
	unsigned count = c ? (unsigned)strtoul(c, NULL, 0) : 2000;
	trap_install(TRAP_EC(EC_UNKNOWN), on_undef);
	unsigned answered = 0, not_supported = 0, clobbered = 0;
	bool smc = psci_conduit_is_smc();
	for (unsigned i = 0; i < count; i++) {
		uint64_t r = tv_rand();
		/* Owner (bits 29:24) from the allocated ranges, function number mostly small. */
		static const uint32_t owners[] = { 0, 1, 2, 3, 4, 5, 6, 0x30, 0x31, 0x32, 0x3f };
		uint32_t fid = 0x80000000u | (uint32_t)(r & 0x40000000u) |
			       (owners[(r >> 8) % (sizeof(owners) / sizeof(owners[0]))] << 24) |
			       (uint32_t)((r >> 20) & ((r & 1) ? 0xffff : 0x1f));
		if (ends_something(fid))
			continue;
		uint64_t a1 = tv_rand(), a2 = tv_rand(), a3 = tv_rand();
		/* Register variables hold only at the asm: no calls after setting them. */
		register uint64_t x0 __asm__("x0") = fid;
		register uint64_t x1 __asm__("x1") = a1;
		register uint64_t x2 __asm__("x2") = a2;
		register uint64_t x3 __asm__("x3") = a3;
		register uint64_t x19 __asm__("x19") = 0x1919191919191919ull;
		register uint64_t x28 __asm__("x28") = 0x2828282828282828ull;
		if (smc)
			__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x19), "+r"(x28)
				     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				       "x14", "x15", "x16", "x17", "memory");
		else
			__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x19), "+r"(x28)
				     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				       "x14", "x15", "x16", "x17", "memory");
		if (x19 != 0x1919191919191919ull || x28 != 0x2828282828282828ull)
			clobbered++;
		if ((int64_t)x0 == -1)
			not_supported++;
		else
			answered++;
	}
	report_info("%u calls answered, %u NOT_SUPPORTED, %u undefined", answered, not_supported, undefs);
	report(clobbered == 0, "no call changed callee-saved registers");
	report(answered + not_supported > 0, "the guest survived every call");
	return report_summary();
}
