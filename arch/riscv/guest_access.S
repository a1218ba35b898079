/* Accesses that may fault, each guarded by a fix-up: the address of the local label 9 is
 * put in rv_fixup_pc first; if the access traps, host_trap() resumes there with the
 * cause in rv_fixup_cause. Returns 0 on success, else the cause. */
#include <riscv_csr.h>

	.option arch, +h

.macro guard_begin
	la t0, 9f
	la t1, rv_fixup_pc
	sd t0, 0(t1)
.endm
.macro guard_end
	sd zero, 0(t1)
.endm
.macro guard_fixup
9:	la t1, rv_fixup_cause
	ld a0, 0(t1)
	ret
.endm

	.section .text
	.global rv_hlvx_hu
rv_hlvx_hu:
	guard_begin
	hlvx.hu t2, (a0)
	guard_end
	sh t2, 0(a1)
	li a0, 0
	ret
	guard_fixup

	.global rv_hlv_bu
rv_hlv_bu:
	guard_begin
	hlv.bu t2, (a0)
	guard_end
	sb t2, 0(a1)
	li a0, 0
	ret
	guard_fixup

	.global rv_hsv_b
rv_hsv_b:
	guard_begin
	hsv.b a1, (a0)
	guard_end
	li a0, 0
	ret
	guard_fixup

/* rv_csr_probe(selector, out): reads one CSR that may not exist. */
	.global rv_csr_probe
rv_csr_probe:
	guard_begin
	li t2, 1
	beq a0, zero, 1f
	beq a0, t2, 2f
	li t2, 3
	beq a0, t2, 4f
	csrr t2, CSR_HENVCFG
	j 3f
1:	csrr t2, hstatus
	j 3f
2:	csrr t2, CSR_STIMECMP
	j 3f
4:	csrr t2, CSR_HSTATEEN0
3:	guard_end
	sd t2, 0(a1)
	li a0, 0
	ret
	guard_fixup

	.section .data
	.balign 8
	.global rv_fixup_pc, rv_fixup_cause
rv_fixup_pc:	.dword 0
rv_fixup_cause:	.dword 0
