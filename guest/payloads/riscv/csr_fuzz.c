/* CSR accesses of random numbers: reads (csrrs rd, csr, x0) of any of the 4096 CSR
 * numbers, and writes (csrrw/csrrs/csrrc of a random value) to the numbers a write cannot
 * hurt the payload through: machine-level CSRs and the read-only counters (no write
 * allowed from S-mode: privileged spec §2.1, "attempts to access a CSR without
 * appropriate privilege level or to write a read-only register ... raise illegal
 * instruction"), custom user CSRs (none on QEMU), and the VS CSRs (unused state
 * standalone; under testvisor, a VS-mode access traps to testvisor, which must answer with
 * an illegal-instruction exception, since the guest has no H extension). Rule: each access
 * completes or raises illegal instruction (scause 2); no other cause, and the guest is
 * never stopped. The instruction is generated at run time into a two-word sandbox
 * (instruction, ret). Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include <riscv_csr.h>
#include "sbi.h"
#include "trap.h"

#define CAUSE_ILLEGAL 2 /* privileged spec, scause exception code 2 */
#define CAUSES 64
#define OPCODE_SYSTEM 0x73
#define FUNCT3_CSRRW 1
#define REG_T0 5
#define REG_T1 6

static uint32_t sandbox[2] __attribute__((aligned(8)));
static uint64_t causes[CAUSES], bad;
static uint32_t first_bad_insn;

static bool on_trap(struct trap_frame *f)
{
	if (f->sepc != (uintptr_t)&sandbox[0])
		return false;
	unsigned c = f->scause & (CAUSES - 1);
	causes[c]++;
	if (c != CAUSE_ILLEGAL && !bad++)
		first_bad_insn = sandbox[0];
	f->sepc += 4;
	return true;
}

static const uint16_t write_ranges[][2] = {
	{ 0x200, 0x2ff }, { 0x300, 0x3ff }, { 0x700, 0x7ff }, { 0x800, 0x8ff },
	{ 0xb00, 0xbff }, { 0xc00, 0xcff }, { 0xf00, 0xfff },
};

static uint32_t random_access(bool *write)
{
	*write = tv_rand() & 1;
	unsigned csr;
	if (*write) {
		unsigned r = tv_rand() % (sizeof(write_ranges) / sizeof(write_ranges[0]));
		csr = write_ranges[r][0] + tv_rand() % (write_ranges[r][1] - write_ranges[r][0] + 1);
	} else {
		csr = tv_rand() % 4096;
	}
	unsigned funct3 = *write ? FUNCT3_CSRRW + tv_rand() % 3 : 2; /* csrrw/csrrs/csrrc; read: csrrs */
	unsigned rs1 = *write ? REG_T1 : 0;
	return (uint32_t)csr << 20 | rs1 << 15 | funct3 << 12 | REG_T0 << 7 | OPCODE_SYSTEM;
}

int main(int argc, char **argv)
{
	report_prefix_push("csr_fuzz");
	uint64_t calls = tv_fuzz_args(argc, argv, 20000), writes = 0;
	for (unsigned v = 0; v < EXC_COUNT; v++)
		trap_install(v, on_trap);
	sandbox[1] = 0x00008067; /* ret (jalr x0, 0(ra)) */
	void (*run)(void) = (void (*)(void))(uintptr_t)sandbox;
	for (uint64_t i = 0; i < calls; i++) {
		bool write;
		sandbox[0] = random_access(&write);
		writes += write;
		__asm__ volatile("fence.i" ::: "memory");
		register uint64_t value __asm__("t1") = tv_rand();
		__asm__ volatile("jalr ra, 0(%1)" : "+r"(value) : "r"(run) : "t0", "ra", "memory");
	}
	for (unsigned v = 0; v < EXC_COUNT; v++)
		trap_install(v, NULL);
	report_info("%llu reads, %llu writes", (unsigned long long)(calls - writes),
		    (unsigned long long)writes);
	tv_fuzz_report_calls("csr", calls);
	tv_fuzz_report_exception_counts("csr", "scause %u", causes, 0, CAUSES);
	if (bad)
		report_fail("csr: an access raised another cause than illegal instruction (%llu times, first insn %#x)",
			    (unsigned long long)bad, first_bad_insn);
	else
		report_pass("csr: every CSR access completes or raises illegal instruction");
	report(sbi_spec_version() > 0, "the payload and its SBI still run after %llu CSR accesses",
	       (unsigned long long)calls);
	return report_summary();
}
