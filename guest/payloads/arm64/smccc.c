/* SMCCC discovery and the vendor hypervisor service: SMCCC_VERSION found through
 * PSCI_FEATURES, SMCCC_ARCH_FEATURES, and the hypervisor's UUID. On bare QEMU there is
 * no SMCCC beyond PSCI and no hypervisor: those checks SKIP with the reason. */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "psci_ids.h"
#include "trap.h"

/* testvisor's UUID 7e57b15a-0a64-4c3e-9d6f-74657374766d, as SMCCC returns it (w0..w3). */
static const uint32_t testvisor_uuid[4] = { 0x5ab1577e, 0x3e4c640a, 0x65746f9d, 0x6d767473 };

static volatile unsigned undefs;
static bool on_undef(struct trap_frame *f)
{
	undefs++;
	f->x[0] = (uint64_t)-1; /* as if NOT_SUPPORTED */
	f->pc += 4;
	return true;
}

int main(int argc, char **argv)
{
	struct smccc_res r;
	trap_install(TRAP_EC(EC_UNKNOWN), on_undef);
	smccc_call(PSCI_VERSION, 0, 0, 0, &r);
	unsigned psci = (unsigned)r.a0;
	if (psci < V(1, 0)) {
		report_skip("SMCCC discovery needs PSCI 1.0 (platform has %u.%u)", psci >> 16, psci & 0xffff);
		return report_summary();
	}
	smccc_call(PSCI_FEATURES, SMCCC_VERSION, 0, 0, &r);
	if ((int64_t)r.a0 < 0) {
		report_skip("no SMCCC_VERSION: the platform's firmware implements PSCI only");
		report_skip("vendor hypervisor service: no SMCCC 1.1 on this platform");
		return report_summary();
	}
	smccc_call(SMCCC_VERSION, 0, 0, 0, &r);
	uint32_t ver = (uint32_t)r.a0;
	report_info("SMCCC version %u.%u", ver >> 16, ver & 0xffff);
	report(ver >= 0x10001 && !(ver & 0x80000000u), "SMCCC_VERSION is 1.1 or later");
	smccc_call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES, 0, 0, &r);
	report((int64_t)r.a0 == 0, "SMCCC_ARCH_FEATURES reports itself");
	smccc_call(SMCCC_ARCH_FEATURES, 0x8000ff00, 0, 0, &r);
	report((int64_t)r.a0 == -1, "SMCCC_ARCH_FEATURES of an unknown function is NOT_SUPPORTED");
	smccc_call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0, &r);
	report((int64_t)r.a0 == -1 || (int64_t)r.a0 == 0 || (int64_t)r.a0 == 1,
	       "SMCCC_ARCH_WORKAROUND_1 discovery answers a defined value");
	smccc_call(0x8600fffe, 0, 0, 0, &r);
	report((int64_t)r.a0 == -1, "an unknown vendor hypervisor call is NOT_SUPPORTED");

	smccc_call(SMCCC_VENDOR_HYP_UID, 0, 0, 0, &r);
	uint32_t uuid[4] = { (uint32_t)r.a0, (uint32_t)r.a1, (uint32_t)r.a2, (uint32_t)r.a3 };
	report_info("vendor hypervisor UID %08x %08x %08x %08x", uuid[0], uuid[1], uuid[2], uuid[3]);
	if (strcmp(tv_platform_name(), "testvisor") == 0) {
		report(memcmp(uuid, testvisor_uuid, sizeof(uuid)) == 0,
		       "the vendor hypervisor UID is testvisor's UUID");
		smccc_call(0x8600ff03, 0, 0, 0, &r);
		report(r.a0 == 1 && r.a1 == 0, "vendor hypervisor revision 1.0");
	} else {
		report_skip("vendor hypervisor UID: not running under testvisor");
		report_skip("vendor hypervisor revision: not running under testvisor");
	}
	report(undefs == 0, "no SMCCC call was undefined");
	return report_summary();
}
