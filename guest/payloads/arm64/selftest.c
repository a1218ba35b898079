/* Exercises the payload library on arm64: the shared library checks, and installed trap
 * handlers catching deliberate exceptions (UNDEF, BRK, a data abort). */
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

int main(int argc, char **argv)
{
	selftest_library_checks(argc, argv);
	check_traps();
	report_info("running on %s at EL%lu", tv_platform_name(),
		    (unsigned long)(read_sysreg(CurrentEL) >> 2));
	return report_summary();
}
