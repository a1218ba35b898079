/* testvisor's entry as an S-mode payload of OpenSBI (a0 = hart id, a1 = DTB); the trap
 * vector testvisor uses while it runs itself is arch/riscv/host_vector.S. */
#include <riscv_csr.h>
#include <early_start.S.h>

	.section .text.entry, "ax"
	.global _start
/* The RISC-V Linux Image header, so testvisor.bin (the flat image) boots wherever a
 * kernel Image does: OpenSBI fw_payload, U-Boot booti, QEMU -kernel. */
_start:
.option push
.option norvc
	j real_start                 /* code0 */
.option pop
	.word 0                      /* code1 */
	.dword 0x200000              /* text_offset: 2 MiB above the start of RAM */
	.dword __image_end - _start  /* image_size, including BSS, stack and heap */
	.dword 0                     /* flags: little endian */
	.word 2                      /* header version 0.2 */
	.word 0
	.dword 0
	.ascii "RISCV\0\0\0"          /* magic (deprecated) */
	.ascii "RSC\x05"               /* magic2 */
	.word 0

real_start:
.option push
.option norelax
	la gp, __global_pointer$
.option pop
	la sp, __stack_top
	mv s0, a0
	mv s1, a1
	ZERO_BSS
	/* newlib is rv64gc code: the FPU must be on even though testvisor computes no floats. */
	li t0, SSTATUS_FS_INITIAL
	csrs sstatus, t0
	li t0, SSTATUS_SIE
	csrc sstatus, t0
	la t0, host_trap_entry
	csrw stvec, t0
	csrw sscratch, zero
	mv a0, s0
	mv a1, s1
	call rv_boot
3:	wfi
	j 3b

