/* Port I/O as the platform decodes it: COM1's registers (scratch, line status), ports
 * nobody decodes floating high at every width, the string forms (INS/OUTS, with REP
 * and with RFLAGS.DF; AMD APM vol. 3, INS and OUTS), and the 8254 PIT's channel 2 and
 * the 8259's mask as Linux calibrates and probes with them (x86/pit.h, x86/pic8259.h). */
#include <libtv.h>
#include <cpu.h>

#define UART_SCR 7
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define COM2_PORT 0x2F8 /* q35 with one -serial: nothing there */

/* REP OUTSB of `n` bytes at `src` to `port`; returns RSI and RCX after it. */
static void rep_outsb(uint16_t port, const uint8_t *src, uint64_t n, uint64_t *rsi, uint64_t *rcx)
{
	__asm__ volatile("rep outsb" : "+S"(src), "+c"(n) : "d"(port) : "memory");
	*rsi = (uint64_t)(uintptr_t)src;
	*rcx = n;
}

static void string_io(void)
{
	static const uint8_t out[3] = { 0x11, 0x22, 0x33 };
	uint64_t rsi, rcx;
	rep_outsb(COM1_PORT + UART_SCR, out, 3, &rsi, &rcx);
	report(rsi == (uint64_t)(uintptr_t)(out + 3) && rcx == 0, "REP OUTSB: RSI advanced by 3, RCX 0");
	report(inb(COM1_PORT + UART_SCR) == 0x33, "REP OUTSB: scratch register holds the last byte");

	uint8_t buf[6] = { 0, 0, 0, 0, 0, 0xee };
	uint8_t *dst = buf;
	uint64_t n = 5;
	__asm__ volatile("rep insb" : "+D"(dst), "+c"(n) : "d"(COM1_PORT + UART_SCR) : "memory");
	bool all = true;
	for (int i = 0; i < 5; i++)
		all &= buf[i] == 0x33;
	report(all && buf[5] == 0xee && dst == buf + 5 && n == 0,
	       "REP INSB: 5 bytes from the scratch register, RDI advanced by 5, RCX 0");

	uint16_t words[4] = { 0x1234, 0, 0, 0 }; /* words[0] is below the store: kept */
	uint16_t *wdst = &words[3];
	n = 3;
	/* DF set: INSW stores downwards. */
	__asm__ volatile("std\n rep insw\n cld" : "+D"(wdst), "+c"(n) : "d"(COM2_PORT) : "memory");
	report(words[0] == 0x1234 && words[1] == 0xffff && words[2] == 0xffff && words[3] == 0xffff &&
	       wdst == &words[0],
	       "REP INSW with DF=1 from an unclaimed port: 0xffff, RDI moved down by 6");

	/* Not to COM1: QEMU 10.0 aborts on a 4-byte access to its 16550 (serial.c asserts
	 * size == 1). */
	uint32_t one = 0x5a;
	const uint32_t *src = &one;
	__asm__ volatile("outsl" : "+S"(src) : "d"(COM2_PORT) : "memory");
	report(src == &one + 1, "OUTSD without REP to an unclaimed port: one dword, RSI + 4");

	n = 0;
	dst = buf;
	buf[0] = 0x77;
	__asm__ volatile("rep insb" : "+D"(dst), "+c"(n) : "d"(COM1_PORT + UART_SCR) : "memory");
	report(buf[0] == 0x77 && dst == buf, "REP INSB with RCX 0 does nothing");
}

#define PIT_CH2 0x42
#define PIT_CTRL 0x43
#define PORT_B 0x61
#define PORT_B_OUT2 0x20

static uint16_t pit_latched_ch2(void)
{
	outb(PIT_CTRL, 0x80); /* counter latch, channel 2 */
	uint16_t v = inb(PIT_CH2);
	return (uint16_t)(v | inb(PIT_CH2) << 8);
}

/* Channel 2 in mode 0 (8254 datasheet): OUT low while it counts down from the count
 * written, high once it is reached; its gate and OUT are port 0x61 bits 0 and 5. */
static void pit_and_pic(void)
{
	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);  /* gate high, speaker off */
	outb(PIT_CTRL, 0xB0);                        /* channel 2, LSB then MSB, mode 0 */
	outb(PIT_CH2, 0x00);
	outb(PIT_CH2, 0x20);                         /* 8192 ticks: 6.9 ms */
	report(!(inb(PORT_B) & PORT_B_OUT2), "PIT channel 2, mode 0: OUT low while counting");
	uint16_t a = pit_latched_ch2(), b = a;
	for (unsigned i = 0; i < 1000000 && b == a; i++)
		b = pit_latched_ch2();
	report(b != a, "PIT channel 2 counts (two latched counts differ)");
	unsigned polls = 0;
	while (!(inb(PORT_B) & PORT_B_OUT2) && polls < 10000000)
		polls++;
	report(inb(PORT_B) & PORT_B_OUT2, "PIT channel 2: OUT high at terminal count (port 0x61 bit 5)");
	outb(PIT_CTRL, 0xE8);                        /* read-back: status of channel 2 */
	uint8_t status = inb(PIT_CH2);
	report((status & 0xBF) == 0xB0, "PIT read-back status: OUT high, LSB/MSB, mode 0");
	outb(0xA1, 0xFF);
	outb(0x21, 0xFB);
	report(inb(0x21) == 0xFB, "8259 mask register reads back what was written (Linux's probe)");
}

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
	string_io();
	pit_and_pic();
	return report_summary();
}
