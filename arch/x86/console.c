/* testvisor's console (COM1) and machine exit on x86_64 QEMU / PC hardware. */
#include <hv/arch_if.h>
#include <cpu.h>
#include <x86/host.h>

enum uart_reg { UART_THR = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5 };
#define UART_LSR_THRE 0x20
#define UART_LCR_DLAB 0x80

/* ACPI S5 through the q35 (ICH9) LPC bridge's PM1a control register powers the machine
 * off, which QEMU turns into exit status 0, the one isa-debug-exit cannot give. The PM
 * I/O base is whatever the firmware programmed (SeaBIOS and OVMF differ). */
#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define ICH9_LPC_ID 0x29188086u   /* device 0:1f.0: Intel ICH9 LPC */
#define ICH9_PMBASE_REG 0x40
#define ICH9_ACPI_CNTL_REG 0x44
#define ICH9_ACPI_EN 0x80
#define PM1_CNT_OFFSET 4
#define PM1_SLP_EN_S5 0x2000      /* SLP_EN, SLP_TYP 0 (soft off in QEMU's ICH9 model) */

static uint32_t pci_read32(unsigned dev, unsigned fn, unsigned reg)
{
	outl(PCI_CONFIG_ADDRESS, 0x80000000u | dev << 11 | fn << 8 | (reg & 0xfc));
	return inl(PCI_CONFIG_DATA);
}

static void acpi_power_off(void)
{
	if (pci_read32(31, 0, 0) != ICH9_LPC_ID ||
	    !(pci_read32(31, 0, ICH9_ACPI_CNTL_REG) & ICH9_ACPI_EN))
		return;
	uint16_t pmbase = pci_read32(31, 0, ICH9_PMBASE_REG) & 0xff80;
	outw(pmbase + PM1_CNT_OFFSET, PM1_SLP_EN_S5);
}

void x86_console_init(void)
{
	outb(COM1_PORT + UART_IER, 0);
	outb(COM1_PORT + UART_LCR, UART_LCR_DLAB);
	outb(COM1_PORT + 0, 1); /* divisor 1: 115200 baud */
	outb(COM1_PORT + 1, 0);
	outb(COM1_PORT + UART_LCR, 0x03); /* 8N1 */
	outb(COM1_PORT + UART_FCR, 0x07);
	outb(COM1_PORT + UART_MCR, 0x03);
	arch_console_putc('\n'); /* the firmware may have left a line unfinished */
}

/* One character, as arch_if.h says: the core's console writer adds the '\r' of each '\n'. */
void arch_console_putc(char c)
{
	for (unsigned spins = 0; !(inb(COM1_PORT + UART_LSR) & UART_LSR_THRE) && spins < 100000; spins++)
		;
	outb(COM1_PORT + UART_THR, (uint8_t)c);
}

noreturn void arch_machine_exit(int status)
{
	if (status == 0)
		acpi_power_off();
	/* isa-debug-exit: QEMU exits with (status << 1) | 1. */
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	for (;;)
		__asm__ volatile("cli; hlt");
}

uint64_t arch_cycles(void) { return rdtsc(); }
uint64_t arch_cycles_hz(void) { return x86_tsc_hz(); }
