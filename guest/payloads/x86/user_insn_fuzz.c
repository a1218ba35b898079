/* Random instruction bytes at CPL 3: each run executes one instruction made of random
 * bytes from a user page, single-stepped (RFLAGS.TF), with random registers, and comes
 * back to CPL 0 through whatever exception it raised - #DB when it completed (AMD APM
 * vol. 2 §13.1.4: the single-step trap follows each instruction). The rule: every run
 * ends in an exception the architecture defines, at CPL 0 in the payload's own handler,
 * and the guest is never stopped. Instructions that exit to testvisor at CPL 3 (CPUID,
 * VMMCALL) meet its emulation here; the single step after an emulated CPUID is checked on
 * its own: #DB must arrive right after the CPUID, not one instruction later. Only the
 * sandbox page and a stack page are user pages, so a random store cannot reach the
 * payload. Arguments: seed=<n> count=<n> show=<run> (prints that run's bytes). */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include <cpu.h>
#include "trap.h"

#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_DATA (0x18 | 3)
#define SEL_USER_CODE (0x20 | 3)
#define SEL_TSS 0x28
#define PTE_P 1ull
#define PTE_RW 2ull
#define PTE_U 4ull
#define PTE_PS 0x80ull
#define INSN_BYTES 15
#define REGS 16

/* The user region: one 2 MiB-aligned block whose mapping becomes 4 KiB pages, of which
 * only the code and stack pages are user pages. */
static uint8_t user_block[2 << 20] __attribute__((aligned(2 << 20)));
#define USER_CODE (user_block)
#define USER_STACK (user_block + 4096)
static uint64_t user_pt[512] __attribute__((aligned(4096)));
static uint8_t kernel_stack[16384] __attribute__((aligned(16)));

static uint64_t gdt[7] __attribute__((aligned(16)));
static uint8_t tss[104] __attribute__((aligned(16)));

uint64_t user_regs[REGS];
uint64_t user_saved_rsp, user_entry_rip, user_entry_rsp;
void run_user(void);
void user_return(void);
/* Saves the callee-saved registers and RSP, loads the random registers, enters CPL 3 at
 * user_entry_rip with TF set; the exception handler resumes at user_return. */
__asm__(".pushsection .text\n"
	".globl run_user, user_return\n"
	"run_user:\n"
	"	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
	"	mov %rsp, user_saved_rsp(%rip)\n"
	"	pushq $0x1b\n"                /* SS: user data */
	"	pushq user_entry_rsp(%rip)\n"
	"	pushq $0x102\n"               /* RFLAGS: TF, IF clear, IOPL 0 */
	"	pushq $0x23\n"                /* CS: user code */
	"	pushq user_entry_rip(%rip)\n"
	"	lea user_regs(%rip), %r15\n"
	"	mov 0(%r15), %rax; mov 8(%r15), %rbx; mov 16(%r15), %rcx; mov 24(%r15), %rdx\n"
	"	mov 32(%r15), %rsi; mov 40(%r15), %rdi; mov 48(%r15), %rbp; mov 56(%r15), %r8\n"
	"	mov 64(%r15), %r9; mov 72(%r15), %r10; mov 80(%r15), %r11; mov 88(%r15), %r12\n"
	"	mov 96(%r15), %r13; mov 104(%r15), %r14; mov 112(%r15), %r15\n"
	"	iretq\n"
	"user_return:\n"
	"	pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
	"	ret\n"
	".popsection\n");

static uint64_t by_vector[32], bad, runs_from_user;
static unsigned last_vector, first_bad_vector;
static uint64_t last_rip;

static uint8_t current[INSN_BYTES];
static uint64_t odd_frames;

