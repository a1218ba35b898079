/* Payload entry (Linux Image convention): a0 = hart id, a1 = DTB. Sets gp and the stack,
 * clears BSS, turns the FPU on (newlib is built rv64gc) and calls tv_start(). */
#include <riscv_csr.h>
#include <early_start.S.h>

	.section .text.entry, "ax"
	.global _start
_start:
.option push
.option norelax
	la gp, __global_pointer$
.option pop
	la sp, __stack_top
	la t0, boot_hart_id
	sd a0, 0(t0)
	la t0, boot_dtb
	sd a1, 0(t0)
	ZERO_BSS
	li t0, SSTATUS_FS_INITIAL
	csrs sstatus, t0
	fscsr zero
	call tv_start
3:	wfi
	j 3b

	.section .data
	.balign 8
	.global boot_hart_id, boot_dtb
boot_hart_id:	.dword 0
boot_dtb:	.dword 0
