/* privileged (s390x): the privileged instructions a supervisor uses, their results and
 * the exceptions the Principles of Operation give for bad operands. Under testvisor each
 * one traps and is emulated; on bare QEMU it is the reference. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

static uint8_t buf[64] __attribute__((aligned(8)));
static uint8_t new_lowcore[0x2000] __attribute__((aligned(0x2000)));
static uint8_t chsc_area[4096] __attribute__((aligned(4096)));

#define EXPECT_PGM(want, stmt, what)                                                  \
	do {                                                                          \
		pgm_expect_begin();                                                   \
		stmt;                                                                 \
		uint16_t got_ = pgm_expect_end();                                     \
		report(got_ == (want), "%s: program interruption 0x%02x (expected 0x%02x)", \
		       what, got_, (want));                                          \
	} while (0)

static void test_cpu_identity(void)
{
	report_prefix_push("identity");
	uint64_t id = stidp();
	report(((id >> 16) & 0xffff) != 0, "STIDP stores a machine type");
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("stidp 0(%0)" : : "a"(buf + 4) : "memory"),
		   "STIDP to an unaligned doubleword");
	EXPECT_PGM(PGM_ADDRESSING, asm volatile("stidp 0(%0)" : : "a"(0x7ffff000UL) : "memory"),
		   "STIDP beyond memory");
	report(stap() == 0, "STAP: CPU address 0");
	register uint64_t r0 asm("0") = 0;
	register uint64_t r1 asm("1") = 0;
	int cc;
	asm volatile("stsi 0(%3)\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "+d"(r0), "+d"(r1) : "a"(buf)
		     : "cc", "memory");
	report(cc == 0 && (r0 >> 28) == 3, "STSI function code 0: the current level is 3 (a virtual machine)");
	/* SYSIB 3.2.2: the virtual machine this runs in. */
	static uint8_t sysib[4096] __attribute__((aligned(4096)));
	r0 = 0x30000002;
	r1 = 2;
	asm volatile("stsi 0(%3)\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "+d"(r0), "+d"(r1) : "a"(sysib)
		     : "cc", "memory");
	report(cc == 0 && (sysib[31] & 0xf) >= 1 && (sysib[32 + 6] << 8 | sysib[32 + 7]) >= 1,
	       "STSI 3.2.2: a virtual-machine description with configured CPUs");
	r0 = 0x10000001;
	r1 = 1;
	asm volatile("stsi 0(%3)\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "+d"(r0), "+d"(r1) : "a"(sysib)
		     : "cc", "memory");
	report(cc == 0, "STSI 1.1.1: basic machine configuration stored");
	r0 = 0x10000001;
	r1 = 1;
	EXPECT_PGM(PGM_SPECIFICATION,
		   asm volatile("stsi 0(%2)" : "+d"(r0), "+d"(r1) : "a"(sysib + 8) : "cc", "memory"),
		   "STSI to an unaligned page");
	uint32_t fac = stfl();
	report((fac & 0x60000000) == 0x60000000, "STFL: z/Architecture installed and active");
	report_prefix_pop();
}

/* EXECUTE of privileged instructions: the same results as in place. */
static void test_execute(void)
{
	report_prefix_push("execute");
	uint32_t p = 0xffffffff;
	asm volatile("larl %%r1,0f\n\tex 0,0(%%r1)\n\tj 1f\n0:\tstpx 0(%0)\n1:"
		     : : "a"(&p) : "r1", "memory");
	report(p == stpx(), "EX of STPX stores the prefix");
	uint64_t id = 0;
	asm volatile("exrl 0,0f\n\tj 1f\n0:\tstidp 0(%0)\n1:" : : "a"(&id) : "memory");
	report(id == stidp(), "EXRL of STIDP stores the CPU id");
	/* The target's operand checks still apply. */
	EXPECT_PGM(PGM_SPECIFICATION,
		   asm volatile("exrl 0,0f\n\tj 1f\n0:\tstidp 0(%0)\n1:" : : "a"(buf + 4) : "memory"),
		   "EXRL of STIDP to an unaligned operand");
	report_prefix_pop();
}

