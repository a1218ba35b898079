/* The guest's own debug facilities on riscv64: EBREAK and C.EBREAK (privileged spec,
 * "Machine Cause Register" exception code 3, breakpoint; sepc at the instruction), the
 * Sdtrig trigger CSRs seen from S-mode (debug spec 1.0 chapter 5 "Sdtrig": tselect,
 * tdata1-3 and tinfo are accessible from M-mode and Debug Mode only, so S-mode and
 * VS-mode get an illegal-instruction exception), and, with `dbtr`, the SBI Debug
 * Triggers extension (SBI spec chapter "Debug Triggers Extension", EID 0x44425452), the
 * only path to triggers for S-mode. */
#include <libtv.h>
#include <string.h>
#include "sbi.h"
#include "trap.h"

#define CAUSE_ILLEGAL_INSN 2
#define CAUSE_BREAKPOINT 3
#define SPEC_EXT_DBTR 0x44425452
#define SPEC_DBTR_NUM_TRIGGERS 0
/* tdata1.type (bits XLEN-1:XLEN-4, debug spec 5.7.2): 6 = mcontrol6, 3 = icount. */
#define TDATA1_TYPE(t) ((unsigned long)(t) << 60)

static volatile uint64_t bp_sepc, bp_stval;
static volatile unsigned bp_count;

static bool on_breakpoint(struct trap_frame *f)
{
	bp_sepc = f->sepc;
	bp_stval = f->stval;
	bp_count++;
	f->sepc += insn_length(f->sepc);
	return true;
}

static void check_ebreak(void)
{
	uint64_t at;
	bp_count = 0;
	__asm__ volatile(".option push\n.option norvc\n\tla %0, 1f\n1:\tebreak\n.option pop"
			 : "=&r"(at) :: "memory");
	report(bp_count == 1 && bp_sepc == at, "EBREAK: scause 3 with sepc at the instruction (%#lx)",
	       (unsigned long)bp_sepc);
	/* stval is either 0 or the faulting address for a breakpoint (privileged spec, stval). */
	report(bp_stval == 0 || bp_stval == at, "EBREAK: stval is 0 or the address (%#lx)",
	       (unsigned long)bp_stval);
	bp_count = 0;
	__asm__ volatile(".option push\n.option rvc\n\tla %0, 1f\n1:\tc.ebreak\n.option pop"
			 : "=&r"(at) :: "memory");
	report(bp_count == 1 && bp_sepc == at, "C.EBREAK: scause 3 with sepc at the 2-byte instruction");
}

#define CSR_PROBE(name, num)                                                              \
	do {                                                                              \
		trap_caught.count = 0;                                                    \
		unsigned long v_ = 0;                                                     \
		__asm__ volatile("csrr %0, " #num : "=r"(v_) :: "memory");               \
		report(trap_caught.count == 1 && trap_caught.scause == CAUSE_ILLEGAL_INSN, \
		       "%s (csr " #num ") read from S-mode is an illegal instruction", name); \
	} while (0)

static void check_trigger_csrs_hidden(void)
{
	trap_catch(CAUSE_ILLEGAL_INSN);
	CSR_PROBE("tselect", 0x7a0);
	CSR_PROBE("tdata1", 0x7a1);
	CSR_PROBE("tdata2", 0x7a2);
	CSR_PROBE("tinfo", 0x7a4);
	trap_uncatch(CAUSE_ILLEGAL_INSN);
}

static void check_dbtr(void)
{
	long probe = sbi_probe(SPEC_EXT_DBTR);
	if (!probe) {
		report_skip("SBI DBTR extension absent: S-mode has no way to program triggers");
		return;
	}
	struct sbiret any = sbi_ecall(SPEC_EXT_DBTR, SPEC_DBTR_NUM_TRIGGERS, 0, 0, 0, 0, 0, 0);
	struct sbiret mc6 = sbi_ecall(SPEC_EXT_DBTR, SPEC_DBTR_NUM_TRIGGERS, TDATA1_TYPE(6), 0, 0, 0, 0, 0);
	struct sbiret icount = sbi_ecall(SPEC_EXT_DBTR, SPEC_DBTR_NUM_TRIGGERS, TDATA1_TYPE(3), 0, 0, 0, 0, 0);
	report_info("DBTR: %ld triggers, %ld mcontrol6, %ld icount (errors %ld %ld %ld)", any.value,
		    mc6.value, icount.value, any.error, mc6.error, icount.error);
	report(!any.error && any.value >= mc6.value && any.value >= icount.value,
	       "DBTR num_triggers: no error, per-type counts within the total");
}

int main(int argc, char **argv)
{
	trap_install(CAUSE_BREAKPOINT, on_breakpoint);
	check_ebreak();
	check_trigger_csrs_hidden();
	if (tv_arg(argc, argv, "dbtr"))
		check_dbtr();
	return report_summary();
}
