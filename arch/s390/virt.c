/* Which way testvisor runs guests on this machine, and the s390x self-check items. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "backend.h"
#include "insn_decode.h"
#include "s390_host.h"
#include "sie.h"

#define LC_PROBE 0x308

#ifdef TV_S390_SIE
/* Runs SIE on a zeroed state description with program checks caught: an operation
 * exception (QEMU TCG) means no SIE; a machine with SIE should end it at once with a
 * validity interception (unverified: see arch/s390/build.mk). */
static bool sie_present(void)
{
	static uint8_t sd[SIE_BLOCK_SIZE] __attribute__((aligned(512)));
	volatile uint8_t *probe = &lowcore[LC_PROBE];
	memset(sd, 0, sizeof(sd));
	*probe = 1;
	register uint64_t r2 asm("2") = (uint64_t)(uintptr_t)sd;
	asm volatile(".insn s,0xb2140000,0(%0)" : : "a"(r2) : "memory", "cc");
	bool faulted = *probe == 2;
	*probe = 0;
	return !faulted;
}
#else
static bool sie_present(void) { return false; } /* never probed by default */
#endif

static int sie_state = -1;

bool s390_sie_available(void)
{
	if (sie_state < 0)
		sie_state = sie_present();
	return sie_state;
}

const struct guest_backend *s390_backend(void)
{
	return s390_sie_available() ? &backend_sie : &backend_problem_state;
}

bool arch_virt_probe(char *why, size_t len)
{
	/* The problem-state backend needs nothing but DAT, which every z/Architecture CPU
	 * has: there is always a way to run guests. */
#ifdef TV_S390_SIE
	printf("testvisor: %s; guests run in %s\n",
	       s390_sie_available() ? "SIE facility present" : "no SIE facility",
	       s390_backend()->name);
#else
	printf("testvisor: guests run in %s\n", s390_backend()->name);
#endif
	return true;
}

int arch_selfcheck(void)
{
	int fails = 0;
	fails += hv_check(LC64(LC_PGM_NEW_PSW + 8) != 0 && LC64(LC_EXT_NEW_PSW + 8) != 0,
			  "s390x: lowcore new PSWs installed");
	uint64_t t0 = stckf();
	for (volatile int i = 0; i < 1000; i++)
		;
	fails += hv_check(stckf() > t0, "s390x: TOD clock advances");
	uint64_t cr0 = stctg(0);
	fails += hv_check((cr0 & CR0_CPU_TIMER) && !(cr0 & CR0_SERVICE_SIGNAL),
			  "s390x: only the CPU-timer subclass enabled (cr0 %016lx)",
			  (unsigned long)cr0);
	/* Registers a guest could leave behind: dirty them, clear them, look. */
	static const uint32_t ones[16] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static uint32_t ars[16];
	static uint64_t f15 = 1;
	uint64_t cr0_saved = stctg(0);
	lctlg0(cr0_saved | CR0_AFP);
	asm volatile("lam 0,15,%0\n\tld 15,%1" : : "Q"(ones), "Q"(f15) : "memory");
	s390_clear_guest_registers();
	lctlg0(cr0_saved | CR0_AFP);
	asm volatile("stam 0,15,%0\n\tstd 15,%1" : "=Q"(ars), "=Q"(f15) : : "memory");
	lctlg0(cr0_saved);
	bool clear = f15 == 0;
	for (int i = 0; i < 16; i++)
		clear &= ars[i] == 0;
	fails += hv_check(clear, "s390x: floating-point and access registers cleared between guests");
	const uint8_t lpswe[] = { 0xb2, 0xb2, 0x10, 0x08 };
	struct insn in;
	fails += hv_check(insn_decode(lpswe, sizeof(lpswe), &in) && in.desc->id == INSN_LPSWE &&
			  in.b2 == 1 && in.d2 == 8, "s390x: privileged-instruction decoder");
#ifdef TV_S390_SIE
	printf("selfcheck: INFO: s390x: SIE facility %s\n", s390_sie_available() ? "present" : "absent");
#else
	printf("selfcheck: INFO: s390x: SIE not probed (built without S390_SIE=1)\n");
#endif
	return fails;
}
