/* Saving and loading runs of register pairs (x<n>/x<n+1> or q<n>/q<n+1>) at consecutive
 * offsets from a base register: the register frames of testvisor (guest exit/entry, its
 * own exceptions, FP/SIMD state) and of payloads (exception frames). Assembly only;
 * both builds reach it with -Iarch/arm64/isa. */
#ifndef ARM64_REG_PAIRS_H
#define ARM64_REG_PAIRS_H

#ifdef __ASSEMBLY__
	.macro	reg_pair op, r, a, b, base, off
	\op	\r\a, \r\b, [\base, #\off]
	.endm

/* `op` (stp or ldp) of \r<first>..\r<last> (an even count) at [base, #off], [base, #off +
 * 2 * size], ...; size is 16 for q registers, 8 for x registers. */
	.macro	reg_pairs op, r, first, last, base, off
	.ifc	\r, q
	.set	.Lreg_pairs_size, 16
	.else
	.set	.Lreg_pairs_size, 8
	.endif
	.altmacro	/* %(expr) turns the register numbers into text */
	.set	.Lreg_pairs_n, \first
	.rept	(\last - \first + 1) / 2
	.set	.Lreg_pairs_off, \off + (.Lreg_pairs_n - \first) * .Lreg_pairs_size
	reg_pair \op, \r, %.Lreg_pairs_n, %(.Lreg_pairs_n + 1), \base, %.Lreg_pairs_off
	.set	.Lreg_pairs_n, .Lreg_pairs_n + 2
	.endr
	.noaltmacro
	.endm
#endif

#endif
