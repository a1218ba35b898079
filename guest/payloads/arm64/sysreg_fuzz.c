/* MRS/MSR of random encodings in the op0=3 system-register space (op1, CRn, CRm, op2 all
 * random), generated at run time into a two-instruction sandbox (the access, RET) in the
 * payload's RAM. Rule (Arm ARM D23.2, "The AArch64 System register encoding space"; C5.1
 * and C6.2 MRS/MSR): an access completes, is UNDEFINED (exception class 0x00), or traps
 * for a disabled FP/SIMD, SVE or SME unit (classes 0x07, 0x19, 0x1d), or, for an
 * encoding in the ID register space (op1 0, 1 or 3, CRn 0, CRm 0-7), is reported with
 * class 0x18 where FEAT_IDST is implemented (ID_AA64MMFR2_EL1.IDS) - the guest is never
 * stopped by testvisor and never sees another class. Writes are made only where they
 * cannot break the payload: a register that reads is written back with the value read; a
 * random value goes only to an encoding whose read was UNDEFINED (write-only registers
 * such as ICC_SGI1R_EL1, or none). Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include "trap.h"

#define MRS_OP0_3 0xd5380000u /* MRS X0, S3_<op1>_C<n>_C<m>_<op2> (Rt = 0) */
#define MSR_OP0_3 0xd5180000u /* MSR S3_<op1>_C<n>_C<m>_<op2>, X0 */
#define RET 0xd65f03c0u
#define EC_FP 0x07
#define EC_SVE 0x19
#define EC_SME 0x1d
#define EC_SYS64 0x18
#define ECS 64

/* The ID register space FEAT_IDST reports with class 0x18 instead of UNDEFINED. */
static bool in_id_space(uint32_t insn)
{
	unsigned op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15, crm = (insn >> 8) & 15;
	return crn == 0 && crm < 8 && (op1 == 0 || op1 == 1 || op1 == 3);
}

static uint32_t sandbox[2] __attribute__((aligned(64)));
static uint64_t by_ec[ECS], bad;
static uint32_t first_bad_insn;
static unsigned first_bad_ec;
static volatile bool trapped;

static bool on_sync(struct trap_frame *f)
{
	if (f->pc != (uintptr_t)&sandbox[0])
		return false;
	unsigned ec = trap_ec(f);
	by_ec[ec]++;
	bool architected = ec == EC_UNKNOWN || ec == EC_FP || ec == EC_SVE || ec == EC_SME ||
			   (ec == EC_SYS64 && in_id_space(sandbox[0]));
	if (!architected && !bad++) {
		first_bad_insn = sandbox[0];
		first_bad_ec = ec;
	}
	trapped = true;
	f->pc += 4;
	return true;
}

/* Runs sandbox[0] with X0 = *x0; true when it completed without an exception. */
static bool run(uint32_t insn, uint64_t *x0)
{
	sandbox[0] = insn;
	__asm__ volatile("dc cvau, %0; dsb ish; ic ivau, %0; dsb ish; isb" :: "r"(sandbox) : "memory");
	trapped = false;
	register uint64_t r0 __asm__("x0") = *x0;
	__asm__ volatile("blr %1" : "+r"(r0) : "r"(sandbox) : "x30", "memory");
	*x0 = r0;
	return !trapped;
}

int main(int argc, char **argv)
{
	report_prefix_push("sysreg_fuzz");
	uint64_t calls = tv_fuzz_args(argc, argv, 20000), writes = 0;
	for (unsigned ec = 0; ec < ECS; ec++)
		trap_install(TRAP_EC(ec), on_sync);
	sandbox[1] = RET;
	for (uint64_t i = 0; i < calls; i++) {
		uint32_t enc = (uint32_t)(tv_rand() & 0x7fff) << 5; /* op1:CRn:CRm:op2 */
		uint64_t val = 0;
		bool readable = run(MRS_OP0_3 | enc, &val);
		if (tv_rand() & 1) {
			writes++;
			if (!readable)
				val = tv_rand();
			run(MSR_OP0_3 | enc, &val);
		}
	}
	for (unsigned ec = 0; ec < ECS; ec++)
		trap_install(TRAP_EC(ec), NULL);
	report_info("%llu MRS, %llu MSR", (unsigned long long)calls, (unsigned long long)writes);
	tv_fuzz_report_calls("sysreg", calls + writes);
	tv_fuzz_report_exception_counts("sysreg", "EC %#x", by_ec, 0, ECS);
	if (bad)
		report_fail("sysreg: an access raised exception class %#x (%llu times, first %#x)",
			    first_bad_ec, (unsigned long long)bad, first_bad_insn);
	else
		report_pass("sysreg: every MRS/MSR completes, is UNDEFINED or traps for a disabled unit");
	report(true, "the payload still runs after the fuzzing");
	return report_summary();
}
