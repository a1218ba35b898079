/* Self-test of the riscv64 payload library: the shared library checks, trap handlers for
 * deliberate exceptions, FPU, DTB, SBI basics.
 * Expects the manifest's arguments: one "two words" n=3 */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include <riscv_csr.h>
#include <fdt.h>
#include "sbi.h"
#include "trap.h"


static void check_traps(void)
{
	trap_catch(EXC_BREAKPOINT);
	trap_caught.count = 0;
	__asm__ volatile("ebreak");
	report(trap_caught.count == 1 && trap_caught.scause == EXC_BREAKPOINT,
	       "ebreak caught by installed handler (count %u, scause %lu)", trap_caught.count,
	       (unsigned long)trap_caught.scause);
	trap_uncatch(EXC_BREAKPOINT);

	trap_catch(EXC_ILLEGAL_INST);
	trap_caught.count = 0;
	__asm__ volatile(".option push\n.option norvc\nunimp\n.option pop"); /* csrrw x0, cycle, x0: writes a read-only CSR */
	report(trap_caught.count == 1 && trap_caught.scause == EXC_ILLEGAL_INST,
	       "illegal instruction caught by installed handler (scause %lu)",
	       (unsigned long)trap_caught.scause);
	trap_uncatch(EXC_ILLEGAL_INST);
}

static void check_platform(void)
{
	report(fdt_check(boot_dtb, 1 << 20), "DTB handed over in a1 is valid");
	volatile double x = 1.5, y = 2.25;
	report(x * y == 3.375, "FPU usable (sstatus.FS enabled)");
	uint64_t t0 = csr_read(time);
	for (volatile int i = 0; i < 10000; i++)
		;
	report(csr_read(time) > t0, "time CSR advances");
	long ver = sbi_spec_version();
	report(ver >= (2L << 24), "SBI spec version >= 2.0");
	report_info("platform: %s, SBI implementation id %ld", tv_platform_name(), sbi_impl_id());
}

int main(int argc, char **argv)
{
	report_prefix_push("selftest");
	selftest_library_checks(argc, argv);
	check_traps();
	check_platform();
	return report_summary();
}
