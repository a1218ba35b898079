/* testvisor's console (COM1) and machine exit on x86_64 QEMU / PC hardware. */
#include <hv/arch_if.h>
#include <x86/cpu.h>
#include <x86/host.h>

enum uart_reg { UART_THR = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5 };
#define UART_LSR_THRE 0x20
#define UART_LCR_DLAB 0x80

/* ACPI PM1a control on q35 (PMBASE 0x600 as SeaBIOS and OVMF set it): S5 sleep powers the
 * machine off, which QEMU turns into exit status 0, the one isa-debug-exit cannot give. */
#define Q35_PM1A_CNT 0x604
#define PM1_SLP_EN_S5 0x2000

void x86_console_init(void)
{
	outb(COM1_PORT + UART_IER, 0);
	outb(COM1_PORT + UART_LCR, UART_LCR_DLAB);
	outb(COM1_PORT + 0, 1); /* divisor 1: 115200 baud */
	outb(COM1_PORT + 1, 0);
	outb(COM1_PORT + UART_LCR, 0x03); /* 8N1 */
	outb(COM1_PORT + UART_FCR, 0x07);
	outb(COM1_PORT + UART_MCR, 0x03);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		arch_console_putc('\r');
	for (unsigned spins = 0; !(inb(COM1_PORT + UART_LSR) & UART_LSR_THRE) && spins < 100000; spins++)
		;
	outb(COM1_PORT + UART_THR, (uint8_t)c);
}

noreturn void arch_machine_exit(int status)
{
	if (status == 0)
		outw(Q35_PM1A_CNT, PM1_SLP_EN_S5);
	/* isa-debug-exit: QEMU exits with (status << 1) | 1. */
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	for (;;)
		__asm__ volatile("cli; hlt");
}

uint64_t arch_cycles(void) { return rdtsc(); }
uint64_t arch_cycles_hz(void) { return x86_tsc_hz(); }
