/* Payload entry (Linux Image convention): a0 = hart id, a1 = DTB. Sets gp and the stack,
 * clears BSS, turns the FPU on (newlib is built rv64gc) and calls tv_start(). */
#include <riscv_csr.h>
#include <early_start.S.h>

	.section .text.entry, "ax"
	.global _start
_start:
	/* A PIE linked at 0 and moved by its loader applies its R_RISCV_RELATIVE entries
	 * (RISC-V ELF psABI: type 3, value base + addend) before anything uses an absolute
	 * address; for a payload run where it was linked the offset is 0 and the table empty.
	 * a0/a1 (hart id, DTB) are kept. */
	lla t0, _start
	lla t1, link_base
	ld t1, 0(t1)
	sub t0, t0, t1
	lla t2, __rela_start
	lla t3, __rela_end
	li a2, 3
1:	bgeu t2, t3, 2f
	ld t4, 0(t2)
	ld t5, 8(t2)
	ld t6, 16(t2)
	addi t2, t2, 24
	bne t5, a2, 1b
	add t6, t6, t0
	add t4, t4, t0
	sd t6, 0(t4)
	j 1b
2:
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
	.balign 8
link_base:	.dword __image_link_base	/* absolute: not relocated */

	.section .data
	.balign 8
	.global boot_hart_id, boot_dtb
boot_hart_id:	.dword 0
boot_dtb:	.dword 0
