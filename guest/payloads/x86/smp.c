/* A second CPU, started the way an x86 kernel starts one (Intel SDM vol. 3 §9.4.4, the
 * INIT-SIPI-SIPI sequence) through the x2APIC's interrupt command register (MSR 0x830;
 * SDM vol. 3 §10.12: x2APIC mode via IA32_APIC_BASE bits 11 and 10, the destination's
 * x2APIC ID in ICR bits 63:32, delivery mode INIT 101b, STARTUP 110b with the vector in
 * bits 7:0). The AP comes up in real mode at vector << 12, goes to long mode on the BSP's
 * page tables (guest/lib/x86/ap_start.asm), records its x2APIC ID (MSR 0x802) and spins.
 * Arguments: cpus=<n> (needs 2: QEMU -smp 2, testvisor vcpus=2). */
#include <libtv.h>
#include <stdlib.h>
#include <cpu.h>
#include "x86_guest.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EN (1ull << 11)
#define APIC_BASE_EXTD (1ull << 10)
#define APIC_BASE_BSP (1ull << 8)
#define MSR_X2APIC_ID 0x802
#define MSR_X2APIC_ICR 0x830
#define ICR_INIT (5u << 8)
#define ICR_STARTUP (6u << 8)
#define ICR_LEVEL_ASSERT (1u << 14)
#define CPUID1_ECX_X2APIC (1u << 21)

static volatile uint32_t ap_id = 0xffffffffu;
static volatile unsigned ap_arrived;
static volatile uint64_t ap_base;
static volatile uint32_t ap_cpuid_id = 0xff;
static uint8_t ap_stack[8192] __attribute__((aligned(16)));

static void ap_main(void)
{
	/* IA32_APIC_BASE is per CPU: the AP turns x2APIC mode on for itself. */
	ap_base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, ap_base | APIC_BASE_EN | APIC_BASE_EXTD);
	ap_id = (uint32_t)rdmsr(MSR_X2APIC_ID);
	ap_cpuid_id = cpuid(1, 0).ebx >> 24;
	__atomic_add_fetch(&ap_arrived, 1, __ATOMIC_SEQ_CST);
}

static void delay(unsigned n)
{
	for (volatile unsigned i = 0; i < n; i++)
		__asm__ volatile("pause");
}

int main(int argc, char **argv)
{
	const char *cpus = tv_arg(argc, argv, "cpus");
	if (!cpus || atoi(cpus) < 2) {
		report_skip("needs a second CPU (cpus=2)");
		return report_summary();
	}
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_X2APIC)) {
		report_skip("no x2APIC (CPUID.1:ECX bit 21)");
		return report_summary();
	}
	uint64_t base = rdmsr(MSR_APIC_BASE);
	report(base & APIC_BASE_BSP, "IA32_APIC_BASE: this is the bootstrap processor");
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN | APIC_BASE_EXTD);
	report(rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD, "x2APIC mode on");
	uint32_t bsp_id = (uint32_t)rdmsr(MSR_X2APIC_ID);
	report(bsp_id == 0, "the BSP's x2APIC ID is 0 (%u)", bsp_id);

	uint8_t vector = x86_ap_prepare(ap_main, ap_stack + sizeof(ap_stack));
	uint64_t dest = (uint64_t)1 << 32; /* x2APIC ID 1 */
	wrmsr(MSR_X2APIC_ICR, dest | ICR_INIT | ICR_LEVEL_ASSERT);
	delay(100000);
	for (int i = 0; i < 2 && !ap_arrived; i++) {
		wrmsr(MSR_X2APIC_ICR, dest | ICR_STARTUP | vector);
		delay(100000);
	}
	for (unsigned i = 0; i < 100000000 && !ap_arrived; i++)
		__asm__ volatile("pause");
	report(ap_arrived == 1, "the AP started at the SIPI vector and reached long mode (once)");
	report(ap_id == 1, "the AP's x2APIC ID is 1 (%u)", ap_id);
	report(ap_arrived && !(ap_base & APIC_BASE_BSP), "the AP's IA32_APIC_BASE does not say BSP");
	report(ap_cpuid_id == 1 && (cpuid(1, 0).ebx >> 24) == 0,
	       "CPUID.1:EBX[31:24], the initial APIC ID, is each CPU's own (AP %u)", ap_cpuid_id);
	return report_summary();
}
