/* testvisor's s390x entry: the parameter page QEMU fills and start-up (architecture
 * mode, stack, BSS, lowcore new PSWs pointing at arch/s390/host_entry.S). */
#include <early_start.S.h>

	.section .parmarea, "ax"
	.globl _parm_entry
_parm_entry:                      /* 0x10000 */
	jg	_start
	.org	0x408
	.globl	boot_initrd_start, boot_initrd_size
boot_initrd_start: .quad 0        /* 0x10408, written by QEMU for -initrd */
boot_initrd_size:  .quad 0        /* 0x10410 */
	.org	0x420
	.globl	boot_ipl_mark
boot_ipl_mark:     .long 0        /* 0x10420: "LIPL" when boot/s390/mkipl.sh built the disk */
	.org	0x430
	.quad	0x380                 /* longest command line QEMU may write (896) */
	.org	0x480
	.globl	boot_cmdline
boot_cmdline:                     /* 0x10480, -append */
	.fill	0x380, 1, 0
	.org	0x1000

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* A machine that IPLs in ESA/390 mode (Hercules; an LPAR's IPL PSW) must be switched
	 * to z/Architecture before any 64-bit instruction: SIGP set architecture (order
	 * 0x12, parameter 1 in the odd register R1). Where the CPU already runs
	 * z/Architecture (QEMU's -kernel) the order is refused with a status and changes
	 * nothing. Only ESA/390 instructions up to here. */
	lhi	%r1, 1
	lhi	%r2, 0
	sigp	%r1, %r2, 0x12
	sam64                          /* a list-directed IPL enters in 31-bit mode */
	EARLY_START 160, host_new_psws
	brasl	%r14, s390_boot
	j	.

