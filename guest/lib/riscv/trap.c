/* Payload trap dispatch: a table of handlers indexed by vector (see trap.h). */
#include "trap.h"
#include <libtv.h>
#include <stdio.h>
#include <riscv_csr.h>

extern void trap_entry(void);

static trap_handler_t handlers[TRAP_VECTORS];

void trap_init(void)
{
	csr_write(stvec, (uintptr_t)trap_entry);
}

void trap_install(unsigned vector, trap_handler_t h)
{
	if (vector >= TRAP_VECTORS)
		report_abort("trap_install: vector %u out of range", vector);
	handlers[vector] = h;
}

unsigned insn_length(uint64_t pc)
{
	return (*(const uint16_t *)pc & 3) == 3 ? 4 : 2;
}

volatile struct caught_trap trap_caught;

static bool count_and_skip(struct trap_frame *f)
{
	trap_caught.count++;
	trap_caught.scause = f->scause;
	trap_caught.stval = f->stval;
	trap_caught.sstatus = f->sstatus;
	f->sepc += insn_length(f->sepc);
	return true;
}

void trap_catch(unsigned vector) { trap_install(vector, count_and_skip); }
void trap_uncatch(unsigned vector) { trap_install(vector, NULL); }

static unsigned vector_of(uint64_t scause)
{
	uint64_t code = scause & ~CAUSE_INTERRUPT;
	if (scause & CAUSE_INTERRUPT)
		return code < TRAP_VECTORS - 64 ? TRAP_IRQ(code) : TRAP_VECTORS;
	return code < 64 ? (unsigned)code : TRAP_VECTORS;
}

static void dump_frame(const struct trap_frame *f)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
		"a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
		"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	printf("INFO: unexpected trap: scause=0x%lx stval=0x%lx sepc=0x%lx sstatus=0x%lx\n",
	       (unsigned long)f->scause, (unsigned long)f->stval,
	       (unsigned long)f->sepc, (unsigned long)f->sstatus);
	for (int i = 0; i < 32; i += 4)
		printf("INFO:  %-4s=%016lx %-4s=%016lx %-4s=%016lx %-4s=%016lx\n",
		       names[i], (unsigned long)f->regs[i],
		       names[i + 1], (unsigned long)f->regs[i + 1],
		       names[i + 2], (unsigned long)f->regs[i + 2],
		       names[i + 3], (unsigned long)f->regs[i + 3]);
}

void trap_dispatch(struct trap_frame *f)
{
	unsigned v = vector_of(f->scause);
	if (v < TRAP_VECTORS && handlers[v] && handlers[v](f))
		return;
	dump_frame(f);
	report_abort("unexpected trap scause=0x%lx at pc 0x%lx (stval 0x%lx)",
		     (unsigned long)f->scause, (unsigned long)f->sepc,
		     (unsigned long)f->stval);
}
