/* Payload start-up on s390x: the parameter page (command line at 0x10480, as QEMU's
 * -append and testvisor write it), stack, BSS, lowcore new PSWs, then tv_start(). The
 * interruption entries build a struct trap_frame on the interrupted stack and call
 * trap_dispatch(); a handled interruption resumes at the frame's PSW. */
#include <early_start.S.h>

#define LC_SAVE_GPRS 0x200
#define LC_RESUME_PSW 0x280
#define FRAME_GPRS 0
#define FRAME_PSW 128
#define FRAME_SIZE 256         /* sizeof(struct trap_frame), rounded up */
#define STACK_FRAME 160

	.section .parmarea, "ax"
	.globl	_parm_entry
_parm_entry:
	jg	_start
	.org	0x8
	.ascii	"S390EP"               /* 0x10008: a Linux-style image, also as a raw file */
	.org	0x408
	.quad	0, 0
	.org	0x430
	.quad	0x380
	.org	0x480
	.globl	parm_cmdline
parm_cmdline:
	.fill	0x380, 1, 0
	.org	0x1000

	.section .text.entry, "ax"
	.globl	_start
_start:
	EARLY_START STACK_FRAME, guest_new_psws
	brasl	%r14, tv_start
	j	.

	.section .rodata
	.balign	8
guest_new_psws:
	.quad	0x0000000180000000, ext_entry
	.quad	0x0000000180000000, svc_entry
	.quad	0x0000000180000000, pgm_entry
	.quad	0x0000000180000000, mcck_entry
	.quad	0x0000000180000000, io_entry

	.text
/* class: 0 program, 1 SVC, 2 external, 3 I/O, 4 machine check (enum trap_class) */
.macro	TRAP_ENTRY name, oldpsw, class
\name:
	stmg	%r0, %r15, LC_SAVE_GPRS
	aghi	%r15, -(FRAME_SIZE + STACK_FRAME)
	nill	%r15, 0xfff8
	mvc	STACK_FRAME + FRAME_GPRS(128, %r15), LC_SAVE_GPRS
	mvc	STACK_FRAME + FRAME_PSW(16, %r15), \oldpsw
	lghi	%r0, 0
	stg	%r0, 0(%r15)
	lghi	%r2, \class
	la	%r3, STACK_FRAME(%r15)
	brasl	%r14, trap_dispatch
	/* Resume: the PSW goes through the lowcore, then every register comes back. */
	mvc	LC_RESUME_PSW(16), STACK_FRAME + FRAME_PSW(%r15)
	lmg	%r0, %r15, STACK_FRAME + FRAME_GPRS(%r15)
	lpswe	LC_RESUME_PSW
.endm

	TRAP_ENTRY pgm_entry, 0x150, 0
	TRAP_ENTRY svc_entry, 0x140, 1
	TRAP_ENTRY ext_entry, 0x130, 2
	TRAP_ENTRY io_entry, 0x170, 3
	TRAP_ENTRY mcck_entry, 0x160, 4
