/* Random instructions against testvisor's exit paths: loads (integer, FP, LR) from random
 * addresses, CSR reads of random CSRs, hypervisor and reserved encodings, each run once
 * in a sandbox with random base registers. Whatever traps, the payload's handler must see
 * an architectural exception (never a hypervisor-only cause such as a guest-page fault)
 * and the payload must keep running. Instructions that could change the payload's own
 * state (stores, AMOs, CSR writes, jumps, ecall, wfi, sret) are not generated.
 * Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include <riscv_csr.h>
#include "sbi.h"
#include "trap.h"


/* The sandbox: the instruction, then ebreak; registers x5-x31 loaded from sandbox_regs.
 * x1-x4 (ra, sp, gp, tp) are never a generated instruction's destination. */
static uint32_t sandbox_code[2] __attribute__((aligned(8)));
uint64_t sandbox_regs[32];
uint64_t sandbox_save[16];
uint64_t sandbox_entry;
__asm__(".pushsection .text\n"
	".balign 4\n"
	".global sandbox_run\n"
	"sandbox_run:\n"
	"  la t0, sandbox_save\n"
	"  sd ra, 0(t0)\n  sd s0, 8(t0)\n  sd s1, 16(t0)\n  sd s2, 24(t0)\n  sd s3, 32(t0)\n"
	"  sd s4, 40(t0)\n  sd s5, 48(t0)\n  sd s6, 56(t0)\n  sd s7, 64(t0)\n  sd s8, 72(t0)\n"
	"  sd s9, 80(t0)\n  sd s10, 88(t0)\n  sd s11, 96(t0)\n  sd tp, 104(t0)\n"
	"  la ra, sandbox_entry\n  ld ra, 0(ra)\n"
	"  la t0, sandbox_regs\n"
	"  .irp n, 6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"  ld x\\n, (\\n * 8)(t0)\n"
	"  .endr\n"
	"  ld t0, (5 * 8)(t0)\n"
	"  jr ra\n"
	".global sandbox_back\n"
	"sandbox_back:\n"
	"  la t0, sandbox_save\n"
	"  ld ra, 0(t0)\n  ld s0, 8(t0)\n  ld s1, 16(t0)\n  ld s2, 24(t0)\n  ld s3, 32(t0)\n"
	"  ld s4, 40(t0)\n  ld s5, 48(t0)\n  ld s6, 56(t0)\n  ld s7, 64(t0)\n  ld s8, 72(t0)\n"
	"  ld s9, 80(t0)\n  ld s10, 88(t0)\n  ld s11, 96(t0)\n  ld tp, 104(t0)\n"
	"  ret\n"
	".popsection\n");
void sandbox_run(void);
extern char sandbox_back[];

static uint64_t cause_count[64];
static unsigned bad_causes;

static bool on_trap(struct trap_frame *f)
{
	uint64_t cause = f->scause & 63;
	if (f->sepc == (uintptr_t)&sandbox_code[1] && cause == EXC_BREAKPOINT) {
		f->sepc = (uintptr_t)sandbox_back; /* the instruction ran without a trap */
		return true;
	}
	if (f->sepc != (uintptr_t)&sandbox_code[0])
		return false; /* not the sandbox: a real unexpected trap */
	cause_count[cause]++;
	if (cause >= EXC_INST_GUEST_PAGE_FAULT || cause == EXC_ECALL_VS)
		bad_causes++;
	f->sepc = (uintptr_t)sandbox_back;
	return true;
}

static uint64_t base_value(uint64_t ram_end)
{
	switch (tv_rand() % 6) {
	case 0: return tv_rand();
	case 1: return ram_end + (tv_rand() % (16UL << 20));
	case 2: return 0x10000000UL + tv_rand() % 0x100;   /* the UART */
	case 3: return 0x100000UL;                      /* the test finisher (loads only) */
	case 4: return 0x80200000UL + tv_rand() % 0x10000;  /* the payload itself */
	default: return tv_rand() % 0x100000000UL;
	}
}

static uint32_t with_rd(uint32_t insn, unsigned rd) { return (insn & ~(31u << 7)) | (rd << 7); }
static unsigned random_rd(void) { return 5 + tv_rand() % 27; }

/* One instruction of a class that cannot change the payload's own state. */
static uint32_t random_insn(void)
{
	uint32_t r = (uint32_t)tv_rand();
	unsigned rs1 = 5 + tv_rand() % 27;
	switch (tv_rand() % 6) {
	case 0: /* integer load, any width, random offset */
		return with_rd((r & 0xfff00000) | (rs1 << 15) | ((tv_rand() % 7) << 12) | 0x03, random_rd());
	case 1: /* FP load (flw/fld) */
		return (r & 0xfff00f80) | (rs1 << 15) | ((2 + tv_rand() % 2) << 12) | 0x07;
	case 2: /* lr.w / lr.d */
		return with_rd((0x02u << 27) | (rs1 << 15) | ((2 + tv_rand() % 2) << 12) | 0x2f, random_rd());
	case 3: /* CSR read of a random CSR: csrrs rd, csr, x0 */
		return with_rd(((r >> 20) << 20) | (2u << 12) | 0x73, random_rd());
	case 4: { /* hypervisor loads (hlv/hlvx) and fences: virtual instructions in VS-mode */
		static const uint32_t hyp[] = { 0x6005c573 /* hlv.d a0,(a1) */, 0x6435c573 /* hlvx.wu */,
						0x62000073 /* hfence.gvma */, 0x22000073 /* hfence.vvma */ };
		return hyp[tv_rand() % 4];
	}
	default: { /* reserved and custom opcodes */
		static const uint32_t op[] = { 0x0b, 0x2b, 0x5b, 0x7b, 0x77, 0x57, 0x1f, 0x3f };
		return with_rd((r & ~0x7fu) | op[tv_rand() % 8], random_rd());
	}
	}
}

int main(int argc, char **argv)
{
	report_prefix_push("insn_fuzz");
	const char *seed = tv_arg(argc, argv, "seed"), *count_arg = tv_arg(argc, argv, "count");
	tv_srand(seed ? strtoull(seed, NULL, 0) | 1 : 0x2545f4914f6cdd1dULL);
	unsigned count = count_arg ? (unsigned)strtoul(count_arg, NULL, 0) : 20000;
	uint64_t ram_end = 0x80000000UL + (32UL << 20);
	for (unsigned v = 0; v < EXC_COUNT; v++)
		trap_install(v, on_trap);
	sandbox_entry = (uintptr_t)sandbox_code;
	sandbox_code[1] = 0x00100073; /* ebreak */
	for (unsigned i = 0; i < count; i++) {
		sandbox_code[0] = random_insn();
		__asm__ volatile("fence.i" ::: "memory");
		for (unsigned r = 5; r < 32; r++)
			sandbox_regs[r] = base_value(ram_end);
		sandbox_run();
	}
	for (unsigned v = 0; v < EXC_COUNT; v++)
		trap_install(v, NULL);
	tv_fuzz_report_calls("insn", count);
	tv_fuzz_report_exception_counts("insn", "scause %u", cause_count, 0, EXC_COUNT);
	report(bad_causes == 0, "every trap the payload saw is an architectural exception");
	report(sbi_spec_version() > 0, "the payload and its SBI still run after %u random instructions", count);
	return report_summary();
}
