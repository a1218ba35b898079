/* selftest (s390x): exercises the payload library: the shared library checks, and installed
 * handlers catching deliberate exceptions (an operation exception, and a privileged
 * instruction in problem state). */
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
	selftest_library_checks(argc, argv);
	test_operation_exception();
	test_problem_state();
	report_prefix_pop();
	return report_summary();
}
