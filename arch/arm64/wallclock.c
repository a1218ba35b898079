/* The machine's wall clock for guests' RTCs: the host's PL031 (the firmware's device
 * tree names it, QEMU virt has one) read once at boot, carried on by the generic counter.
 * Without one (an ACPI-only board) it counts from 0 at boot: docs/arm64.md. */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include "arm64.h"

static uint64_t rtc_at_boot, cycles_at_boot;

void arm64_wallclock_init(uint32_t rtc_seconds)
{
	rtc_at_boot = rtc_seconds;
	cycles_at_boot = arch_cycles();
}

uint64_t arm64_wallclock_ns(void)
{
	return wallclock_ns_from(rtc_at_boot * 1000000000u, arch_cycles() - cycles_at_boot,
				 arch_cycles_hz());
}
