/* EL2 exception vectors.
 * - From EL2 itself: save a frame on the stack and call el2_exception(frame, kind), which
 *   handles the lazy FP trap and the semihosting probe, or prints the registers and ends the
 *   run. The frame is the one payloads use too (arch/arm64/isa/exc_frame.h).
 * - From a guest (lower EL, AArch64): save the guest's registers into the vCPU that
 *   TPIDR_EL2 points to (struct arm64_guest_regs) and return from guest_enter() with the
 *   kind of exit. The hypervisor's callee-saved registers live in the vCPU meanwhile. */
#include <arm64/ctx_offsets.h>
#include <exc_frame.h>
#include <reg_pairs.h>

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
	reg_pairs stp, x, 4, 29, x0, 32
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
	reg_pairs ldp, x, 19, 30, x0, VCPU_HOST_REGS
	mov	x0, x1
	ret

/* unsigned guest_enter(struct arch_vcpu *v): runs the guest until it exits; returns the
 * exit kind (EXIT_*). The caller restores FP state and sets CPTR_EL2 before. */
	.global	guest_enter
guest_enter:
	reg_pairs stp, x, 19, 30, x0, VCPU_HOST_REGS
	msr	tpidr_el2, x0
	ldp	x1, x2, [x0, #248]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	reg_pairs ldp, x, 2, 29, x0, 16
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
