/* Saving and restoring a guest's FP/SIMD registers (struct arm64_fp_regs). */
#include <reg_pairs.h>
	.arch	armv8-a+fp+simd
	.text
	.global	fpsimd_save
fpsimd_save:
	reg_pairs stp, q, 0, 31, x0, 0
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x0, x0, #512
	stp	x1, x2, [x0]
	ret

	.global	fpsimd_restore
fpsimd_restore:
	reg_pairs ldp, q, 0, 31, x0, 0
	add	x0, x0, #512
	ldp	x1, x2, [x0]
	msr	fpsr, x1
	msr	fpcr, x2
	ret
