/* Interruption dispatch for s390x payloads (see trap.h). */
#include <libtv.h>
#include <stddef.h>
#include <stdio.h>
#include "trap.h"

_Static_assert(offsetof(struct trap_frame, psw_mask) == 128, "start.S FRAME_PSW");
_Static_assert(sizeof(struct trap_frame) <= 256, "start.S FRAME_SIZE");

static trap_handler_t handlers[TRAP_VECTORS];

trap_handler_t trap_get(unsigned vector)
{
	return vector < TRAP_VECTORS ? handlers[vector] : NULL;
}

static const char *const class_names[] = { "program", "supervisor call", "external", "I/O",
					   "machine check" };

void trap_install(unsigned vector, trap_handler_t h)
{
	if (vector < TRAP_VECTORS)
		handlers[vector] = h;
}

static void fill_frame(enum trap_class cls, struct trap_frame *f)
{
	f->cls = cls;
	switch (cls) {
	case TRAP_CLASS_PGM:
		f->code = LC16(LC_PGM_CODE);
		f->ilc = LC16(LC_PGM_ILC) & 0x6;
		f->tea = LC64(LC_TRANS_EXC_CODE);
		break;
	case TRAP_CLASS_SVC:
		f->code = LC16(LC_SVC_CODE);
		f->ilc = LC16(LC_SVC_ILC) & 0x6;
		break;
	case TRAP_CLASS_EXT:
		f->code = LC16(LC_EXT_INT_CODE);
		f->ext_param = LC32(LC_EXT_PARAMS);
		f->ext_cpu = LC16(LC_EXT_CPU_ADDR);
		break;
	case TRAP_CLASS_IO:
		f->io_sid = LC32(LC_SUBCHANNEL_ID);
		f->io_param = LC32(LC_IO_INT_PARM);
		f->io_word = LC32(LC_IO_INT_WORD);
		break;
	case TRAP_CLASS_MCCK:
		f->mcic = LC64(LC_MCCK_CODE);
		break;
	}
}

void trap_dispatch(enum trap_class cls, struct trap_frame *f)
{
	fill_frame(cls, f);
	unsigned vector = cls == TRAP_CLASS_PGM ? (f->code & PGM_CODE_MASK) : TRAP_PGM_VECTORS + cls;
	trap_handler_t h = vector < TRAP_VECTORS ? handlers[vector] : NULL;
	if (h && h(f))
		return;
	printf("INFO: unexpected %s interruption, code 0x%04x, ILC %u\n", class_names[cls],
	       f->code, f->ilc);
	printf("INFO:   old PSW %016lx %016lx, translation-exception address %016lx\n",
	       (unsigned long)f->psw_mask, (unsigned long)f->psw_addr,
	       (unsigned long)f->tea);
	for (int i = 0; i < 16; i += 4)
		printf("INFO:   r%-2d %016lx %016lx %016lx %016lx\n", i,
		       (unsigned long)f->gprs[i], (unsigned long)f->gprs[i + 1],
		       (unsigned long)f->gprs[i + 2], (unsigned long)f->gprs[i + 3]);
	report_abort("unexpected %s interruption 0x%04x at %016lx", class_names[cls], f->code,
		     (unsigned long)f->psw_addr);
}
