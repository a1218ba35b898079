/* testvisor's console (COM1) and time source on x86_64 QEMU / PC hardware. */
#include <hv/arch_if.h>
#include <cpu.h>
#include <x86/host.h>

enum uart_reg { UART_THR = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5 };
#define UART_LSR_THRE 0x20
#define UART_LCR_DLAB 0x80

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

uint64_t arch_cycles(void) { return rdtsc(); }
uint64_t arch_cycles_hz(void) { return x86_tsc_hz(); }
