/* Machine-check catching for payloads that expect them (channel reports): counts them,
 * keeps the last interruption code, and waits for one with machine checks enabled. */
#include "mcheck.h"
#include "s390.h"
#include "trap.h"

static volatile unsigned mchecks;
static volatile uint64_t last_mcic;

static bool on_mcheck(struct trap_frame *f)
{
	mchecks++;
	last_mcic = f->mcic;
	/* Resume after the wait PSW below, with machine checks masked again. */
	f->psw_mask &= ~(PSW_MASK_WAIT | PSW_MASK_MCHK);
	return true;
}

void mcheck_catch(void) { trap_install(TRAP_MCCK, on_mcheck); }
unsigned mcheck_count(void) { return mchecks; }
uint64_t mcheck_last_mcic(void) { return last_mcic; }

unsigned mcheck_wait(void)
{
	unsigned before = mchecks;
	struct psw w = { PSW_MASK_64 | PSW_MASK_WAIT | PSW_MASK_MCHK, 0 };
	asm volatile("larl %%r1,0f\n\tstg %%r1,8(%0)\n\tlpswe 0(%0)\n0:"
		     : : "a"(&w) : "r1", "memory", "cc");
	return mchecks - before;
}

unsigned mcheck_poll(void)
{
	unsigned before = mchecks;
	struct psw on = { PSW_MASK_64 | PSW_MASK_MCHK, 0 }, off = { PSW_MASK_64, 0 };
	/* Enable, then disable at once: a pending machine check is taken in between. */
	asm volatile("larl %%r1,0f\n\tstg %%r1,8(%0)\n\tlarl %%r1,1f\n\tstg %%r1,8(%1)\n\t"
		     "lpswe 0(%0)\n0:\tlpswe 0(%1)\n1:"
		     : : "a"(&on), "a"(&off) : "r1", "memory", "cc");
	return mchecks - before;
}
