/* testvisor's entry as an S-mode payload of OpenSBI (a0 = hart id, a1 = DTB), and the
 * trap vector testvisor uses while it runs itself (the guest has its own, switch.S). */
#include <riscv_csr.h>

#define FRAME_SIZE (36 * 8)

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
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
	/* newlib is rv64gc code: the FPU must be on even though testvisor computes no floats. */
2:	li t0, SSTATUS_FS_INITIAL
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

	.section .text
	.balign 4
	.global host_trap_entry
host_trap_entry:
	addi sp, sp, -FRAME_SIZE
	sd x1, 1*8(sp)
	sd x3, 3*8(sp)
	sd x4, 4*8(sp)
	sd x5, 5*8(sp)
	sd x6, 6*8(sp)
	sd x7, 7*8(sp)
	sd x8, 8*8(sp)
	sd x9, 9*8(sp)
	sd x10, 10*8(sp)
	sd x11, 11*8(sp)
	sd x12, 12*8(sp)
	sd x13, 13*8(sp)
	sd x14, 14*8(sp)
	sd x15, 15*8(sp)
	sd x16, 16*8(sp)
	sd x17, 17*8(sp)
	sd x18, 18*8(sp)
	sd x19, 19*8(sp)
	sd x20, 20*8(sp)
	sd x21, 21*8(sp)
	sd x22, 22*8(sp)
	sd x23, 23*8(sp)
	sd x24, 24*8(sp)
	sd x25, 25*8(sp)
	sd x26, 26*8(sp)
	sd x27, 27*8(sp)
	sd x28, 28*8(sp)
	sd x29, 29*8(sp)
	sd x30, 30*8(sp)
	sd x31, 31*8(sp)
	addi t0, sp, FRAME_SIZE
	sd t0, 2*8(sp)
	sd zero, 0(sp)
	csrr t0, sepc
	sd t0, 32*8(sp)
	csrr t0, sstatus
	sd t0, 33*8(sp)
	csrr t0, scause
	sd t0, 34*8(sp)
	csrr t0, stval
	sd t0, 35*8(sp)
	mv a0, sp
	call host_trap
	ld t0, 32*8(sp)
	csrw sepc, t0
	ld t0, 33*8(sp)
	csrw sstatus, t0
	ld x1, 1*8(sp)
	ld x3, 3*8(sp)
	ld x4, 4*8(sp)
	ld x5, 5*8(sp)
	ld x6, 6*8(sp)
	ld x7, 7*8(sp)
	ld x8, 8*8(sp)
	ld x9, 9*8(sp)
	ld x10, 10*8(sp)
	ld x11, 11*8(sp)
	ld x12, 12*8(sp)
	ld x13, 13*8(sp)
	ld x14, 14*8(sp)
	ld x15, 15*8(sp)
	ld x16, 16*8(sp)
	ld x17, 17*8(sp)
	ld x18, 18*8(sp)
	ld x19, 19*8(sp)
	ld x20, 20*8(sp)
	ld x21, 21*8(sp)
	ld x22, 22*8(sp)
	ld x23, 23*8(sp)
	ld x24, 24*8(sp)
	ld x25, 25*8(sp)
	ld x26, 26*8(sp)
	ld x27, 27*8(sp)
	ld x28, 28*8(sp)
	ld x29, 29*8(sp)
	ld x30, 30*8(sp)
	ld x31, 31*8(sp)
	ld x2, 2*8(sp)
	sret
