/* The world switch: rv_guest_run() saves testvisor's callee-saved registers, loads the
 * guest's registers and enters it with sret (hstatus.SPV = 1); any trap from the guest
 * lands in rv_guest_exit, which saves the guest's registers and the exit CSRs and returns
 * from rv_guest_run(). sscratch holds the struct rv_switch pointer while the guest runs.
 * htval and htinst are read by the C exit handlers that need them (rv_handle_exit), not
 * here: most exits (SBI calls) do not. */
#include <riscv_csr.h>

#define G(n)      ((n) * 8)
#define G_PC      (32 * 8)
#define H_RA      (33 * 8)
#define H_SP      (34 * 8)
#define H_GP      (35 * 8)
#define H_TP      (36 * 8)
#define H_S(n)    ((37 + (n)) * 8)
#define E_SCAUSE  (49 * 8)
#define E_STVAL   (50 * 8)
#define E_HTVAL   (51 * 8)
#define E_HTINST  (52 * 8)
#define SW_HSTATUS (53 * 8)
#define SW_SSTATUS (54 * 8)

/* The host's callee-saved registers in the vCPU block at a0: `op` is sd (save on the way
 * into the guest) or ld (restore on the way out). */
.macro HOST_REGS op
	\op ra, H_RA(a0)
	\op sp, H_SP(a0)
	\op gp, H_GP(a0)
	\op tp, H_TP(a0)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	\op s\n, H_S(\n)(a0)
	.endr
.endm

	.section .text
	.global rv_guest_run
	.balign 4
rv_guest_run:
	HOST_REGS sd
	ld t0, G_PC(a0)
	csrw sepc, t0
	ld t0, SW_HSTATUS(a0)
	csrw hstatus, t0
	ld t0, SW_SSTATUS(a0)
	csrw sstatus, t0
	la t0, rv_guest_exit
	csrw stvec, t0
	csrw sscratch, a0
	ld x1, G(1)(a0)
	ld x2, G(2)(a0)
	ld x3, G(3)(a0)
	ld x4, G(4)(a0)
	ld x5, G(5)(a0)
	ld x6, G(6)(a0)
	ld x7, G(7)(a0)
	ld x8, G(8)(a0)
	ld x9, G(9)(a0)
	ld x11, G(11)(a0)
	ld x12, G(12)(a0)
	ld x13, G(13)(a0)
	ld x14, G(14)(a0)
	ld x15, G(15)(a0)
	ld x16, G(16)(a0)
	ld x17, G(17)(a0)
	ld x18, G(18)(a0)
	ld x19, G(19)(a0)
	ld x20, G(20)(a0)
	ld x21, G(21)(a0)
	ld x22, G(22)(a0)
	ld x23, G(23)(a0)
	ld x24, G(24)(a0)
	ld x25, G(25)(a0)
	ld x26, G(26)(a0)
	ld x27, G(27)(a0)
	ld x28, G(28)(a0)
	ld x29, G(29)(a0)
	ld x30, G(30)(a0)
	ld x31, G(31)(a0)
	ld x10, G(10)(a0)
	sret

	.balign 4
rv_guest_exit:
	csrrw a0, sscratch, a0
	sd x1, G(1)(a0)
	sd x2, G(2)(a0)
	sd x3, G(3)(a0)
	sd x4, G(4)(a0)
	sd x5, G(5)(a0)
	sd x6, G(6)(a0)
	sd x7, G(7)(a0)
	sd x8, G(8)(a0)
	sd x9, G(9)(a0)
	sd x11, G(11)(a0)
	sd x12, G(12)(a0)
	sd x13, G(13)(a0)
	sd x14, G(14)(a0)
	sd x15, G(15)(a0)
	sd x16, G(16)(a0)
	sd x17, G(17)(a0)
	sd x18, G(18)(a0)
	sd x19, G(19)(a0)
	sd x20, G(20)(a0)
	sd x21, G(21)(a0)
	sd x22, G(22)(a0)
	sd x23, G(23)(a0)
	sd x24, G(24)(a0)
	sd x25, G(25)(a0)
	sd x26, G(26)(a0)
	sd x27, G(27)(a0)
	sd x28, G(28)(a0)
	sd x29, G(29)(a0)
	sd x30, G(30)(a0)
	sd x31, G(31)(a0)
	csrr t0, sscratch
	sd t0, G(10)(a0)
	csrr t0, sepc
	sd t0, G_PC(a0)
	csrr t0, scause
	sd t0, E_SCAUSE(a0)
	csrr t0, stval
	sd t0, E_STVAL(a0)
	csrr t0, hstatus
	sd t0, SW_HSTATUS(a0)
	csrr t0, sstatus
	sd t0, SW_SSTATUS(a0)
	la t0, host_trap_entry
	csrw stvec, t0
	HOST_REGS ld
	ret

/* rv_fp_save(struct rv_fp_state *) / rv_fp_restore(const struct rv_fp_state *): the FP
 * registers and fcsr, when another vCPU goes on the hart. */
	.global rv_fp_save
rv_fp_save:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd f\n, (\n * 8)(a0)
	.endr
	frcsr t0
	sd t0, (32 * 8)(a0)
	ret

	.global rv_fp_restore
rv_fp_restore:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld f\n, (\n * 8)(a0)
	.endr
	ld t0, (32 * 8)(a0)
	fscsr t0
	ret
