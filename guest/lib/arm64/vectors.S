/* EL1 vectors of a payload: save a struct trap_frame, call trap_dispatch(frame, vector
 * kind), restore (the handler may have changed pc) and return. */
#define FRAME_SIZE 288

	.macro	vsave kind
	sub	sp, sp, #FRAME_SIZE
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
	add	x1, sp, #FRAME_SIZE
	stp	x30, x1, [sp, #240]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #256]
	mrs	x0, esr_el1
	mrs	x1, far_el1
	stp	x0, x1, [sp, #272]
	mov	x0, sp
	mov	x1, #\kind
	bl	trap_dispatch
	b	vrestore
	.endm

	.macro	ventry kind
	.balign	0x80
	vsave	\kind
	.endm

	.text
	.balign	0x800
	.global	el1_vectors
el1_vectors:
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4

vrestore:
	ldp	x0, x1, [sp, #256]
	msr	elr_el1, x0
	msr	spsr_el1, x1
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
	add	sp, sp, #FRAME_SIZE
	eret
