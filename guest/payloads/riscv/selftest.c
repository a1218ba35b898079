/* Self-test of the riscv64 payload library: formatted output, command line, trap
 * handlers for deliberate exceptions, report_kfail, prefixes, heap, FPU, SBI basics.
 * Expects the manifest's arguments: one "two words" n=3 */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include <riscv_csr.h>
#include <fdt.h>
#include "sbi.h"
#include "trap.h"

static unsigned trap_count;
static uint64_t last_cause;

static bool count_and_skip(struct trap_frame *f)
{
	trap_count++;
	last_cause = f->scause;
	f->sepc += insn_length(f->sepc);
	return true;
}

static void check_format(void)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%d|%5u|%-3s|%x|%08lx", -42, 7u, "ab", 0xbeefu, 0x1234UL);
	report(!strcmp(buf, "-42|    7|ab |beef|00001234"), "snprintf formats integers, widths, strings");
	snprintf(buf, sizeof(buf), "%lu", 18446744073709551615UL);
	report(!strcmp(buf, "18446744073709551615"), "snprintf formats 64-bit values");
}

static void check_args(int argc, char **argv)
{
	report_info("command line: %s", tv_cmdline());
	report(argc == 4, "argc is 4 (got %d)", argc);
	report(argc > 1 && !strcmp(argv[1], "one"), "argv[1] is \"one\"");
	report(argc > 2 && !strcmp(argv[2], "two words"), "quoted argument kept together");
	const char *n = tv_arg(argc, argv, "n");
	report(n && !strcmp(n, "3"), "tv_arg finds n=3");
}

static void check_traps(void)
{
	trap_install(EXC_BREAKPOINT, count_and_skip);
	trap_count = 0;
	__asm__ volatile("ebreak");
	report(trap_count == 1 && last_cause == EXC_BREAKPOINT,
	       "ebreak caught by installed handler (count %u, scause %lu)", trap_count,
	       (unsigned long)last_cause);
	trap_install(EXC_BREAKPOINT, NULL);

	trap_install(EXC_ILLEGAL_INST, count_and_skip);
	trap_count = 0;
	__asm__ volatile(".option push\n.option norvc\nunimp\n.option pop"); /* csrrw x0, cycle, x0: writes a read-only CSR */
	report(trap_count == 1 && last_cause == EXC_ILLEGAL_INST,
	       "illegal instruction caught by installed handler (scause %lu)",
	       (unsigned long)last_cause);
	trap_install(EXC_ILLEGAL_INST, NULL);
}

static void check_report_api(void)
{
	unsigned kfails = report_count_kfail(), passes = report_count_pass();
	report_kfail(true, false, "deliberate known failure");
	report(report_count_kfail() == kfails + 1, "report_kfail counts a known failure");
	report_prefix_push("prefix");
	report_pass("line under a prefix");
	report_prefix_pop();
	report(report_count_pass() == passes + 2, "passes counted across prefixes");
}

static void check_platform(void)
{
	report(fdt_check(boot_dtb, 1 << 20), "DTB handed over in a1 is valid");
	char *p = malloc(1000);
	report(p != NULL, "malloc from the heap");
	free(p);
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
	check_format();
	check_args(argc, argv);
	check_traps();
	check_report_api();
	check_platform();
	return report_summary();
}
