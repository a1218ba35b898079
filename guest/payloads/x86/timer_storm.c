/* An interrupt storm: the local APIC timer periodic with an initial count of 1 (it
 * expires every nanosecond of its 1 GHz clock), and a handler that ends each interrupt
 * with EOI and returns to an endless loop with interrupts on. Only testvisor's time
 * budget can stop it. Guest mode only (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <cpu.h>
#include "trap.h"

#define MSR_APIC_BASE 0x1b
#define APIC_X2_EN ((1ull << 11) | (1ull << 10))
#define STORM_VECTOR 0x40

static volatile uint64_t taken;

static bool on_timer(struct trap_frame *f)
{
	taken++;
	wrmsr(0x80B, 0); /* EOI: the next expiry is already due */
	return true;
}

int main(int argc, char **argv)
{
	trap_install(STORM_VECTOR, on_timer);
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_X2_EN);
	wrmsr(0x80F, 0x1FF);                        /* SVR: enabled */
	wrmsr(0x83E, 0xB);                          /* divide by 1 */
	wrmsr(0x832, (1u << 17) | STORM_VECTOR);    /* periodic */
	wrmsr(0x838, 1);
	report_pass("about to take timer interrupts forever");
	__asm__ volatile("sti; 1: jmp 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
