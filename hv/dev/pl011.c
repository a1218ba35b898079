/* Arm PL011 UART, transmit side plus the identification registers drivers probe, and its
 * transmit interrupt as QEMU's model raises it (hw/char/pl011.c, rust/hw/char/pl011:
 * every data write sets the TX bit of the raw status, UARTICR clears it; the line is
 * UARTMIS = UARTRIS & UARTIMSC, PL011 TRM DDI 0183 §3.3.13-3.3.15). Transmission is
 * instant, so Linux's driver, which fills half the FIFO and waits for TX, keeps going. */
#include <hv/dev.h>
#include <hv/vm.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define INT_TX 0x20
#define FR_RXFE 0x10
#define FR_TXFE 0x80
#define ID_BASE 0xfe0

/* PeriphID0-3 then PCellID0-3 (PL011 r1p5, as QEMU's model reports). */
static const uint8_t pl011_ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* The few writable registers, kept in dev->regs by index. */
static int reg_slot(uint64_t off)
{
	switch (off) {
	case UARTIBRD: return 0;
	case UARTFBRD: return 1;
	case UARTLCR_H: return 2;
	case UARTCR: return 3;
	case UARTIMSC: return 4;
	case UARTRIS: return 5; /* read-only to the guest */
	default: return -1;
	}
}

/* Any access size at any offset reaches the word register that contains it, as on QEMU's
 * model (hw/char/pl011.c: pl011_read/pl011_write decode offset >> 2): a byte or halfword
 * access is a well-formed request the guest must not be stopped for. */
static uint64_t word_offset(uint64_t off) { return off & ~3ull; }

static bool pl011_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	off = word_offset(off);
	if (off >= ID_BASE && off < ID_BASE + 32) {
		*val = pl011_ids[(off - ID_BASE) / 4];
		return true;
	}
	int slot = reg_slot(off);
	if (slot >= 0) {
		*val = dev->regs[slot];
		return true;
	}
	switch (off) {
	case UARTDR: *val = 0; return true;
	case UARTFR: *val = FR_TXFE | FR_RXFE; return true;
	case UARTMIS: *val = dev->regs[5] & dev->regs[4]; return true;
	default: return off < 0x1000;
	}
}

/* The interrupt line follows UARTMIS. */
static void update_line(struct device *dev)
{
	if (dev->desc.irq && dev->vm->irq_line)
		dev->vm->irq_line(dev->vm, dev->desc.irq, (dev->regs[5] & dev->regs[4]) != 0);
}

static bool pl011_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	off = word_offset(off);
	if (off == UARTDR) {
		vm_console_putc(dev->vm, (char)val);
		dev->regs[5] |= INT_TX;
	} else if (off == UARTICR) {
		dev->regs[5] &= ~val;
	} else {
		int slot = reg_slot(off);
		if (slot >= 0 && off != UARTRIS)
			dev->regs[slot] = val & 0xffff;
	}
	update_line(dev);
	return off < 0x1000;
}

const struct device_ops pl011_ops = { .read = pl011_read, .write = pl011_write };
