/* Payload entry on arm64: an arm64 Linux Image header (so the binary form boots with the
 * Linux protocol, x0 = DTB, MMU off) in front of start-up code that drops from EL2 to EL1
 * when entered at EL2, sets the stack, vectors and FP/SIMD access, clears BSS, turns on an
 * identity map (newlib needs Normal memory) and calls tv_start(). */
#include "image_header.h"
#include "early_boot.h"

	.section .text.boot, "ax"
	.global	_start
_start:
	image_header entry

entry:
	mov	x19, x0			/* DTB */
	/* A PIE linked at 0 and moved by its loader applies its R_AARCH64_RELATIVE entries
	 * (ELF for the Arm 64-bit Architecture, 5.7.12: type 1027, value base + addend)
	 * before anything uses an absolute address; for a payload run where it was linked
	 * the offset is 0 and the table empty. */
	adr	x2, _start
	ldr	x3, =__image_link_base	/* absolute: not relocated */
	sub	x2, x2, x3
	adrp	x4, __rela_start
	add	x4, x4, :lo12:__rela_start
	adrp	x5, __rela_end
	add	x5, x5, :lo12:__rela_end
1:	cmp	x4, x5
	b.hs	2f
	ldp	x6, x7, [x4]		/* r_offset, r_info */
	ldr	x8, [x4, #16]		/* r_addend */
	add	x4, x4, #24
	cmp	w7, #1027
	b.ne	1b
	add	x8, x8, x2
	str	x8, [x6, x2]
	b	1b
2:
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	el1
	/* Entered at EL2 (QEMU virt with virtualization=on): run at EL1 like any guest. */
	el2_plain_guest_setup
	ldr	x1, =0x30d00800		/* SCTLR_EL1 RES1 bits, MMU off */
	msr	sctlr_el1, x1
	mov	x1, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el2, x1
	adr	x1, el1
	msr	elr_el2, x1
	eret
el1:
	ldr	x1, =__stack_top
	mov	sp, x1
	adr	x1, el1_vectors
	msr	vbar_el1, x1
	mov	x1, #(3 << 20)		/* CPACR_EL1.FPEN: newlib uses FP/SIMD */
	msr	cpacr_el1, x1
	isb
	zero_bss
	mov	x0, x19
	bl	arm64_early_init	/* DTB scan and MMU, in C */
	bl	tv_start
3:	wfi
	b	3b
