/* The exception frame both arm64 exception handlers use (payloads at EL1, testvisor's own
 * exceptions at EL2): x0-x30, the interrupted sp, ELR, SPSR, ESR, FAR, 288 bytes on the
 * stack (struct trap_frame / struct el2_frame). Assembly macros, parameterized by the EL. */
#ifndef ARM64_EXC_FRAME_H
#define ARM64_EXC_FRAME_H

#define EXC_FRAME_SIZE 288

#ifdef __ASSEMBLY__
/* Saves the frame and calls `handler(frame, kind)`; ends with a branch to `restore`. */
	.macro	exc_frame_save el, kind, handler, restore
	sub	sp, sp, #EXC_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
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
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #EXC_FRAME_SIZE
	eret
	.endm
#endif

#endif
