/* Runs a code snippet that may trap and says how it ended: -1 when it ran, otherwise the
 * exception class it raised at EL1 (0 = UNDEF). The faulting instruction is skipped. */
#ifndef GUEST_ARM64_PROBE_H
#define GUEST_ARM64_PROBE_H

#include <stdint.h>

int probe_ec(void (*fn)(void));

/* Fields of ID registers, 4 bits at `shift`. */
static inline unsigned id_field_of(uint64_t v, unsigned shift) { return (unsigned)(v >> shift) & 0xf; }

#endif
