/* selftest (s390x): exercises the payload library: formatted output, the command line,
 * prefixes, report_kfail, and installed handlers catching deliberate exceptions (an
 * operation exception, and a privileged instruction in problem state). */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

static volatile unsigned caught_code, caught_ilc;
static volatile uint64_t caught_addr;

static bool catch_and_skip(struct trap_frame *f)
{
	caught_code = f->code;
	caught_ilc = f->ilc;
	caught_addr = f->psw_addr;
	return true; /* suppressing exceptions: the PSW already points past the instruction */
}

static void test_format(void)
{
	char buf[64];
	report_prefix_push("format");
	snprintf(buf, sizeof(buf), "%d %x %s %5.2s|%-3c|", -42, 0xbeefu, "str", "abc", 'z');
	report(!strcmp(buf, "-42 beef str    ab|z  |"), "snprintf: \"%s\"", buf);
	snprintf(buf, sizeof(buf), "%lu %016lx", 18446744073709551615UL, 0x123456789abcdefUL);
	report(!strcmp(buf, "18446744073709551615 0123456789abcdef"), "64-bit conversions: %s", buf);
	char *heap = malloc(4096);
	report(heap != NULL, "malloc from the heap");
	free(heap);
	report_prefix_pop();
}

static void test_args(int argc, char **argv)
{
	report_prefix_push("args");
	report(argc >= 4, "argc %d (expected at least 4)", argc);
	report(argc > 1 && !strcmp(argv[1], "one"), "argv[1] = %s", argc > 1 ? argv[1] : "(none)");
	report(argc > 2 && !strcmp(argv[2], "two words"), "quoted argument: %s",
	       argc > 2 ? argv[2] : "(none)");
	const char *n = tv_arg(argc, argv, "n");
	report(n && atoi(n) == 3, "key=value lookup n=%s", n ? n : "(none)");
	report_prefix_pop();
}

static void test_prefixes(void)
{
	report_prefix_pushf("outer%d", 1);
	report_prefix_push("inner");
	unsigned before = report_count_pass();
	report(report_count_fail() == 0, "nested prefixes: no unexpected failure so far");
	report(report_count_pass() == before + 1, "pass counter advances");
	report_prefix_pop();
	report_prefix_pop();
}

static void test_operation_exception(void)
{
	report_prefix_push("trap");
	caught_code = 0;
	trap_install(PGM_OPERATION, catch_and_skip);
	uint64_t at;
	/* 0x0000 is not an instruction: operation exception, ILC 1 (2 bytes). */
	asm volatile("larl %0,0f\n0:\t.hword 0x0000" : "=a"(at));
	trap_install(PGM_OPERATION, NULL);
	report(caught_code == PGM_OPERATION, "operation exception caught (code 0x%x)", caught_code);
	report(caught_ilc == 2 && caught_addr == at + 2, "ILC %u, old PSW %lx past the instruction at %lx",
	       caught_ilc, (unsigned long)caught_addr, (unsigned long)at);
	report_prefix_pop();
}

/* Problem state: STIDP is privileged, so it raises a privileged-operation exception. */
static bool back_to_supervisor(struct trap_frame *f)
{
	caught_code = f->code;
	caught_addr = f->psw_mask;
	f->psw_mask &= ~PSW_MASK_PSTATE;
	return true;
}

static void test_problem_state(void)
{
	report_prefix_push("trap");
	caught_code = 0;
	trap_install(PGM_PRIVILEGED_OP, back_to_supervisor);
	/* Not EPSW: without SIE testvisor cannot virtualize it (it shows the real PSW). */
	struct psw p = { PSW_MASK_64 | PSW_MASK_PSTATE, 0 };
	uint64_t id = 0;
	asm volatile("larl %%r1,0f\n\tstg %%r1,8(%1)\n\tlpswe 0(%1)\n"
		     "0:\tstidp %0\n"
		     : "+Q"(id) : "a"(&p) : "r1", "memory", "cc");
	trap_install(PGM_PRIVILEGED_OP, NULL);
	report(caught_code == PGM_PRIVILEGED_OP, "privileged operation in problem state caught (code 0x%x)",
	       caught_code);
	report(caught_addr & PSW_MASK_PSTATE, "old PSW shows problem state");
	/* A privileged instruction now runs without trapping. */
	caught_code = 0;
	trap_install(PGM_PRIVILEGED_OP, catch_and_skip);
	uint32_t prefix = stpx();
	trap_install(PGM_PRIVILEGED_OP, NULL);
	report(caught_code == 0, "back in supervisor state (STPX stored prefix 0x%x)", (unsigned)prefix);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("selftest");
	report_info("running on %s, command line \"%s\"", tv_platform_name(), tv_cmdline());
	test_format();
	test_args(argc, argv);
	test_prefixes();
	test_operation_exception();
	test_problem_state();
	/* Known to fail everywhere: shows as KFAIL and does not count as unexpected. */
	report_kfail(true, 1 + 1 == 3, "report_kfail: a known failure stays known");
	report_kfail(false, true, "report_kfail: a passing check passes");
	report_prefix_pop();
	return report_summary();
}
