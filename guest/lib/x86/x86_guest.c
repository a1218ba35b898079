/* x86 payload helpers (see x86_guest.h). */
#include <libtv.h>
#include <string.h>
#include "trap.h"
#include "x86_guest.h"

#define MSR_INSN_LEN 2

bool rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;
	trap_expect(X86_GP, MSR_INSN_LEN);
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
	bool faulted = trap_expected_seen();
	*val = faulted ? 0 : ((uint64_t)hi << 32 | lo);
	return !faulted;
}

bool wrmsr_safe(uint32_t msr, uint64_t val)
{
	trap_expect(X86_GP, MSR_INSN_LEN);
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)) : "memory");
	return !trap_expected_seen();
}

uint64_t tv_hypercall(uint64_t nr, uint64_t a, uint64_t b, uint64_t c)
{
	__asm__ volatile("vmmcall" : "+a"(nr) : "b"(a), "c"(b), "d"(c) : "memory");
	return nr;
}

uint64_t ghcb_msr_call(uint64_t request)
{
	wrmsr(MSR_SEV_GHCB, request);
	__asm__ volatile("rep; vmmcall" ::: "memory");
	return rdmsr(MSR_SEV_GHCB);
}

uint64_t sev_status(void)
{
	uint64_t v;
	return rdmsr_safe(MSR_SEV_STATUS, &v) ? v : 0;
}

bool on_testvisor(void) { return !strcmp(tv_platform_name(), "testvisor"); }
