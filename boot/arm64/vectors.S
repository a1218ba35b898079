/* EL2 exception vectors.
 * - From EL2 itself: save a frame on the stack and call el2_exception(frame, kind), which
 *   handles the lazy FP trap and the semihosting probe, or prints the registers and ends the
 *   run. The frame is the one payloads use too (guest/lib/arm64/exc_frame.h).
 * - From a guest (lower EL, AArch64): save the guest's registers into the vCPU that
 *   TPIDR_EL2 points to (struct arm64_guest_regs) and return from guest_enter() with the
 *   kind of exit. The hypervisor's callee-saved registers live in the vCPU meanwhile. */
#include <arm64/ctx_offsets.h>
#include "../../guest/lib/arm64/exc_frame.h"

	.macro	frame_save kind
	exc_frame_save 2, \kind, el2_exception, frame_restore
	.endm

	.macro	guest_exit kind
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	stp	x2, x3, [x0, #16]
	mov	x1, #\kind
	b	guest_exit_common
	.endm

	.macro	ventry label
	.balign	0x80
	b	\label
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	hv_vectors
hv_vectors:
	ventry	cur_sp0_sync
	ventry	cur_sp0_irq
	ventry	cur_sp0_fiq
	ventry	cur_sp0_serror
	ventry	cur_spx_sync
	ventry	cur_spx_irq
	ventry	cur_spx_fiq
	ventry	cur_spx_serror
	ventry	low64_sync
	ventry	low64_irq
	ventry	low64_fiq
	ventry	low64_serror
	ventry	low32_sync
	ventry	low32_irq
	ventry	low32_fiq
	ventry	low32_serror

cur_sp0_sync:	frame_save 0
cur_sp0_irq:	frame_save 1
cur_sp0_fiq:	frame_save 2
cur_sp0_serror:	frame_save 3
cur_spx_sync:	frame_save 0
cur_spx_irq:	frame_save 1
cur_spx_fiq:	frame_save 2
cur_spx_serror:	frame_save 3
low64_sync:	guest_exit EXIT_SYNC
low64_irq:	guest_exit EXIT_IRQ
low64_fiq:	guest_exit EXIT_FIQ
low64_serror:	guest_exit EXIT_SERROR
low32_sync:	guest_exit EXIT_AARCH32
low32_irq:	guest_exit EXIT_AARCH32
low32_fiq:	guest_exit EXIT_AARCH32
low32_serror:	guest_exit EXIT_AARCH32

frame_restore:
	exc_frame_restore 2

/* x0 = vCPU registers, x1 = exit kind, x2/x3 saved, guest x0/x1 on the stack. */
guest_exit_common:
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x30, x2, [x0, #240]
	mrs	x2, esr_el2
	stp	x3, x2, [x0, #256]
	mrs	x2, far_el2
	mrs	x3, hpfar_el2
	stp	x2, x3, [x0, #272]
	/* The hypervisor may use FP/SIMD only after saving the guest's: trap it. */
	mov	x2, #(0x33ff | (1 << 10))
	msr	cptr_el2, x2
	isb
	ldp	x19, x20, [x0, #VCPU_HOST_REGS + 0]
	ldp	x21, x22, [x0, #VCPU_HOST_REGS + 16]
	ldp	x23, x24, [x0, #VCPU_HOST_REGS + 32]
	ldp	x25, x26, [x0, #VCPU_HOST_REGS + 48]
	ldp	x27, x28, [x0, #VCPU_HOST_REGS + 64]
	ldp	x29, x30, [x0, #VCPU_HOST_REGS + 80]
	mov	x0, x1
	ret

/* unsigned guest_enter(struct arch_vcpu *v): runs the guest until it exits; returns the
 * exit kind (EXIT_*). The caller restores FP state and sets CPTR_EL2 before. */
	.global	guest_enter
guest_enter:
	stp	x19, x20, [x0, #VCPU_HOST_REGS + 0]
	stp	x21, x22, [x0, #VCPU_HOST_REGS + 16]
	stp	x23, x24, [x0, #VCPU_HOST_REGS + 32]
	stp	x25, x26, [x0, #VCPU_HOST_REGS + 48]
	stp	x27, x28, [x0, #VCPU_HOST_REGS + 64]
	stp	x29, x30, [x0, #VCPU_HOST_REGS + 80]
	msr	tpidr_el2, x0
	ldp	x1, x2, [x0, #248]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
