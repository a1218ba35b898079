/* x86_64 items of testvisor's built-in self-check: the CPU state the boot path set up,
 * exception handling, the time source and the preemption tick. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <stdio.h>
#include <cpu.h>
#include <x86/acpi.h>
#include <x86/fixup.h>
#include <x86/host.h>

#define CR0_PG (1ull << 31)
#define CR4_OSFXSR (1ull << 9)
#define TICK_WAIT_MS 50

/* A #UD on purpose, recovered through the fix-up table. */
static bool deliberate_ud_caught(void)
{
	uint32_t caught;
	__asm__ volatile("1:\tud2\n\t"
			 "xorl %k[caught], %k[caught]\n"
			 "2:\n\t"
			 X86_FIXUP_ENTRY
			 ".pushsection .text.x86_fixup, \"ax\"\n"
			 "3:\tmovl $1, %k[caught]\n\t"
			 "jmp 2b\n\t"
			 ".popsection"
			 : [caught] "=r"(caught)
			 : [fixup_vector] "i"(X86_UD)
			 : "memory");
	return caught;
}

static bool preempt_ticks_arrive(void)
{
	uint64_t before = x86_preempt_ticks();
	uint64_t end = rdtsc() + x86_tsc_hz() / 1000 * TICK_WAIT_MS;
	__asm__ volatile("sti");
	while (rdtsc() < end && x86_preempt_ticks() < before + 2)
		__asm__ volatile("pause");
	__asm__ volatile("cli");
	return x86_preempt_ticks() >= before + 2;
}

/* The power-off path arch_machine_exit takes for status 0, read from the firmware's
 * tables. A machine without ACPI at all is not a failure of testvisor's. */
static int check_acpi_s5(void)
{
	const struct acpi_s5 *s5;
	const char *why;
	enum x86_power_state st = x86_power_s5(&s5, &why);
	if (st == X86_NO_ACPI) {
		printf("selfcheck: SKIP: x86_64: ACPI S5 soft-off: %s\n", why);
		return 0;
	}
	if (st != X86_S5_FOUND)
		return hv_check(false, "x86_64: ACPI S5 soft-off found in the firmware's tables (%s)", why);
	return hv_check(true, "x86_64: ACPI S5 soft-off found (RSDP %#lx, FADT %#lx, PM1a_CNT %#x, "
			"PM1b_CNT %#x, DSDT \\_S5 SLP_TYPa %u SLP_TYPb %u)", (unsigned long)s5->rsdp,
			(unsigned long)s5->fadt, s5->pm1a_cnt, s5->pm1b_cnt, s5->slp_typa, s5->slp_typb);
}

/* The VM_CR probe's path (x86_rdmsr_safe) on an MSR this CPU is known to lack: the
 * x2APIC registers raise #GP while the local APIC is in xAPIC mode (AMD APM vol. 2,
 * 16.11; Intel SDM vol. 3, 11.12.1.2), under QEMU's TCG too, which reads every other
 * unknown MSR as 0. */
#define APIC_BASE_X2APIC (1ull << 10)
#define MSR_X2APIC_ID 0x802
static int check_absent_msr_read(void)
{
	if (rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_X2APIC) {
		printf("selfcheck: SKIP: x86_64: RDMSR of an absent MSR: the local APIC is in x2APIC "
		       "mode, no MSR is known to be absent\n");
		return 0;
	}
	uint64_t v = ~0ull;
	bool read = x86_rdmsr_safe(MSR_X2APIC_ID, &v);
	return hv_check(!read && v == 0, "x86_64: RDMSR of an absent MSR (%#x, x2APIC ID in xAPIC mode) "
			"raises #GP, recovered as in the VM_CR probe", MSR_X2APIC_ID);
}

int arch_selfcheck(void)
{
	int failures = 0;
	failures += hv_check((rdmsr(MSR_EFER) & EFER_LMA) && (read_cr0() & CR0_PG),
			     "x86_64: long mode with paging (EFER %#lx)",
			     (unsigned long)rdmsr(MSR_EFER));
	failures += hv_check(read_cr4() & CR4_OSFXSR, "x86_64: SSE enabled (CR4.OSFXSR)");
	failures += hv_check(deliberate_ud_caught(), "x86_64: deliberate #UD recovered through the fix-up table");
	failures += hv_check(x86_tsc_hz() > 1000000, "x86_64: TSC calibrated against the PIT (%lu kHz)",
			     (unsigned long)(x86_tsc_hz() / 1000));
	failures += hv_check(preempt_ticks_arrive(), "x86_64: local APIC preemption tick arrives");
	failures += hv_check(!(read_rflags() & RFLAGS_IF), "x86_64: interrupts masked outside guests");
	failures += check_acpi_s5();
	failures += check_absent_msr_read();
	return failures;
}
