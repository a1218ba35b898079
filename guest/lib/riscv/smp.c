/* Secondary harts: a small trampoline gives each its stack, gp, FPU and trap vector, runs
 * the function and stops the hart through SBI HSM. */
#include "smp.h"
#include <fdt.h>
#include <stdint.h>
#include <stdio.h>

#define HART_STACK 8192

struct hart_start {
	void (*fn)(unsigned long hartid, void *arg);
	void *arg;
	uintptr_t stack_top;
};

static uint8_t stacks[SMP_MAX_HARTS][HART_STACK] __attribute__((aligned(16)));
static struct hart_start starts[SMP_MAX_HARTS];

/* Entered by the SBI: a0 = hart id, a1 = struct hart_start *. */
__asm__(".pushsection .text\n"
	".balign 4\n"
	"smp_trampoline:\n"
	".option push\n.option norelax\n"
	"  la gp, __global_pointer$\n"
	".option pop\n"
	"  ld sp, 16(a1)\n"
	"  li t0, (1 << 13)\n"        /* sstatus.FS = Initial: the FPU on, as on the boot hart */
	"  csrs sstatus, t0\n"
	"  la t0, trap_entry\n"       /* the payload's trap handling */
	"  csrw stvec, t0\n"
	"  call smp_hart_main\n"
	"1: wfi\n  j 1b\n"
	".popsection\n");
extern char smp_trampoline[];

void smp_hart_main(unsigned long hartid, struct hart_start *s)
{
	s->fn(hartid, s->arg);
	__asm__ volatile("fence rw, rw" ::: "memory");
	sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0, 0, 0);
}

uintptr_t smp_entry_point(unsigned long hartid, void (*fn)(unsigned long, void *), void *arg,
			  uintptr_t *opaque)
{
	struct hart_start *s = &starts[hartid % SMP_MAX_HARTS];
	s->fn = fn;
	s->arg = arg;
	s->stack_top = (uintptr_t)stacks[hartid % SMP_MAX_HARTS] + HART_STACK;
	__asm__ volatile("fence rw, rw" ::: "memory");
	*opaque = (uintptr_t)s;
	return (uintptr_t)smp_trampoline;
}

long smp_start_hart(unsigned long hartid, void (*fn)(unsigned long, void *), void *arg)
{
	if (hartid >= SMP_MAX_HARTS)
		return SBI_ERR_INVALID_PARAM;
	uintptr_t opaque, entry = smp_entry_point(hartid, fn, arg, &opaque);
	return sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, entry, opaque, 0, 0, 0).error;
}

unsigned smp_nr_harts(void)
{
	unsigned n = 0;
	char path[32];
	while (n < SMP_MAX_HARTS) {
		snprintf(path, sizeof(path), "/cpus/cpu@%u", n);
		if (fdt_path_offset(boot_dtb, path) < 0)
			break;
		n++;
	}
	return n;
}
