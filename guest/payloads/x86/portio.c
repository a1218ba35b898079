/* Port I/O as the platform decodes it: COM1's registers (scratch, line status), and
 * ports nobody decodes floating high at every width. */
#include <libtv.h>
#include <cpu.h>

#define UART_SCR 7
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define COM2_PORT 0x2F8 /* q35 with one -serial: nothing there */

int main(int argc, char **argv)
{
	outb(COM1_PORT + UART_SCR, 0xA5);
	report(inb(COM1_PORT + UART_SCR) == 0xA5, "COM1 scratch register keeps 0xa5");
	outb(COM1_PORT + UART_SCR, 0x5A);
	report(inb(COM1_PORT + UART_SCR) == 0x5A, "COM1 scratch register keeps 0x5a");
	report(inb(COM1_PORT + UART_LSR) & UART_LSR_THRE, "COM1 transmitter ready (LSR.THRE)");
	report(inb(COM2_PORT) == 0xFF, "unclaimed port: 8-bit read gives 0xff");
	report(inw(COM2_PORT) == 0xFFFF, "unclaimed port: 16-bit read gives 0xffff");
	report(inl(COM2_PORT) == 0xFFFFFFFFu, "unclaimed port: 32-bit read gives 0xffffffff");
	outb(COM2_PORT, 0x42); /* ignored, as on hardware */
	report(inb(COM2_PORT) == 0xFF, "write to an unclaimed port is dropped");
	return report_summary();
}
