/* Start-up steps shared by testvisor's entry (boot/arm64/head.S) and a payload's
 * (guest/lib/arm64/start.S). Assembly only; both builds reach it with -Iarch/arm64/isa. */
#ifndef ARM64_EARLY_BOOT_H
#define ARM64_EARLY_BOOT_H

#ifdef __ASSEMBLY__
/* EL2 set up to run EL1 as a plain AArch64 guest: HCR_EL2 = RW only (its reset value
 * differs between CPU models), FP/SIMD not trapped (CPTR_EL2 RES1 bits, TZ = 1: no SVE),
 * virtual counter = physical counter, EL1 may read the physical counter and timer.
 * Clobbers x1. */
	.macro	el2_plain_guest_setup
	mov	x1, #(1 << 31)
	msr	hcr_el2, x1
	mov	x1, #0x33ff
	msr	cptr_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #3
	msr	cnthctl_el2, x1
	.endm

/* Zeroes __bss_start..__bss_end (8-byte aligned by the linker scripts). Clobbers x1, x2. */
	.macro	zero_bss
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
98:	cmp	x1, x2
	b.hs	99f
	str	xzr, [x1], #8
	b	98b
99:
	.endm
#endif

#endif
