/* The machine's wall clock for guests' RTCs: the host's Goldfish RTC (QEMU virt has one;
 * the firmware's device tree names it) read once at boot, carried on by the time CSR.
 * Without one it counts from 0 at boot: docs/riscv.md. */
#include <hv/vm.h>
#include <rv_host.h>
#include <riscv_csr.h>

static uint64_t ns_at_boot, time_at_boot;

void rv_wallclock_init(uint64_t ns)
{
	ns_at_boot = ns;
	time_at_boot = csr_read(time);
}

uint64_t rv_wallclock_ns(void)
{
	return wallclock_ns_from(ns_at_boot, csr_read(time) - time_at_boot, rv_timebase_hz);
}
