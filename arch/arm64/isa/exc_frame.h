/* The exception frame both arm64 exception handlers use (payloads at EL1, testvisor's own
 * exceptions at EL2): x0-x30, the interrupted sp, ELR, SPSR, ESR, FAR, 288 bytes on the
 * stack (struct trap_frame / struct el2_frame). Assembly macros, parameterized by the EL. */
#ifndef ARM64_EXC_FRAME_H
#define ARM64_EXC_FRAME_H

#include "reg_pairs.h"

#define EXC_FRAME_SIZE 288

#ifdef __ASSEMBLY__
/* Saves the frame and calls `handler(frame, kind)`; ends with a branch to `restore`. */
	.macro	exc_frame_save el, kind, handler, restore
	sub	sp, sp, #EXC_FRAME_SIZE
	reg_pairs stp, x, 0, 29, sp, 0
	add	x1, sp, #EXC_FRAME_SIZE
	stp	x30, x1, [sp, #240]
	mrs	x0, elr_el\el
	mrs	x1, spsr_el\el
	stp	x0, x1, [sp, #256]
	mrs	x0, esr_el\el
	mrs	x1, far_el\el
	stp	x0, x1, [sp, #272]
	mov	x0, sp
	mov	x1, #\kind
	bl	\handler
	b	\restore
	.endm

/* Restores the frame (the handler may have changed ELR) and returns from the exception. */
	.macro	exc_frame_restore el
	ldp	x0, x1, [sp, #256]
	msr	elr_el\el, x0
	msr	spsr_el\el, x1
	reg_pairs ldp, x, 0, 29, sp, 0
	ldr	x30, [sp, #240]
	add	sp, sp, #EXC_FRAME_SIZE
	eret
	.endm
#endif

#endif
