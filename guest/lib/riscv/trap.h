/* Payload trap handling on riscv64: one handler per scause value. Exceptions use their
 * cause code as the vector, interrupts TRAP_IRQ(code). A handler returns true when it
 * handled the trap; execution resumes at frame->sepc (advance it to skip the
 * instruction). An unhandled trap prints the registers and aborts the payload. */
#ifndef GUEST_RISCV_TRAP_H
#define GUEST_RISCV_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
	uint64_t regs[32]; /* x0..x31; regs[2] is the sp at the trap */
	uint64_t sepc, sstatus, scause, stval;
};

#define TRAP_IRQ(code) (64u + (code))
#define TRAP_VECTORS 80u

typedef bool (*trap_handler_t)(struct trap_frame *);
void trap_install(unsigned vector, trap_handler_t h);

/* Expected traps: trap_catch(v) makes traps of vector v counted in trap_caught (with the
 * last one's scause, stval and sstatus) and skips the trapping instruction;
 * trap_uncatch(v) makes them unexpected again. */
struct caught_trap {
	unsigned count;
	uint64_t scause, stval, sstatus;
};
extern volatile struct caught_trap trap_caught;
void trap_catch(unsigned vector);
void trap_uncatch(unsigned vector);

/* Length of the instruction at `pc` (2 for compressed, else 4). */
unsigned insn_length(uint64_t pc);

#endif
