/* Payload trap handling on arm64 (EL1). Synchronous exceptions use their ESR_EL1
 * exception class (EC) as the vector; IRQ, FIQ and SError have their own vectors.
 * A handler returns true when it handled the trap; execution resumes at frame->pc
 * (advance it by 4 to skip the instruction). An unhandled trap prints the registers,
 * ESR and FAR and aborts the payload. */
#ifndef GUEST_ARM64_TRAP_H
#define GUEST_ARM64_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
	uint64_t x[31];
	uint64_t sp, pc, pstate, esr, far;
};

#define TRAP_EC(ec) (ec)          /* synchronous: ESR_EL1.EC, 0..63 */
#define TRAP_IRQ 64u
#define TRAP_FIQ 65u
#define TRAP_SERROR 66u
#define TRAP_VECTORS 67u

/* Exception classes payloads catch. */
#define EC_UNKNOWN 0x00
#define EC_SYS64 0x18
#define EC_DABT_CUR 0x25
#define EC_BRK64 0x3c

typedef bool (*trap_handler_t)(struct trap_frame *);
void trap_install(unsigned vector, trap_handler_t h);

static inline unsigned trap_ec(const struct trap_frame *f) { return (unsigned)(f->esr >> 26) & 0x3f; }

#endif