static void test_prefix(void)
{
	report_prefix_push("prefix");
	report(stpx() == 0, "STPX: prefix 0 after start");
	/* Move the prefix area: the new one must hold the new PSWs. */
	memcpy(new_lowcore, (void *)lowcore, sizeof(new_lowcore));
	uint32_t p = (uint32_t)(uintptr_t)new_lowcore;
	spx(p);
	report(stpx() == p, "SPX/STPX: prefix moved to 0x%x", (unsigned)p);
	EXPECT_PGM(PGM_OPERATION, asm volatile(".hword 0"), "interruptions go through the new prefix area");
	report(LC16(LC_PGM_CODE) == PGM_OPERATION, "real address 0x8e maps to the new prefix area");
	spx(0);
	report(stpx() == 0, "SPX 0: prefix back");
	report(*(volatile uint16_t *)&new_lowcore[LC_PGM_CODE] == PGM_OPERATION,
	       "the old area kept its interruption code (absolute 0x%x)", (unsigned)p + LC_PGM_CODE);
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("spx 0(%0)" : : "a"(buf + 2) : "memory"),
		   "SPX with an unaligned operand");
	*(uint32_t *)buf = 0x7fffe000;
	EXPECT_PGM(PGM_ADDRESSING, asm volatile("spx 0(%0)" : : "a"(buf) : "memory"),
		   "SPX to a prefix beyond memory");
	report(stpx() == 0, "prefix unchanged after the failed SPX");
	report_prefix_pop();
}

static void test_control_registers(void)
{
	report_prefix_push("control");
	uint64_t cr6 = stctg(6);
	lctlg(6, 0x12000000UL);
	report(stctg(6) == 0x12000000UL, "LCTLG/STCTG round trip (cr6)");
	uint64_t regs[2] __attribute__((aligned(8))) = { 0x11000000UL, 0xaabbccddUL };
	asm volatile("lctlg 6,7,%0" : : "S"(regs) : "memory");
	uint64_t out[2] __attribute__((aligned(8))) = { 0, 0 };
	asm volatile("stctg 6,7,%0" : "=S"(out));
	report(out[0] == regs[0] && out[1] == regs[1], "LCTLG/STCTG of a register range");
	uint32_t w __attribute__((aligned(4))) = 0x22000000;
	asm volatile("lctl 6,6,%0" : : "Q"(w) : "memory");
	report(stctg(6) == 0x22000000UL, "LCTL replaces the low word");
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("lctlg 6,6,0(%0)" : : "a"(buf + 4) : "memory"),
		   "LCTLG with an unaligned operand");
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("stctg 6,6,0(%0)" : : "a"(buf + 2) : "memory"),
		   "STCTG with an unaligned operand");
	lctlg(6, cr6);
	report_prefix_pop();
}

static void test_timers(void)
{
	report_prefix_push("timers");
	/* PoP ch. 4 "Clock Comparator": at least bits 0-47 are provided; STCKC stores zeros
	 * to the right of the positions a model provides (Hercules: bits 0-55; QEMU: all). */
	const uint64_t ckc = 0x123456789abcdef1UL;
	sckc(ckc);
	uint64_t got = stckc();
	bool truncated = false;
	for (int low = 0; low <= 16; low++)
		truncated |= got == (ckc & ~((1UL << low) - 1));
	report_info("SCKC %016lx, STCKC %016lx", (unsigned long)ckc, (unsigned long)got);
	report(truncated, "SCKC/STCKC round trip: bits 0-47 kept, the rest kept or zero");
	sckc(-1UL);
	spt(1000000LL * 4096);          /* one second */
	int64_t t1 = stpt();
	for (volatile int i = 0; i < 10000; i++)
		;
	int64_t t2 = stpt();
	report(t1 <= 1000000LL * 4096 && t1 > 0 && t2 < t1, "SPT/STPT: the CPU timer counts down from 1 s");
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("sckc 0(%0)" : : "a"(buf + 1) : "memory"),
		   "SCKC with an unaligned operand");
	report_prefix_pop();
}

