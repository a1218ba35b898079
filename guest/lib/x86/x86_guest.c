/* x86 payload helpers (see x86_guest.h). */
#include <libtv.h>
#include <string.h>
#include <cpu.h>
#include "sev_guest.h"
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

/* Where the AP start code goes: page 8, free below 1 MiB on QEMU's q35 and under
 * testvisor (a SIPI vector names a page below 1 MiB). */
#define AP_BASE 0x8000ul
extern const uint8_t x86_ap_trampoline[], x86_ap_trampoline_end[], x86_ap_cr3[], x86_ap_stack[],
	x86_ap_entry[];

uint8_t x86_ap_prepare(void (*entry)(void), void *stack_top)
{
	uint8_t *dst = (uint8_t *)AP_BASE;
	memcpy(dst, x86_ap_trampoline, (size_t)(x86_ap_trampoline_end - x86_ap_trampoline));
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t words[3] = { cr3, (uint64_t)(uintptr_t)stack_top, (uint64_t)(uintptr_t)entry };
	memcpy(dst + (x86_ap_cr3 - x86_ap_trampoline), &words[0], 8);
	memcpy(dst + (x86_ap_stack - x86_ap_trampoline), &words[1], 8);
	memcpy(dst + (x86_ap_entry - x86_ap_trampoline), &words[2], 8);
	return (uint8_t)(AP_BASE >> 12);
}

unsigned x86_wait_with_irqs(volatile unsigned *count, unsigned want, uint64_t max_cycles)
{
	uint64_t t0 = rdtsc();
	__asm__ volatile("sti" ::: "memory");
	while (*count < want && rdtsc() - t0 < max_cycles) {
		sev_hv_run_deferred();
		__asm__ volatile("pause" ::: "memory");
	}
	__asm__ volatile("cli" ::: "memory");
	return *count;
}

void x86_irq_window(void)
{
	__asm__ volatile("sti; nop; nop" ::: "memory");
	sev_hv_run_deferred();
	__asm__ volatile("cli" ::: "memory");
}
