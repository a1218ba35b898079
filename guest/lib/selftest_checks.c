/* The architecture-neutral half of every selftest payload: formatted output, the command
 * line (the manifest passes: one "two words" n=3), prefixes, counters and report_kfail.
 * Each architecture's selftest adds its own deliberate exceptions. */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_formatting(void)
{
	char buf[64];
	report_prefix_push("printf");
	snprintf(buf, sizeof(buf), "%d %u %x %s %c", -42, 42u, 0xbeefu, "str", 'c');
	report(!strcmp(buf, "-42 42 beef str c"), "integers, strings, chars: '%s'", buf);
	snprintf(buf, sizeof(buf), "%#lx %05d %-3s|", 0x123456789abcdeful, 7, "a");
	report(!strcmp(buf, "0x123456789abcdef 00007 a  |"), "64-bit, padding: '%s'", buf);
	snprintf(buf, sizeof(buf), "%llu %zu", 1ULL << 40, (size_t)12);
	report(!strcmp(buf, "1099511627776 12"), "long long and size_t: '%s'", buf);
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
	report_kfail(false, true, "report_kfail: a passing check passes");
	void *p = malloc(4096);
	report(p != NULL, "malloc from the payload heap");
	free(p);
}

void selftest_library_checks(int argc, char **argv)
{
	report_prefix_push("library");
	check_formatting();
	check_args(argc, argv);
	check_reporting();
	report_prefix_pop();
}
