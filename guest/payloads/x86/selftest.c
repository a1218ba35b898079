/* Exercises the payload library on x86_64: the shared library checks, SSE, and installed
 * trap handlers catching deliberate exceptions (#UD, #DE, #BP, #PF). */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trap.h"

static volatile unsigned bp_seen;
static volatile uint64_t bp_rip, pf_addr;

static bool on_breakpoint(struct trap_frame *f)
{
	bp_seen++;
	bp_rip = f->rip; /* a trap: RIP already points past the int3 */
	return true;
}

static bool on_page_fault(struct trap_frame *f)
{
	uint64_t cr2;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	pf_addr = cr2;
	f->rip += 2; /* mov (%rax), %eax */
	return true;
}

static void check_sse(void)
{
	volatile double a = 1.5, b = 2.25;
	double c = a * b;
	report((long)(c * 1000) == 3375, "SSE arithmetic (1.5 * 2.25 = 3.375)");
}

static void check_traps(void)
{
	report_prefix_push("traps");
	trap_expect(6, 2);
	__asm__ volatile("ud2" ::: "memory");
	report(trap_expected_seen(), "#UD from ud2 caught by an installed handler");

	trap_expect(0, 2);
	__asm__ volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx; .byte 0xf7, 0xf1"
			 ::: "eax", "ecx", "edx", "memory"); /* div %ecx */
	report(trap_expected_seen(), "#DE from a division by zero caught");

	trap_install(3, on_breakpoint);
	uint64_t after;
	__asm__ volatile("int3\n1: lea 1b(%%rip), %0" : "=r"(after) :: "memory");
	report(bp_seen == 1 && bp_rip == after, "#BP from int3 caught, RIP past the int3");
	trap_install(3, NULL);

	/* Above the 4 GiB the start-up code maps: a not-present page fault with CR2. */
	trap_install(14, on_page_fault);
	uint64_t bad = 0x100000000ull;
	__asm__ volatile("mov %0, %%rax; .byte 0x8b, 0x00" :: "r"(bad) : "rax", "memory");
	report(pf_addr == bad, "#PF caught with CR2 = %#lx", (unsigned long)pf_addr);
	trap_install(14, NULL);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	selftest_library_checks(argc, argv);
	check_sse();
	check_traps();
	report_info("running on %s", tv_platform_name());
	return report_summary();
}