static bool from_user(struct trap_frame *f)
{
	bool in_sandbox = f->rip - (uintptr_t)USER_CODE < 4096;
	if ((f->cs & 3) != 3 && !in_sandbox)
		return false; /* a fault of the payload itself: not ours */
	if ((f->cs & 3) != 3 && !odd_frames++)
		report_info("%s from the user page with CS %#lx in its frame, after %02x %02x %02x %02x %02x %02x",
			    x86_vector_name((unsigned)f->vector), (unsigned long)f->cs, current[0], current[1],
			    current[2], current[3], current[4], current[5]);
	last_vector = (unsigned)f->vector;
	last_rip = f->rip;
	runs_from_user++;
	f->rip = (uint64_t)user_return;
	f->cs = SEL_KERNEL_CODE;
	f->ss = SEL_KERNEL_DATA;
	f->rsp = user_saved_rsp;
	f->rflags = 0x2;
	return true;
}

static uint64_t *table_of(uint64_t entry) { return (uint64_t *)(uintptr_t)(entry & 0x000ffffffffff000ull); }

/* Splits the 2 MiB page of user_block into 4 KiB pages; makes the two user pages and
 * the path to them user-accessible. */
static void map_user_pages(void)
{
	uintptr_t va = (uintptr_t)user_block;
	uint64_t *pml4 = table_of(read_cr3());
	uint64_t *pdpt = table_of(pml4[(va >> 39) & 511]);
	uint64_t *pd = table_of(pdpt[(va >> 30) & 511]);
	for (unsigned i = 0; i < 512; i++)
		user_pt[i] = (va + i * 4096ull) | PTE_P | PTE_RW;
	user_pt[0] |= PTE_U;
	user_pt[1] |= PTE_U;
	pd[(va >> 21) & 511] = (uintptr_t)user_pt | PTE_P | PTE_RW | PTE_U;
	pdpt[(va >> 30) & 511] |= PTE_U;
	pml4[(va >> 39) & 511] |= PTE_U;
	write_cr3(read_cr3());
}

static void load_user_gdt(void)
{
	gdt[1] = 0x00209a0000000000ull; /* 64-bit code, DPL 0 */
	gdt[2] = 0x0000920000000000ull; /* data, DPL 0 */
	gdt[3] = 0x0000f20000000000ull; /* data, DPL 3 */
	gdt[4] = 0x0020fa0000000000ull; /* 64-bit code, DPL 3 */
	uint64_t base = (uintptr_t)tss, limit = sizeof(tss) - 1;
	gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 | ((base >> 24) & 0xff) << 56;
	gdt[6] = base >> 32;
	uint64_t rsp0 = (uintptr_t)(kernel_stack + sizeof(kernel_stack));
	memcpy(&tss[4], &rsp0, 8);
	uint16_t iomap = sizeof(tss); /* no I/O permission bitmap: CPL 3 IN/OUT raise #GP */
	memcpy(&tss[102], &iomap, 2);
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { sizeof(gdt) - 1, (uintptr_t)gdt };
	__asm__ volatile("lgdt %0" :: "m"(ptr) : "memory");
}

/* Loads TR afresh (LTR needs the descriptor not busy). Done before every run: on QEMU
 * TCG, some random CPL-3 instruction leaves TR unusable, and the next exception from
 * CPL 3 then aborts QEMU ("qemu: fatal: invalid tss"), standalone as well as under
 * testvisor. */
static void load_tr(void)
{
	gdt[5] &= ~(0xfull << 40);
	gdt[5] |= 0x9ull << 40; /* available 64-bit TSS */
	__asm__ volatile("ltr %w0" :: "r"(SEL_TSS) : "memory");
}

/* MOV Sreg, r/m (8E /r) must raise #UD when its ModRM reg field names CS (1) or no
 * segment register at all (6, 7, or 8-15 with REX.R) (AMD APM vol. 3, MOV (Segment)). QEMU 10.0.2's TCG does
 * not: with reg 6 or 7 it leaves TR unusable, after which the next exception from CPL 3
 * aborts QEMU ("qemu: fatal: invalid tss"); with reg 1 it loads CS, and the next
 * exception arrives with CS 0 in its frame and ends in a triple fault - standalone and
 * under testvisor alike. So such an encoding is turned into one that loads DS. */
