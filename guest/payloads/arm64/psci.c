/* PSCI as the platform offers it (over the DTB's conduit, or conduit=smc|hvc), checked
 * for consistency with the version it reports:
 * VERSION (against expect_version= when given), PSCI_FEATURES of every function ID,
 * NOT_SUPPORTED for functions the version lacks and for unallocated IDs, CPU_ON/CPU_OFF
 * of a second CPU with AFFINITY_INFO, and CPU_ON's error codes. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "arm64.h"
#include "psci_ids.h"

struct psci_fn {
	uint32_t id;
	const char *name;
	unsigned since;     /* PSCI version that introduced it */
	bool mandatory;     /* must be implemented from that version on */
	bool safe_to_call;  /* calling it with zero arguments has no lasting effect */
};

static const struct psci_fn fns[] = {
	{ PSCI_VERSION, "PSCI_VERSION", V(0, 2), true, true },
	{ PSCI_CPU_SUSPEND, "CPU_SUSPEND", V(0, 2), true, false },
	{ PSCI_CPU_SUSPEND | FN64, "CPU_SUSPEND64", V(0, 2), false, false },
	{ PSCI_CPU_OFF, "CPU_OFF", V(0, 2), true, false },
	{ PSCI_CPU_ON, "CPU_ON", V(0, 2), true, false },
	{ PSCI_CPU_ON | FN64, "CPU_ON64", V(0, 2), false, false },
	{ PSCI_AFFINITY_INFO, "AFFINITY_INFO", V(0, 2), true, false },
	{ PSCI_AFFINITY_INFO | FN64, "AFFINITY_INFO64", V(0, 2), false, false },
	{ PSCI_MIGRATE, "MIGRATE", V(0, 2), false, false },
	{ PSCI_MIGRATE_INFO_TYPE, "MIGRATE_INFO_TYPE", V(0, 2), false, true },
	{ PSCI_MIGRATE_INFO_UP_CPU, "MIGRATE_INFO_UP_CPU", V(0, 2), false, true },
	{ PSCI_SYSTEM_OFF, "SYSTEM_OFF", V(0, 2), true, false },
	{ PSCI_SYSTEM_RESET, "SYSTEM_RESET", V(0, 2), true, false },
	{ PSCI_FEATURES, "PSCI_FEATURES", V(1, 0), true, false },
	{ PSCI_CPU_FREEZE, "CPU_FREEZE", V(1, 0), false, false },
	{ PSCI_CPU_DEFAULT_SUSPEND, "CPU_DEFAULT_SUSPEND", V(1, 0), false, false },
	{ PSCI_NODE_HW_STATE, "NODE_HW_STATE", V(1, 0), false, false },
	{ PSCI_SYSTEM_SUSPEND, "SYSTEM_SUSPEND", V(1, 0), false, false },
	{ PSCI_SET_SUSPEND_MODE, "PSCI_SET_SUSPEND_MODE", V(1, 0), false, false },
	{ PSCI_STAT_RESIDENCY, "PSCI_STAT_RESIDENCY", V(1, 0), false, false },
	{ PSCI_STAT_COUNT, "PSCI_STAT_COUNT", V(1, 0), false, false },
	{ PSCI_SYSTEM_RESET2, "SYSTEM_RESET2", V(1, 1), false, false },
	{ PSCI_MEM_PROTECT, "MEM_PROTECT", V(1, 1), false, false },
	{ PSCI_MEM_PROTECT_CHECK_RANGE, "MEM_PROTECT_CHECK_RANGE", V(1, 1), false, false },
	{ PSCI_SYSTEM_OFF2, "SYSTEM_OFF2", V(1, 3), false, false },
};
#define NR_FNS (sizeof(fns) / sizeof(fns[0]))

static bool use_smc; /* conduit=smc: SMC whatever the DTB says (testvisor traps both) */

static int64_t call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smccc_res r;
	smccc_call_via(use_smc, fid, a1, a2, a3, &r);
	return (int64_t)r.a0;
}

static unsigned parse_version(const char *s)
{
	char *end;
	unsigned major = (unsigned)strtoul(s, &end, 10);
	unsigned minor = *end == '.' ? (unsigned)strtoul(end + 1, NULL, 10) : 0;
	return V(major, minor);
}

static void check_features(unsigned version)
{
	report_prefix_push("features");
	if (version < V(1, 0)) {
		report(call(PSCI_FEATURES, PSCI_VERSION, 0, 0) == PSCI_RET_NOT_SUPPORTED,
		       "PSCI_FEATURES is NOT_SUPPORTED before PSCI 1.0");
		report_prefix_pop();
		return;
	}
	unsigned bad_mandatory = 0, bad_newer = 0;
	for (unsigned i = 0; i < NR_FNS; i++) {
		int64_t f = call(PSCI_FEATURES, fns[i].id, 0, 0);
		report_info("%s (%#x): %ld", fns[i].name, (unsigned)fns[i].id, (long)f);
		if (fns[i].mandatory && version >= fns[i].since && f < 0)
			bad_mandatory++;
		if (version < fns[i].since && f != PSCI_RET_NOT_SUPPORTED)
			bad_newer++;
	}
	report(bad_mandatory == 0, "every mandatory function of the version is supported");
	report(bad_newer == 0, "functions newer than the version are NOT_SUPPORTED");
	report(call(PSCI_FEATURES, 0x8400001f, 0, 0) == PSCI_RET_NOT_SUPPORTED,
	       "an unallocated PSCI function ID is NOT_SUPPORTED by PSCI_FEATURES");
	report(call(PSCI_FEATURES, 0xc2000000, 0, 0) == PSCI_RET_NOT_SUPPORTED,
	       "a non-PSCI function ID is NOT_SUPPORTED by PSCI_FEATURES");
	report_prefix_pop();
}