static void test_sigp(void)
{
	report_prefix_push("sigp");
	uint32_t status = 0;
	report(sigp(0, SIGP_SENSE, 0, &status) == 0, "SIGP sense to this CPU: cc 0");
	report(sigp(63, SIGP_SENSE, 0, &status) == 3, "SIGP to a CPU that does not exist: cc 3");
	int cc = sigp(0, 0xfe, 0, &status);
	report(cc == 1 && (status & SIGP_STATUS_INVALID_ORDER), "SIGP invalid order: cc 1, status 0x%x",
	       (unsigned)status);
	report_prefix_pop();
}

static void test_psw_and_diag(void)
{
	report_prefix_push("psw");
	uint8_t old = STOSM(0x00);
	report(old == 0x00, "STOSM: system mask 0x%02x after start", old);
	ssm(0x00);
	EXPECT_PGM(PGM_SPECIFICATION, asm volatile("lpswe 0(%0)" : : "a"(buf + 4) : "memory"),
		   "LPSWE with an unaligned operand");
	EXPECT_PGM(PGM_ADDRESSING, asm volatile("lpswe 0(%0)" : : "a"(0x7ffff000UL) : "memory"),
		   "LPSWE from beyond memory");
	report_prefix_pop();
	report_prefix_push("diag");
	/* QEMU TCG implements only DIAG 0x288, 0x308 and 0x500; z/VM and KVM accept 0x44. */
	pgm_expect_begin();
	diag(0x44, 0, 0);
	uint16_t got = pgm_expect_end();
	report_kfail(!tv_under_testvisor(), got == 0, "DIAG 0x44 (time-slice end) is accepted");
	if (got)
		report_info("DIAG 0x44: program interruption 0x%02x", got);
	EXPECT_PGM(PGM_SPECIFICATION, diag(0x123, 0, 0), "DIAG with an unknown code");
	report_prefix_pop();
}

static void test_io_instructions(void)
{
	report_prefix_push("io");
	uint8_t schib[64] __attribute__((aligned(4)));
	EXPECT_PGM(PGM_OPERAND, stsch(0x00000000, schib), "STSCH with a malformed subsystem id");
	int cc = -1;
	EXPECT_PGM(0, cc = stsch(0x0001ffff, schib), "STSCH of subchannel 0.0.ffff");
	report(cc == 3, "STSCH of subchannel 0.0.ffff: cc 3 (not operational), got %d", cc);
	EXPECT_PGM(PGM_SPECIFICATION, stsch(0x00010000, schib + 2), "STSCH to an unaligned SCHIB");
	uint32_t code[3] __attribute__((aligned(4)));
	report(tpi(code) == 0, "TPI with no I/O interruption pending: cc 0");
	uint32_t crw = 0xffffffff;
	report(stcrw(&crw) == 1 && crw == 0, "STCRW with no CRW pending: cc 1, zero stored");
	/* CHSC Store Channel-Path Description of CHPID 00 (format 0). */
	memset(chsc_area, 0, sizeof(chsc_area));
	chsc_area[1] = 0x10;
	chsc_area[3] = 0x02;
	cc = chsc(chsc_area);
	const uint8_t *resp = chsc_area + 16;
	report(cc == 0 && resp[2] == 0 && resp[3] == 1, "CHSC store channel-path description: cc 0, response 1");
	report(resp[1] >= 16 && resp[8] == 0x80 && resp[10] == 0x32 && resp[11] == 0x00,
	       "CHPID 00: valid, virtual channel path (type 0x32)");
	chsc_area[1] = 0x0c;
	EXPECT_PGM(PGM_OPERAND, chsc(chsc_area), "CHSC with a bad request length");
	EXPECT_PGM(PGM_SPECIFICATION, chsc(chsc_area + 8), "CHSC on an unaligned area");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("privileged");
	test_cpu_identity();
	test_execute();
	test_prefix();
	test_control_registers();
	test_timers();
	test_sigp();
	test_psw_and_diag();
	test_io_instructions();
	report_prefix_pop();
	return report_summary();
}
