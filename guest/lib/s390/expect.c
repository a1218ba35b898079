/* pgm_expect_begin/end (trap.h): every program-interruption vector caught at once. */
#include "trap.h"

static volatile uint16_t first_code;
static trap_handler_t saved[TRAP_PGM_VECTORS];
static bool active;

static bool record(struct trap_frame *f)
{
	if (!first_code)
		first_code = f->code & PGM_CODE_MASK;
	return true;
}

void pgm_expect_begin(void)
{
	first_code = 0;
	if (active)
		return;
	for (unsigned v = 1; v < TRAP_PGM_VECTORS; v++) {
		saved[v] = trap_get(v);
		trap_install(v, record);
	}
	active = true;
}

uint16_t pgm_expect_end(void)
{
	if (active) {
		for (unsigned v = 1; v < TRAP_PGM_VECTORS; v++)
			trap_install(v, saved[v]);
		active = false;
	}
	return first_code;
}
