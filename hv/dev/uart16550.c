/* ns16550 UART, transmit side: what a payload's console driver touches. Transmitted
 * bytes go to the guest's console capture; the line is always ready to send. */
#include <hv/dev.h>
#include <hv/vm.h>

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IIR_NO_INTERRUPT 0x01

static bool uart_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	if (off > SCR)
		return false;
	bool dlab = dev->regs[LCR] & LCR_DLAB;
	switch (off) {
	case RBR_THR: *val = dlab ? dev->regs[RBR_THR] : 0; break; /* no input */
	case IER: *val = dev->regs[IER]; break;
	case IIR_FCR: *val = IIR_NO_INTERRUPT; break;
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
	if (off == RBR_THR && !(dev->regs[LCR] & LCR_DLAB)) {
		vm_console_putc(dev->vm, (char)val);
		return true;
	}
	if (off != LSR && off != MSR && off != IIR_FCR)
		dev->regs[off] = val & 0xff; /* DLL/DLM land in RBR/IER slots while DLAB is set */
	return true;
}

const struct device_ops uart16550_ops = { .read = uart_read, .write = uart_write };
