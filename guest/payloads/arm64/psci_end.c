/* The PSCI calls that end the system, as a guest uses them: first refused arguments
 * (SYSTEM_RESET2 with a reserved reset type, SYSTEM_OFF2 with an unknown type) must come
 * back as INVALID_PARAMETERS where the version has the call, then `end=` (off, reset,
 * reset2, off2) ends the guest. Under testvisor that ends this guest only; a call that
 * returns is a failure. Guest mode only: on bare QEMU a reset reboots the payload. */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "psci_ids.h"
#include <platform.h>

static int64_t call(uint32_t fid, uint64_t a1, uint64_t a2)
{
	struct smccc_res r;
	smccc_call(fid, a1, a2, 0, &r);
	return (int64_t)r.a0;
}

int main(int argc, char **argv)
{
	unsigned version = (unsigned)call(PSCI_VERSION, 0, 0);
	bool has_reset2 = version >= V(1, 1), has_off2 = version >= V(1, 3);
	report_info("PSCI %u.%u", version >> 16, version & 0xffff);
	if (has_reset2)
		report(call(PSCI_SYSTEM_RESET2 | FN64, 1, 0) == PSCI_RET_INVALID_PARAMETERS,
		       "SYSTEM_RESET2 with a reserved architectural reset type is refused");
	else
		report(call(PSCI_SYSTEM_RESET2 | FN64, 0, 0) == PSCI_RET_NOT_SUPPORTED,
		       "SYSTEM_RESET2 is NOT_SUPPORTED before PSCI 1.1");
	if (has_off2)
		report(call(PSCI_SYSTEM_OFF2 | FN64, 7, 0) == PSCI_RET_INVALID_PARAMETERS,
		       "SYSTEM_OFF2 with an unknown type is refused");
	else
		report(call(PSCI_SYSTEM_OFF2 | FN64, 1, 0) == PSCI_RET_NOT_SUPPORTED,
		       "SYSTEM_OFF2 is NOT_SUPPORTED before PSCI 1.3");

	static const struct { const char *name; uint32_t fid; uint64_t arg; } ends[] = {
		{ "off", PSCI_SYSTEM_OFF, 0 }, { "reset", PSCI_SYSTEM_RESET, 0 },
		{ "reset2", PSCI_SYSTEM_RESET2 | FN64, 0 }, /* architectural warm reset */
		{ "off2", PSCI_SYSTEM_OFF2 | FN64, 1 },     /* HIBERNATE_OFF */
	};
	const char *end = tv_arg(argc, argv, "end");
	for (unsigned i = 0; end && i < sizeof(ends) / sizeof(ends[0]); i++) {
		if (strcmp(end, ends[i].name))
			continue;
		int status = report_summary();
		tv_print_exit_line(status);
		int64_t r = call(ends[i].fid, ends[i].arg, 0);
		printf("FAIL: %s returned %ld instead of ending the guest\n", end, (long)r);
		platform_exit(1);
	}
	report_fail("end=%s is not one of off reset reset2 off2", end ? end : "(none)");
	return report_summary();
}
