/* The PL011's interrupt through the GIC, as a kernel's driver uses it: the UART and its
 * SPI from the device tree (/pl011 reg and interrupts), the SPI configured in the
 * distributor (group 1, priority, level, routed to this CPU with GICD_IROUTER), the
 * transmit interrupt enabled in UARTIMSC. A data write raises the TX interrupt (QEMU's
 * model: every write sets UARTRIS.TX; PL011 TRM DDI 0183 §3.3.13-3.3.15); the handler
 * reads UARTMIS and clears it through UARTICR. GICv3 spec IHI 0069 §12.9 for the
 * distributor registers. */
#include <libtv.h>
#include <fdt.h>
#include <platform.h>
#include "arm64.h"
#include "gic.h"
#include "trap.h"

#define UARTDR 0x00
#define UARTIMSC 0x38
#define UARTRIS 0x3c
#define UARTMIS 0x40
#define UARTICR 0x44
#define INT_TX 0x20

static volatile uint32_t *uart;
static unsigned spi;
static volatile unsigned taken, mis_tx, others;

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	if (intid == spi) {
		taken++;
		if (uart[UARTMIS / 4] & INT_TX)
			mis_tx++;
		uart[UARTICR / 4] = INT_TX;
	} else if (intid < 1020) {
		others++;
	}
	if (intid < 1020)
		gic_eoi(intid);
	return true;
}

static bool find_uart(void)
{
	const void *fdt = platform_fdt();
	int node = fdt_path_offset(fdt, "/pl011");
	int len, ilen;
	const uint8_t *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	const uint8_t *irq = node >= 0 ? fdt_getprop(fdt, node, "interrupts", &ilen) : NULL;
	if (!reg || len < 16 || !irq || ilen < 12 || fdt_be32(irq) != 0 /* SPI */)
		return false;
	uart = (volatile uint32_t *)(uintptr_t)fdt_read_cells(reg, 2);
	spi = 32 + fdt_be32(irq + 4);
	return true;
}

/* Writes one byte (a newline: it shows as an empty console line) and waits a little. */
static void send_and_wait(void)
{
	uart[UARTDR / 4] = '\n';
	for (unsigned i = 0; i < 100000 && !taken; i++)
		__asm__ volatile("isb");
}

int main(int argc, char **argv)
{
	if (!gic_init(0)) {
		report_skip("no GICv3 in the device tree");
		return report_summary();
	}
	if (!report(find_uart(), "the device tree gives the PL011 an SPI (interrupts = <0 n 4>)"))
		return report_summary();
	unsigned n = spi - 32, word = spi / 32, bit = 1u << (spi % 32);
	*gic_dist_reg(0x080 + 4 * word) |= bit;                          /* group 1 */
	((volatile uint8_t *)gic_dist_reg(0x400))[spi] = 0x80;            /* priority */
	*gic_dist_reg(0xc00 + 4 * (spi / 16)) &= ~(2u << (2 * (spi % 16))); /* level */
	volatile uint64_t *router = (volatile uint64_t *)(uintptr_t)gic_dist_reg(0x6000 + 8 * spi);
	*router = 0;                                                     /* to CPU Aff 0.0.0.0 */
	report(*router == 0, "GICD_IROUTER%u routes SPI %u to this CPU", spi, n);
	*gic_dist_reg(0x100 + 4 * word) = bit;                           /* enable */
	report(*gic_dist_reg(0x100 + 4 * word) & bit, "GICD_ISENABLER shows the SPI enabled");
	trap_install(TRAP_IRQ, on_irq);
	uart[UARTICR / 4] = 0x7ff;

	/* TXIM off: a write raises the raw status only. */
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	send_and_wait();
	__asm__ volatile("msr daifset, #2" ::: "memory");
	report(taken == 0, "with UARTIMSC.TXIM clear, a write raises no interrupt");
	report(uart[UARTRIS / 4] & INT_TX, "the write set UARTRIS.TX");
	report(!(uart[UARTMIS / 4] & INT_TX), "UARTMIS.TX stays clear while masked");

	/* TXIM on: the line goes high, the SPI is delivered, the handler clears it. */
	uart[UARTICR / 4] = INT_TX;
	uart[UARTIMSC / 4] = INT_TX;
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	send_and_wait();
	__asm__ volatile("msr daifset, #2" ::: "memory");
	uart[UARTIMSC / 4] = 0;
	report(taken >= 1 && mis_tx == taken, "the TX interrupt arrived as SPI %u with UARTMIS.TX set", n);
	report(taken == 1, "once: clearing UARTICR.TX dropped the line (taken %u)", taken);
	report(others == 0, "no other interrupt arrived");

	/* Disabled in the distributor: pending, never delivered. */
	*gic_dist_reg(0x180 + 4 * word) = bit;                           /* ICENABLER */
	uart[UARTIMSC / 4] = INT_TX;
	unsigned before = taken;
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	send_and_wait();
	__asm__ volatile("msr daifset, #2" ::: "memory");
	bool pending = *gic_dist_reg(0x200 + 4 * word) & bit;
	uart[UARTIMSC / 4] = 0;
	uart[UARTICR / 4] = INT_TX;
	report(taken == before, "disabled in GICD_ICENABLER, the SPI is not delivered");
	report(pending, "but GICD_ISPENDR shows it pending while the line is high");
	return report_summary();
}
