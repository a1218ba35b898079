/* Dispatch of EL1 exceptions to the handlers payloads install (trap.h). */
#include <libtv.h>
#include <stdio.h>
#include "exc_frame.h"
#include "trap.h"

_Static_assert(sizeof(struct trap_frame) == EXC_FRAME_SIZE, "exc_frame.h layout");

static trap_handler_t handlers[TRAP_VECTORS];
static const char *const kinds[] = { "synchronous", "IRQ", "FIQ", "SError", "lower-EL" };

void trap_install(unsigned vector, trap_handler_t h)
{
	if (vector < TRAP_VECTORS)
		handlers[vector] = h;
}

static void dump(const struct trap_frame *f, unsigned kind)
{
	printf("INFO: unexpected %s exception at EL1: ESR_EL1=%016lx (EC 0x%02x) FAR_EL1=%016lx\n",
	       kinds[kind], (unsigned long)f->esr, trap_ec(f), (unsigned long)f->far);
	printf("INFO:   pc=%016lx pstate=%016lx sp=%016lx\n", (unsigned long)f->pc,
	       (unsigned long)f->pstate, (unsigned long)f->sp);
	for (unsigned i = 0; i < 30; i += 3)
		printf("INFO:   x%-2u=%016lx x%-2u=%016lx x%-2u=%016lx\n", i,
		       (unsigned long)f->x[i], i + 1, (unsigned long)f->x[i + 1], i + 2,
		       (unsigned long)f->x[i + 2]);
	printf("INFO:   x30=%016lx\n", (unsigned long)f->x[30]);
}

void trap_dispatch(struct trap_frame *f, unsigned kind);
void trap_dispatch(struct trap_frame *f, unsigned kind)
{
	unsigned vector = kind == 0 ? trap_ec(f) : kind < 4 ? TRAP_IRQ + kind - 1 : TRAP_VECTORS;
	static unsigned depth;
	if (vector < TRAP_VECTORS && handlers[vector]) {
		depth++;
		bool handled = handlers[vector](f);
		depth--;
		if (handled)
			return;
	}
	if (depth++ > 1)
		for (;;) /* faulted while reporting a fault: nothing sane is left */
			__asm__ volatile("wfi");
	dump(f, kind);
	report_abort("unexpected %s exception, EC 0x%02x at pc %#lx", kinds[kind], trap_ec(f),
		     (unsigned long)f->pc);
}
