/* The machine testvisor runs on: PL011 console, generic counter, and ending the run
 * (semihosting SYS_EXIT when QEMU offers it, for an exit status; PSCI SYSTEM_OFF else). */
#include <stdint.h>
#include <hv/arch_if.h>
#include <arm64/sysreg.h>
#include <arm64/platform.h>

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

/* One character, as arch_if.h says: the core's console writer adds the '\r' of each '\n'. */
void arch_console_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)VIRT_PL011_BASE;
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (uint8_t)c;
}

uint64_t arch_cycles(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

uint64_t arch_cycles_hz(void) { return read_sysreg(cntfrq_el0); }

/* Set while semihosting is tried: an UNDEF of the HLT means QEMU runs without
 * -semihosting (el2_exception then skips the instruction and clears this). */
volatile bool semihosting_probe;

/* One semihosting call; false when QEMU has no semihosting (the HLT was UNDEF). */
static bool semihosting_call(uint64_t op, uint64_t arg)
{
	semihosting_probe = true;
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = arg;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	bool present = semihosting_probe;
	semihosting_probe = false;
	return present;
}

bool semihosting_enabled(void)
{
	return semihosting_call(0x11, 0); /* SYS_TIME: harmless */
}

noreturn void arch_machine_exit(int status)
{
	static uint64_t block[2];
	block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
	block[1] = (uint64_t)status;
	semihosting_call(0x18, (uint64_t)(uintptr_t)block); /* SYS_EXIT: returns only without */
	psci_call_firmware(PSCI_FN_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
