/* testvisor's own interruption entry points (the lowcore new PSWs of boot/s390/entry.S
 * point here) and the switch into and out of a guest, in problem state or under SIE.
 * The host itself runs with DAT off and every interruption disabled: any interruption
 * while the host runs is fatal, any interruption while a guest runs ends the guest run
 * (guest_enter returns). */

#define LC_SAVE_GPRS  0x200   /* r0-r15 at interruption (lowcore scratch, unused by hw) */
#define LC_ENTER_PSW  0x280   /* PSW operand of the LPSWE that enters the guest */
#define LC_CUR_CTX    0x300   /* struct guest_ctx of the guest being run */
#define LC_PROBE      0x308   /* 1: a probed instruction may raise a program check */
#define LC_SCLP_WAIT  0x309   /* 1: sclp_console.c waits for a service signal */
#define LC_SIE_GPRS   0x310   /* sie_enter: where guest r0-r13 live */
#define LC_SIE_HOST_SP 0x318  /* sie_enter: testvisor's stack pointer */
#define LC_SIE_SD     0x320   /* sie_enter: the state description */
#define LC_SIE_MASK   0x328   /* sie_enter: system mask scratch for STOSM/STNSM */
#define CTX_GPRS      0x00
#define CTX_PSW       0x80
#define CTX_HOST      0x90
#define CTX_EXIT      0xe0

	.section .rodata
	.balign	8
	.globl	host_new_psws
host_new_psws:
	.quad	0x0000000180000000, host_ext_entry
	.quad	0x0000000180000000, host_svc_entry
	.quad	0x0000000180000000, host_pgm_entry
	.quad	0x0000000180000000, host_mcck_entry
	.quad	0x0000000180000000, host_io_entry

	.text
/* Each entry saves all registers, then tells a guest interruption (old PSW in problem
 * state) from a host one (fatal). */
.macro	INT_ENTRY name, oldpsw, kind
	.globl	host_\name\()_entry
host_\name\()_entry:
	stmg	%r0, %r15, LC_SAVE_GPRS
	tm	\oldpsw + 1, 0x01          /* PSW bit 15: problem state = a guest */
	jo	3f
	lghi	%r2, \kind
	lghi	%r3, \oldpsw
	j	host_fatal_entry
3:	lghi	%r0, \kind
	lghi	%r1, \oldpsw
	j	guest_exit
.endm

	.globl	host_pgm_entry
host_pgm_entry:
	stmg	%r0, %r15, LC_SAVE_GPRS
	tm	0x151, 0x01
	jo	4f
	/* A probe (s390_probe_insn) expected this: note it and resume after the instruction. */
	cli	LC_PROBE, 1
	jne	5f
	mvi	LC_PROBE, 2
	lmg	%r0, %r15, LC_SAVE_GPRS
	lpswe	0x150
5:	lghi	%r2, 1
	lghi	%r3, 0x150
	j	host_fatal_entry
4:	lghi	%r0, 1
	lghi	%r1, 0x150
	j	guest_exit
	/* External: from a guest in problem state, from SIE (the CPU timer ends the time
	 * slice: leave SIE as if it had intercepted), else fatal. */
	.globl	host_ext_entry
host_ext_entry:
	/* The service signal of testvisor's own SCLP call (only then is LC_SCLP_WAIT 1):
	 * note it and return disabled, touching no register and not LC_SAVE_GPRS, which
	 * may hold a fatal interruption's registers that host_fatal is printing. */
	cli	LC_SCLP_WAIT, 1
	jne	8f
	mvi	LC_SCLP_WAIT, 2
	ni	0x130, 0xfe
	lpswe	0x130
8:	stmg	%r0, %r15, LC_SAVE_GPRS
	tm	0x131, 0x01
	jo	6f
	larl	%r1, sie_insn
	clg	%r1, 0x138
	jh	7f
	larl	%r1, sie_done
	clg	%r1, 0x138
	jl	7f
	stg	%r1, 0x138               /* resume after SIE, external interruptions off */
	ni	0x130, 0xfe
	lmg	%r0, %r15, LC_SAVE_GPRS
	lpswe	0x130
7:	lghi	%r2, 2
	lghi	%r3, 0x130
	j	host_fatal_entry
6:	lghi	%r0, 2
	lghi	%r1, 0x130
	j	guest_exit
	INT_ENTRY svc,  0x140, 3
	INT_ENTRY io,   0x170, 4
	INT_ENTRY mcck, 0x160, 5

/* r0 = exit kind, r1 = lowcore address of the old PSW. */
guest_exit:
	lg	%r2, LC_CUR_CTX
	mvc	CTX_GPRS(128, %r2), LC_SAVE_GPRS
	mvc	CTX_PSW(16, %r2), 0(%r1)
	stg	%r0, CTX_EXIT(%r2)
	lmg	%r6, %r15, CTX_HOST(%r2)
	br	%r14

/* void guest_enter(struct guest_ctx *ctx): runs the guest until its next interruption. */
	.globl	guest_enter
guest_enter:
	stmg	%r6, %r15, CTX_HOST(%r2)
	stg	%r2, LC_CUR_CTX
	mvc	LC_ENTER_PSW(16), CTX_PSW(%r2)
	lmg	%r0, %r15, CTX_GPRS(%r2)
	lpswe	LC_ENTER_PSW

/* void sie_enter(uint8_t *sd, uint64_t *gprs): runs the guest under SIE until an
 * interception or testvisor's CPU timer. Guest r0-r13 are loaded from and stored to
 * gprs; r14/r15 live in the state description. External interruptions are enabled only
 * around SIE. */
	.globl	sie_enter
sie_enter:
	stmg	%r6, %r15, 48(%r15)
	stg	%r2, LC_SIE_SD
	stg	%r3, LC_SIE_GPRS
	stg	%r15, LC_SIE_HOST_SP
	lmg	%r0, %r13, 0(%r3)
	lg	%r14, LC_SIE_SD
	stosm	LC_SIE_MASK, 0x01
sie_insn:
	.insn	s, 0xb2140000, 0(%r14)
sie_done:
	stnsm	LC_SIE_MASK, 0xfe
	lg	%r14, LC_SIE_GPRS
	stmg	%r0, %r13, 0(%r14)
	lg	%r15, LC_SIE_HOST_SP
	lmg	%r6, %r15, 48(%r15)
	br	%r14

/* r2 = kind, r3 = old PSW address: a fault of testvisor itself. */
host_fatal_entry:
	larl	%r15, __fatal_stack_top
	aghi	%r15, -160
	lghi	%r4, LC_SAVE_GPRS
	brasl	%r14, host_fatal
	j	.