static void avoid_qemu_mov_sreg_bug(uint8_t *b, unsigned n)
{
	static const uint8_t prefixes[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3 };
	unsigned i = 0;
	while (i < n - 1 && (memchr(prefixes, b[i], sizeof(prefixes)) || (b[i] & 0xf0) == 0x40))
		i++;
	if (b[i] != 0x8e || i + 1 >= n)
		return;
	unsigned reg = (b[i + 1] >> 3) & 7;
	if (reg == 1 || reg >= 6)
		b[i + 1] = (uint8_t)((b[i + 1] & ~(7u << 3)) | (3u << 3));
	/* REX.R would make the register number 8-15: QEMU indexes past its segment
	 * registers with it too. */
	for (unsigned j = 0; j < i; j++)
		if ((b[j] & 0xf0) == 0x40)
			b[j] &= ~4u;
}

/* One run of `bytes` at CPL 3; returns the vector it came back with. */
static unsigned run_bytes(const uint8_t *bytes, unsigned n)
{
	memset(USER_CODE, 0x90, 64);
	memcpy(USER_CODE, bytes, n);
	memcpy(current, bytes, n < INSN_BYTES ? n : INSN_BYTES);
	for (unsigned r = 0; r < REGS; r++)
		user_regs[r] = tv_rand() % 4 ? tv_rand() : (uintptr_t)USER_STACK + tv_rand() % 4096;
	user_entry_rip = (uintptr_t)USER_CODE;
	user_entry_rsp = (uintptr_t)USER_STACK + 2048;
	last_vector = ~0u;
	load_tr();
	run_user();
	return last_vector;
}

int main(int argc, char **argv)
{
	report_prefix_push("user_insn_fuzz");
	uint64_t calls = tv_fuzz_args(argc, argv, 20000);
	const char *show_arg = tv_arg(argc, argv, "show"); /* prints that run's bytes first */
	uint64_t show = show_arg ? strtoull(show_arg, NULL, 0) : ~0ull;
	for (unsigned v = 0; v < 32; v++)
		trap_install(v, from_user);
	map_user_pages();
	load_user_gdt();

	/* The single step over an instruction testvisor emulates: CPUID is 2 bytes. */
	static const uint8_t cpuid_insn[] = { 0x0f, 0xa2 };
	unsigned v = run_bytes(cpuid_insn, sizeof(cpuid_insn));
	report(v == X86_DB && last_rip == (uintptr_t)USER_CODE + 2,
	       "CPUID at CPL 3, single-stepped: #DB right after it (vector %u, RIP +%ld)", v,
	       (long)(last_rip - (uintptr_t)USER_CODE));

	for (uint64_t i = 0; i < calls; i++) {
		uint8_t bytes[INSN_BYTES];
		for (unsigned b = 0; b < INSN_BYTES; b++)
			bytes[b] = (uint8_t)tv_rand();
		avoid_qemu_mov_sreg_bug(bytes, INSN_BYTES);
		if (i == show)
			report_info("run %llu: %02x %02x %02x %02x %02x %02x %02x %02x", (unsigned long long)i,
				    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
		v = run_bytes(bytes, INSN_BYTES);
		if (v >= 32) {
			if (!bad++)
				first_bad_vector = v;
			continue;
		}
		by_vector[v]++;
	}
	for (unsigned i = 0; i < 32; i++)
		trap_install(i, NULL);
	tv_fuzz_report_calls("user_insn", calls);
	for (unsigned i = 0; i < 32; i++)
		tv_fuzz_report_exception("user_insn", x86_vector_name(i), by_vector[i]);
	report(bad == 0, "every random instruction at CPL 3 came back through an exception (%llu did not, first %u)",
	       (unsigned long long)bad, first_bad_vector);
	report(runs_from_user == calls + 1, "the payload's handler saw every run come back from CPL 3");
	report(odd_frames == 0, "every exception from the user page has a CPL-3 frame (%llu did not)",
	       (unsigned long long)odd_frames);
	return report_summary();
}
