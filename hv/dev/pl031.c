/* Arm PL031 real-time clock (ARM DDI 0224; the register set QEMU's hw/rtc/pl031.c models):
 * RTCDR (0x00) counts seconds from the machine's wall clock (vm->wallclock_ns) plus the
 * offset the guest set through RTCLR (0x08); RTCMR (0x04) is the match value, RTCCR
 * (0x0C) reads 1 (the clock runs; writing 0 cannot stop it), RTCIMSC (0x10), RTCRIS
 * (0x14), RTCMIS (0x18), RTCICR (0x1C) the match interrupt's mask, raw and masked status
 * and clear. The match is checked when the guest touches the RTC (testvisor keeps no
 * timer for it): a guest waiting for the alarm without looking at the RTC does not get it,
 * the limit docs/arm64.md names. PeriphID/PCellID as QEMU's model. */
#include <hv/dev.h>
#include <hv/vm.h>

#define RTCDR 0x00
#define RTCMR 0x04
#define RTCLR 0x08
#define RTCCR 0x0C
#define RTCIMSC 0x10
#define RTCRIS 0x14
#define RTCMIS 0x18
#define RTCICR 0x1C
#define ID_BASE 0xFE0
enum { SLOT_OFFSET, SLOT_MR, SLOT_LR, SLOT_IMSC, SLOT_RIS, SLOT_ARMED, SLOT_ARMED_AT }; /* dev->regs */

static const uint8_t pl031_ids[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint64_t wall_seconds(const struct device *dev)
{
	return dev->vm->wallclock_ns ? dev->vm->wallclock_ns() / 1000000000u : 0;
}

static uint32_t now(struct device *dev)
{
	return (uint32_t)(wall_seconds(dev) + dev->regs[SLOT_OFFSET]);
}

/* The match fires once, when the count reaches RTCMR (QEMU: pl031_set_alarm arms a timer
 * for MR - count ticks, modulo 2^32, whenever MR or LR is written; 0 fires at once). */
static void arm(struct device *dev)
{
	dev->regs[SLOT_ARMED_AT] = now(dev);
	dev->regs[SLOT_ARMED] = 1 + (uint64_t)((uint32_t)dev->regs[SLOT_MR] - now(dev)); /* 1 + ticks */
}

static void update(struct device *dev)
{
	uint32_t elapsed = now(dev) - (uint32_t)dev->regs[SLOT_ARMED_AT];
	if (dev->regs[SLOT_ARMED] && elapsed >= dev->regs[SLOT_ARMED] - 1) {
		dev->regs[SLOT_RIS] = 1;
		dev->regs[SLOT_ARMED] = 0;
	}
	if (dev->desc.irq && dev->vm->irq_line)
		dev->vm->irq_line(dev->vm, dev->desc.irq, dev->regs[SLOT_RIS] & dev->regs[SLOT_IMSC]);
}

static bool pl031_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	off &= ~3ull;
	update(dev);
	if (off >= ID_BASE && off < ID_BASE + 32) {
		*val = pl031_ids[(off - ID_BASE) / 4];
		return true;
	}
	switch (off) {
	case RTCDR: *val = now(dev); break;
	case RTCMR: *val = dev->regs[SLOT_MR]; break;
	case RTCLR: *val = dev->regs[SLOT_LR]; break;
	case RTCCR: *val = 1; break;
	case RTCIMSC: *val = dev->regs[SLOT_IMSC]; break;
	case RTCRIS: *val = dev->regs[SLOT_RIS]; break;
	case RTCMIS: *val = dev->regs[SLOT_RIS] & dev->regs[SLOT_IMSC]; break;
	default: *val = 0; break;
	}
	return off < 0x1000;
}

static bool pl031_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	off &= ~3ull;
	uint64_t wall = wall_seconds(dev);
	switch (off) {
	case RTCMR:
		dev->regs[SLOT_MR] = (uint32_t)val;
		arm(dev);
		break;
	case RTCLR:
		dev->regs[SLOT_LR] = (uint32_t)val;
		dev->regs[SLOT_OFFSET] = (uint32_t)val - (uint32_t)wall;
		arm(dev);
		break;
	case RTCIMSC: dev->regs[SLOT_IMSC] = val & 1; break;
	case RTCICR: dev->regs[SLOT_RIS] &= ~(val & 1); break;
	default: break; /* RTCDR, RTCRIS, RTCMIS are read-only; RTCCR cannot stop the clock */
	}
	update(dev);
	return off < 0x1000;
}

const struct device_ops pl031_ops = { .read = pl031_read, .write = pl031_write };
