/* Exercises the payload library on arm64: formatted output, the command line, prefixes,
 * report_kfail, and installed trap handlers catching deliberate exceptions (UNDEF, BRK,
 * a data abort). */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arm64.h"
#include "trap.h"

static volatile unsigned undef_seen, brk_seen, abort_seen;
static volatile uint64_t brk_imm, abort_far;

static bool on_undef(struct trap_frame *f)
{
	undef_seen++;
	f->pc += 4;
	return true;
}

static bool on_brk(struct trap_frame *f)
{
	brk_seen++;
	brk_imm = f->esr & 0xffff;
	f->pc += 4;
	return true;
}

static bool on_data_abort(struct trap_frame *f)
{
	abort_seen++;
	abort_far = f->far;
	f->pc += 4;
	return true;
}

static void check_formatting(void)
{
	char buf[64];
	report_prefix_push("printf");
	snprintf(buf, sizeof(buf), "%d %u %x %s %c", -42, 42u, 0xbeefu, "str", 'c');
	report(!strcmp(buf, "-42 42 beef str c"), "integers, strings, chars: '%s'", buf);
	snprintf(buf, sizeof(buf), "%#lx %05d %-3s|", 0x123456789abcdeful, 7, "a");
	report(!strcmp(buf, "0x123456789abcdef 00007 a  |"), "64-bit, padding: '%s'", buf);
	report_prefix_pop();
}

static void check_args(int argc, char **argv)
{
	report_prefix_push("args");
	report(argc == 4, "argc is 4 (got %d: cmdline '%s')", argc, tv_cmdline());
	report(argc > 1 && !strcmp(argv[1], "one"), "argv[1] is 'one'");
	report(argc > 2 && !strcmp(argv[2], "two words"), "quoted argument kept together");
	const char *n = tv_arg(argc, argv, "n");
	report(n && atoi(n) == 3, "key=value lookup n=%s", n ? n : "(none)");
	report_prefix_pop();
}

static void check_traps(void)
{
	report_prefix_push("traps");
	trap_install(TRAP_EC(EC_UNKNOWN), on_undef);
	__asm__ volatile(".inst 0x00000000" ::: "memory"); /* UDF #0 */
	report(undef_seen == 1, "UDF caught by an installed handler (%u)", undef_seen);
	trap_install(TRAP_EC(EC_UNKNOWN), NULL);

	trap_install(TRAP_EC(EC_BRK64), on_brk);
	__asm__ volatile("brk #0x1234" ::: "memory");
	report(brk_seen == 1 && brk_imm == 0x1234, "BRK #0x1234 caught, immediate %#lx",
	       (unsigned long)brk_imm);
	trap_install(TRAP_EC(EC_BRK64), NULL);

	/* An address beyond the 39-bit identity map: a stage-1 translation fault, the
	 * same on bare QEMU and under testvisor. */
	trap_install(TRAP_EC(EC_DABT_CUR), on_data_abort);
	volatile uint32_t *bad = (volatile uint32_t *)0x20000000000ull;
	(void)*bad;
	report(abort_seen == 1, "data abort caught");
	trap_install(TRAP_EC(EC_DABT_CUR), NULL);
	report_prefix_pop();
}

static void check_reporting(void)
{
	report_prefix_pushf("level%d", 1);
	report_prefix_push("level2");
	report_pass("nested prefixes");
	report_prefix_pop();
	report_prefix_pop();
	unsigned pass_before = report_count_pass();
	report(true, "counters move");
	report(report_count_pass() == pass_before + 1, "pass counter counted the last check");
	unsigned kfail_before = report_count_kfail(), fail_before = report_count_fail();
	report_kfail(true, false, "a known failure is not an unexpected one");
	report(report_count_kfail() == kfail_before + 1 && report_count_fail() == fail_before,
	       "report_kfail counted as known failure");
	report_info("running on %s at EL%lu", tv_platform_name(),
		    (unsigned long)(read_sysreg(CurrentEL) >> 2));
}

int main(int argc, char **argv)
{
	check_formatting();
	check_args(argc, argv);
	check_traps();
	check_reporting();
	return report_summary();
}
