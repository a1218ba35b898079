/* Goldfish RTC, the one QEMU's riscv virt machine has (hw/rtc/goldfish_rtc.c; Android's
 * goldfish device documentation): a 64-bit nanosecond count from the machine's wall clock
 * (vm->wallclock_ns) plus an offset the guest sets. Reading TIME_LOW (0x00) latches
 * TIME_HIGH (0x04); writing TIME_HIGH then TIME_LOW sets the time. ALARM_HIGH (0x0C) then
 * ALARM_LOW (0x08) arm the alarm, ALARM_STATUS (0x18) reads 1 while it is armed,
 * CLEAR_ALARM (0x14) disarms it; IRQ_ENABLED (0x10) gates the interrupt, CLEAR_INTERRUPT
 * (0x1C) clears it. The alarm is checked when the guest touches the RTC (no timer of
 * testvisor's): the same limit as the PL031's (docs/riscv.md). */
#include <hv/dev.h>
#include <hv/vm.h>

#define TIME_LOW 0x00
#define TIME_HIGH 0x04
#define ALARM_LOW 0x08
#define ALARM_HIGH 0x0C
#define IRQ_ENABLED 0x10
#define CLEAR_ALARM 0x14
#define ALARM_STATUS 0x18
#define CLEAR_INTERRUPT 0x1C
enum { SLOT_OFFSET, SLOT_TIME_HIGH, SLOT_ALARM, SLOT_ARMED, SLOT_IRQ_ENABLED, SLOT_PENDING,
       SLOT_WRITE_HIGH };

static uint64_t now_ns(const struct device *dev)
{
	return (dev->vm->wallclock_ns ? dev->vm->wallclock_ns() : 0) + dev->regs[SLOT_OFFSET];
}

static void update(struct device *dev)
{
	if (dev->regs[SLOT_ARMED] && now_ns(dev) >= dev->regs[SLOT_ALARM]) {
		dev->regs[SLOT_ARMED] = 0;
		dev->regs[SLOT_PENDING] = 1;
	}
	if (dev->desc.irq && dev->vm->irq_line)
		dev->vm->irq_line(dev->vm, dev->desc.irq,
				  dev->regs[SLOT_PENDING] && dev->regs[SLOT_IRQ_ENABLED]);
}

static bool rtc_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	update(dev);
	switch (off) {
	case TIME_LOW: {
		uint64_t t = now_ns(dev);
		dev->regs[SLOT_TIME_HIGH] = t >> 32;
		*val = (uint32_t)t;
		break;
	}
	case TIME_HIGH: *val = dev->regs[SLOT_TIME_HIGH]; break;
	case ALARM_LOW: *val = (uint32_t)dev->regs[SLOT_ALARM]; break;
	case ALARM_HIGH: *val = dev->regs[SLOT_ALARM] >> 32; break;
	case IRQ_ENABLED: *val = dev->regs[SLOT_IRQ_ENABLED]; break;
	case ALARM_STATUS: *val = dev->regs[SLOT_ARMED]; break;
	default: *val = 0; break;
	}
	return off < 0x1000;
}

static bool rtc_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	uint64_t wall = dev->vm->wallclock_ns ? dev->vm->wallclock_ns() : 0;
	switch (off) {
	case TIME_HIGH: dev->regs[SLOT_WRITE_HIGH] = (uint32_t)val; break;
	case TIME_LOW:
		dev->regs[SLOT_OFFSET] = ((dev->regs[SLOT_WRITE_HIGH] << 32) | (uint32_t)val) - wall;
		break;
	case ALARM_HIGH:
		dev->regs[SLOT_ALARM] = (uint64_t)(uint32_t)val << 32 | (uint32_t)dev->regs[SLOT_ALARM];
		break;
	case ALARM_LOW:
		dev->regs[SLOT_ALARM] = (dev->regs[SLOT_ALARM] & ~0xffffffffull) | (uint32_t)val;
		dev->regs[SLOT_ARMED] = 1;
		break;
	case IRQ_ENABLED: dev->regs[SLOT_IRQ_ENABLED] = val & 1; break;
	case CLEAR_ALARM: dev->regs[SLOT_ARMED] = 0; break;
	case CLEAR_INTERRUPT: dev->regs[SLOT_PENDING] = 0; break;
	default: break;
	}
	update(dev);
	return off < 0x1000;
}

const struct device_ops goldfish_rtc_ops = { .read = rtc_read, .write = rtc_write };
