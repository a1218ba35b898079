/* The UART's interrupt through the PLIC, as a kernel's drivers use them: the ns16550 and
 * its source from the device tree (/soc/serial interrupts, interrupt-parent), the PLIC and
 * this hart's S-mode context from /soc/plic (interrupts-extended: the pair whose cause is
 * 9, supervisor external). The transmitter-empty interrupt (IER.ETBEI; QEMU's 16550 raises
 * it after each sent byte and when ETBEI is turned on with the transmitter empty, and takes
 * it back when IIR reports it) reaches the hart as a supervisor external interrupt; the
 * handler claims it from the PLIC, reads IIR, and completes it. PLIC register map: RISC-V
 * PLIC specification, "Memory map". */
#include <libtv.h>
#include <fdt.h>
#include <platform.h>
#include <string.h>
#include <riscv_csr.h>
#include "trap.h"

#define UART_IER 1
#define UART_IIR 2
#define IER_ETBEI 0x02
#define IIR_ID_MASK 0x0f
#define IIR_THRI 0x02

static volatile uint8_t *uart;
static uint64_t plic;
static unsigned source, ctx;
static volatile unsigned taken, thri_seen, wrong_claims;

static volatile uint32_t *plic_reg(uint64_t off) { return (volatile uint32_t *)(uintptr_t)(plic + off); }

static bool on_external(struct trap_frame *f)
{
	unsigned id = *plic_reg(0x200004 + 0x1000 * ctx); /* claim */
	if (id == source) {
		taken++;
		if ((uart[UART_IIR] & IIR_ID_MASK) == IIR_THRI)
			thri_seen++;
		uart[UART_IER] = 0; /* one is enough: stop the transmitter interrupt */
	} else {
		wrong_claims++;
	}
	if (id)
		*plic_reg(0x200004 + 0x1000 * ctx) = id; /* complete */
	return true;
}

static bool find_devices(void)
{
	const void *fdt = platform_fdt();
	int s = fdt_path_offset(fdt, "/soc/serial"), p = fdt_path_offset(fdt, "/soc/plic");
	int len, ilen, elen;
	const uint8_t *reg = s >= 0 ? fdt_getprop(fdt, s, "reg", &len) : NULL;
	const uint8_t *irq = s >= 0 ? fdt_getprop(fdt, s, "interrupts", &ilen) : NULL;
	const uint8_t *preg = p >= 0 ? fdt_getprop(fdt, p, "reg", &len) : NULL;
	const uint8_t *ext = p >= 0 ? fdt_getprop(fdt, p, "interrupts-extended", &elen) : NULL;
	if (!reg || !irq || ilen < 4 || !preg || !ext)
		return false;
	uart = (volatile uint8_t *)(uintptr_t)fdt_read_cells(reg, 2);
	source = fdt_be32(irq);
	plic = fdt_read_cells(preg, 2);
	for (int i = 0; i + 8 <= elen; i += 8) /* hart 0's: the first S-external pair */
		if (fdt_be32(ext + i + 4) == IRQ_S_EXT) {
			ctx = (unsigned)(i / 8);
			return true;
		}
	return false;
}

/* Up to 5 million time ticks (half a second at virt's 10 MHz): on QEMU the line is low
 * while the console's last character is still going out, so the interrupt can come late. */
static void wait_a_little(void)
{
	uint64_t end = csr_read(time) + 5000000;
	csr_set(sstatus, SSTATUS_SIE);
	while (!taken && csr_read(time) < end)
		__asm__ volatile("nop");
	csr_clear(sstatus, SSTATUS_SIE);
}

int main(int argc, char **argv)
{
	if (!report(find_devices(), "the device tree gives the UART a PLIC source and this hart an S-mode context"))
		return report_summary();
	report_info("UART source %u, PLIC context %u", source, ctx);
	trap_install(TRAP_IRQ(IRQ_S_EXT), on_external);
	csr_set(sie, 1UL << IRQ_S_EXT);
	*plic_reg(0x200000 + 0x1000 * ctx) = 0;          /* threshold 0 */
	*plic_reg(4 * source) = 1;                        /* priority 1 */

	/* Not enabled in the context: the source is pending, the hart sees nothing. */
	uart[UART_IER] = IER_ETBEI;
	wait_a_little();
	bool pending = *plic_reg(0x1000 + 4 * (source / 32)) & (1u << (source % 32));
	report(taken == 0, "not enabled for this context: no interrupt");
	report(pending, "the PLIC shows the UART's source pending");

	/* Enabled: the pending source raises the hart's external interrupt at once (RISC-V
	 * PLIC specification: the notification follows pending, enabled and priority above
	 * threshold). QEMU 10.0's PLIC does not re-evaluate on an enable write: there it comes
	 * only with the line's next change, so the payload makes one if nothing came. */
	*plic_reg(0x2000 + 0x80 * ctx + 4 * (source / 32)) |= 1u << (source % 32);
	bool seip_now = csr_read(sip) & (1UL << IRQ_S_EXT);
	report_kfail(!strcmp(tv_platform_name(), "qemu"), seip_now,
		     "enabling a pending source raises the external interrupt at once");
	wait_a_little();
	if (!taken) { /* turning ETBEI off and on makes the line fall and rise */
		uart[UART_IER] = 0;
		uart[UART_IER] = IER_ETBEI;
		wait_a_little();
	}
	report(taken == 1, "enabled: the interrupt arrives once and the claim names the UART (%u)", taken);
	report(thri_seen == taken && taken, "IIR reports the transmitter-empty interrupt");
	report(wrong_claims == 0, "no claim of another source");

	/* A threshold at the source's priority masks it (waiting the whole time: nothing
	 * ends the wait early). */
	*plic_reg(0x200000 + 0x1000 * ctx) = 1;
	uart[UART_IER] = IER_ETBEI;
	unsigned before = taken;
	taken = 0;
	wait_a_little();
	taken += before;
	report(taken == before, "a threshold at the source's priority masks it");
	uart[UART_IER] = 0;
	*plic_reg(0x200000 + 0x1000 * ctx) = 0;
	*plic_reg(0x2000 + 0x80 * ctx + 4 * (source / 32)) &= ~(1u << (source % 32));
	csr_clear(sie, 1UL << IRQ_S_EXT);
	return report_summary();
}
