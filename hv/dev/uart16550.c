/* ns16550 UART, transmit side: what a payload's console driver touches. Transmitted
 * bytes go to the guest's console capture; the line is always ready to send. Its
 * interrupt is the transmitter-empty one as QEMU's model raises it (hw/char/serial.c):
 * pending after each transmitted byte and when IER.ETBEI is turned on with the transmitter
 * empty, taken back by a write of THR (the line falls before the byte is sent) or a read
 * of IIR that reports it; the line is IER.ETBEI && that pending state. IIR shows the FIFO-enabled bits when FCR enabled them. */
#include <hv/dev.h>
#include <hv/vm.h>

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
/* dev->regs slots: the registers by offset, except those the guest cannot write back,
 * whose slots hold model state. */
#define SLOT_DLM LSR         /* divisor latch high (IER's offset while DLAB is set) */
#define SLOT_THR_PENDING MSR /* the transmitter-empty interrupt is pending */
#define SLOT_FCR IIR_FCR
#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IER_ETBEI 0x02
#define IIR_NO_INTERRUPT 0x01
#define IIR_THRI 0x02
#define IIR_FIFO_ENABLED 0xc0
#define FCR_FIFO_ENABLE 0x01

static void update_line(struct device *dev)
{
	if (dev->desc.irq && dev->vm->irq_line)
		dev->vm->irq_line(dev->vm, dev->desc.irq,
				  (dev->regs[IER] & IER_ETBEI) && dev->regs[SLOT_THR_PENDING]);
}

static bool uart_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	if (off > SCR)
		return false;
	bool dlab = dev->regs[LCR] & LCR_DLAB;
	bool thri = (dev->regs[IER] & IER_ETBEI) && dev->regs[SLOT_THR_PENDING];
	switch (off) {
	case RBR_THR: *val = dlab ? dev->regs[RBR_THR] : 0; break; /* no input */
	case IER: *val = dlab ? dev->regs[SLOT_DLM] : dev->regs[IER]; break;
	case IIR_FCR:
		*val = (thri ? IIR_THRI : IIR_NO_INTERRUPT) |
		       ((dev->regs[SLOT_FCR] & FCR_FIFO_ENABLE) ? IIR_FIFO_ENABLED : 0);
		if (thri) { /* reading the IIR that reports it takes it back */
			dev->regs[SLOT_THR_PENDING] = 0;
			update_line(dev);
		}
		break;
	case LSR: *val = LSR_THRE | LSR_TEMT; break;
	case MSR: *val = 0; break;
	default: *val = dev->regs[off]; break;
	}
	return true;
}

static bool uart_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	if (off > SCR)
		return false;
	bool dlab = dev->regs[LCR] & LCR_DLAB;
	switch (off) {
	case RBR_THR:
		if (dlab) {
			dev->regs[RBR_THR] = val & 0xff; /* divisor latch low */
			return true;
		}
		/* Writing THR takes the interrupt back (QEMU's serial_ioport_write clears
		 * thr_ipending) before the byte goes: an edge-triggered input (the PC's I/O
		 * APIC) sees the line fall and rise again, as when the byte is sent. */
		if (dev->regs[SLOT_THR_PENDING]) {
			dev->regs[SLOT_THR_PENDING] = 0;
			update_line(dev);
		}
		vm_console_putc(dev->vm, (char)val);
		dev->regs[SLOT_THR_PENDING] = 1; /* sent at once: empty again */
		break;
	case IER:
		if (dlab) {
			dev->regs[SLOT_DLM] = val & 0xff;
			return true;
		}
		if ((val & IER_ETBEI) && !(dev->regs[IER] & IER_ETBEI))
			dev->regs[SLOT_THR_PENDING] = 1; /* turned on with the transmitter empty */
		dev->regs[IER] = val & 0x0f;
		break;
	case IIR_FCR: dev->regs[SLOT_FCR] = val & 0xff; return true;
	case LSR: case MSR: return true; /* read-only */
	default: dev->regs[off] = val & 0xff; return true;
	}
	update_line(dev);
	return true;
}

const struct device_ops uart16550_ops = { .read = uart_read, .write = uart_write };
