/* testvisor's entry on arm64. testvisor.bin (the ELF's binary form) is an arm64 Linux
 * Image, so QEMU's -kernel enters it at EL2 with x0 = the DTB, the guest image as initrd
 * and the command line in /chosen. Sets the stack, the EL2 vectors, FP/SIMD access and a
 * known HCR_EL2, clears BSS and continues in C (boot_main) with the DTB pointer. */
#include <image_header.h>
#include <early_boot.h>

	.section .text.boot, "ax"
	.global _start
_start:
	image_header entry
entry:
	msr	daifset, #0xf
	mov	x19, x0			/* DTB */
	mov	x21, x1			/* EFI loader handoff, 0 from -kernel */
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	and	x1, x1, #3
	mov	x20, x1			/* entry EL, for boot_main's check */
	ldr	x1, =__stack_top
	mov	sp, x1
	cmp	x20, #2
	b.ne	1f
	adr	x1, hv_vectors
	msr	vbar_el2, x1
	/* Guests are AArch64; nothing else routed or trapped until a VM is set up. */
	el2_plain_guest_setup
	isb
1:	zero_bss
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	boot_main
4:	wfi
	b	4b