static void check_unsupported(unsigned version)
{
	report_prefix_push("unsupported");
	report(call(0x8400001f, 0, 0, 0) == PSCI_RET_NOT_SUPPORTED,
	       "calling an unallocated PSCI function returns NOT_SUPPORTED");
	unsigned wrong = 0, tried = 0;
	for (unsigned i = 0; i < NR_FNS; i++) {
		bool absent = version < fns[i].since ||
			      (version >= V(1, 0) && call(PSCI_FEATURES, fns[i].id, 0, 0) < 0);
		if (!fns[i].safe_to_call || !absent)
			continue;
		tried++;
		if (call(fns[i].id, 0, 0, 0) != PSCI_RET_NOT_SUPPORTED)
			wrong++;
	}
	report_info("%u absent functions called", tried);
	report(wrong == 0, "functions reported absent answer NOT_SUPPORTED when called");
	report_prefix_pop();
}

/* The second CPU starts with the MMU off: it only stores a flag and turns itself off. */
extern char secondary_entry_hvc[], secondary_entry_smc[];
__asm__(".text\n.balign 4\n"
	"secondary_entry_hvc:\n"
	"  mov w1, #1\n  str w1, [x0]\n  dsb sy\n  movz w0, #0x8400, lsl #16\n  orr w0, w0, #2\n"
	"  hvc #0\n  b .\n"
	"secondary_entry_smc:\n"
	"  mov w1, #1\n  str w1, [x0]\n  dsb sy\n  movz w0, #0x8400, lsl #16\n  orr w0, w0, #2\n"
	"  smc #0\n  b .\n");

static volatile uint32_t secondary_flag __attribute__((aligned(64)));

static uint32_t read_flag(void)
{
	/* The secondary wrote with its MMU and caches off: look at memory, not the cache. */
	__asm__ volatile("dc civac, %0\n dsb sy" : : "r"(&secondary_flag) : "memory");
	return secondary_flag;
}

static bool wait_affinity(uint64_t mpidr, int64_t state)
{
	for (unsigned i = 0; i < 2000000; i++)
		if (call(PSCI_AFFINITY_INFO | FN64, mpidr, 0, 0) == state)
			return true;
	return false;
}

static void check_cpu_on_off(int argc, char **argv)
{
	report_prefix_push("cpu_on");
	uint64_t self = read_sysreg(mpidr_el1) & 0xff00ffffffull;
	report(call(PSCI_CPU_ON | FN64, self, 0, 0) == PSCI_RET_ALREADY_ON,
	       "CPU_ON of the calling CPU is ALREADY_ON");
	report(call(PSCI_CPU_ON | FN64, 0xfe, 0, 0) == PSCI_RET_INVALID_PARAMETERS,
	       "CPU_ON of a CPU that does not exist is INVALID_PARAMETERS");
	report(call(PSCI_AFFINITY_INFO | FN64, self, 0, 0) == 0, "AFFINITY_INFO: this CPU is ON");
	const char *cpus = tv_arg(argc, argv, "cpus");
	if (!cpus || atoi(cpus) < 2) {
		report_skip("second CPU: the test was started with one CPU (cpus=2 runs it)");
		report_prefix_pop();
		return;
	}
	uint64_t other = self ^ 1;
	report(call(PSCI_AFFINITY_INFO | FN64, other, 0, 0) == 1, "AFFINITY_INFO: CPU 1 is OFF");
	secondary_flag = 0;
	__asm__ volatile("dc civac, %0\n dsb sy" : : "r"(&secondary_flag) : "memory");
	char *entry = use_smc ? secondary_entry_smc : secondary_entry_hvc;
	int64_t r = call(PSCI_CPU_ON | FN64, other, (uint64_t)(uintptr_t)entry,
			 (uint64_t)(uintptr_t)&secondary_flag);
	report(r == PSCI_RET_SUCCESS, "CPU_ON of CPU 1 succeeds");
	if (r != PSCI_RET_SUCCESS)
		report_info("CPU_ON returned %ld", (long)r);
	unsigned spins = 0;
	while (!read_flag() && spins < 50000000)
		spins++;
	report(read_flag() == 1, "CPU 1 ran its entry point with the context argument");
	report(wait_affinity(other, 1), "CPU 1 is OFF again after CPU_OFF");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	const char *conduit = tv_arg(argc, argv, "conduit");
	use_smc = conduit ? !strcmp(conduit, "smc") : psci_conduit_is_smc();
	int64_t v = call(PSCI_VERSION, 0, 0, 0);
	unsigned version = (unsigned)v;
	report_info("PSCI %u.%u over %s", version >> 16, version & 0xffff, use_smc ? "SMC" : "HVC");
	report(v > 0 && (version >> 16) <= 1 && version >= V(0, 2), "PSCI_VERSION is 0.2 or later");
	const char *expect = tv_arg(argc, argv, "expect_version");
	if (expect)
		report(version == parse_version(expect), "PSCI_VERSION is the configured %s", expect);
	report(call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0) >= 0 ||
		       call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0) == PSCI_RET_NOT_SUPPORTED,
	       "MIGRATE_INFO_TYPE answers");
	check_features(version);
	check_unsupported(version);
	check_cpu_on_off(argc, argv);
	return report_summary();
}
