/* Payload trap handling on x86_64: a payload installs a handler for an exception it
 * expects; the handler returns true when it handled the trap (execution resumes at
 * frame->rip, which it may advance). Anything unhandled fails the payload. */
#ifndef GUEST_X86_TRAP_H
#define GUEST_X86_TRAP_H

#include <stdbool.h>
#include <trap_frame.h>

typedef bool (*trap_handler_t)(struct trap_frame *);

void trap_install(unsigned vector, trap_handler_t h);

/* Helpers for the common case "run this, expect exception V": arms a handler that
 * records the vector and skips the faulting instruction of `len` bytes. */
void trap_expect(unsigned vector, unsigned len);
/* True (and disarms) when the expected trap happened since trap_expect. */
bool trap_expected_seen(void);
/* The common dispatch (vectors.asm calls it): a handler may call it again with a frame
 * it changed, to raise another exception at the same place. */
void x86_trap_dispatch(struct trap_frame *f);
/* Error code of the last trap caught through trap_expect. */
unsigned long trap_last_error_code(void);

#endif
