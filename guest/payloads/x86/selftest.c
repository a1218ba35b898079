/* Exercises the payload library on x86_64: formatted output, the command line, prefixes,
 * report_kfail, SSE, and installed trap handlers catching deliberate exceptions (#UD,
 * #DE, #BP, #PF). */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trap.h"

static volatile unsigned bp_seen;
static volatile uint64_t bp_rip, pf_addr;

static bool on_breakpoint(struct trap_frame *f)
{
	bp_seen++;
	bp_rip = f->rip; /* a trap: RIP already points past the int3 */
	return true;
}

static bool on_page_fault(struct trap_frame *f)
{
	uint64_t cr2;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	pf_addr = cr2;
	f->rip += 2; /* mov (%rax), %eax */
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

static void check_sse(void)
{
	volatile double a = 1.5, b = 2.25;
	double c = a * b;
	report((long)(c * 1000) == 3375, "SSE arithmetic (1.5 * 2.25 = 3.375)");
}

static void check_traps(void)
{
	report_prefix_push("traps");
	trap_expect(6, 2);
	__asm__ volatile("ud2" ::: "memory");
	report(trap_expected_seen(), "#UD from ud2 caught by an installed handler");

	trap_expect(0, 2);
	__asm__ volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx; .byte 0xf7, 0xf1"
			 ::: "eax", "ecx", "edx", "memory"); /* div %ecx */
	report(trap_expected_seen(), "#DE from a division by zero caught");

	trap_install(3, on_breakpoint);
	uint64_t after;
	__asm__ volatile("int3\n1: lea 1b(%%rip), %0" : "=r"(after) :: "memory");
	report(bp_seen == 1 && bp_rip == after, "#BP from int3 caught, RIP past the int3");
	trap_install(3, NULL);

	/* Above the 4 GiB the start-up code maps: a not-present page fault with CR2. */
	trap_install(14, on_page_fault);
	uint64_t bad = 0x100000000ull;
	__asm__ volatile("mov %0, %%rax; .byte 0x8b, 0x00" :: "r"(bad) : "rax", "memory");
	report(pf_addr == bad, "#PF caught with CR2 = %#lx", (unsigned long)pf_addr);
	trap_install(14, NULL);
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
	report_info("running on %s", tv_platform_name());
}

int main(int argc, char **argv)
{
	check_formatting();
	check_args(argc, argv);
	check_sse();
	check_traps();
	check_reporting();
	return report_summary();
}
