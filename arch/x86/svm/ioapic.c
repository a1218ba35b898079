/* The I/O APIC register model (see x86/ioapic.h). */
#include <x86/ioapic.h>

enum { REG_ID = 0x00, REG_VERSION = 0x01, REG_ARB = 0x02, REG_REDIR = 0x10 };
enum { OFF_REGSEL = 0x00, OFF_WIN = 0x10, OFF_EOI = 0x40 };
#define ID_MASK (0xFu << 24)
#define REDIR_RO ((1ull << 12) | (1ull << 14)) /* delivery status, remote IRR */

void ioapic_reset(struct ioapic *io)
{
	*io = (struct ioapic){ 0 };
	for (unsigned i = 0; i < IOAPIC_PINS; i++)
		io->redir[i] = IOAPIC_REDIR_MASKED;
}

static bool redir_index(uint8_t reg, unsigned *pin, bool *high)
{
	if (reg < REG_REDIR || reg >= REG_REDIR + 2 * IOAPIC_PINS)
		return false;
	*pin = (reg - REG_REDIR) / 2;
	*high = (reg - REG_REDIR) & 1;
	return true;
}

static uint32_t reg_read(const struct ioapic *io)
{
	unsigned pin;
	bool high;
	if (redir_index(io->regsel, &pin, &high))
		return (uint32_t)(io->redir[pin] >> (high ? 32 : 0));
	switch (io->regsel) {
	case REG_ID: case REG_ARB: return io->id; /* QEMU answers both with the ID */
	case REG_VERSION: return IOAPIC_VERSION;
	default: return 0; /* unused registers read 0 in QEMU */
	}
}

static void reg_write(struct ioapic *io, uint32_t val)
{
	unsigned pin;
	bool high;
	if (redir_index(io->regsel, &pin, &high)) {
		uint64_t *e = &io->redir[pin];
		if (high)
			*e = (*e & 0xFFFFFFFFull) | (uint64_t)val << 32;
		else
			*e = (*e & (~0xFFFFFFFFull | REDIR_RO)) | (val & ~REDIR_RO);
		return;
	}
	if (io->regsel == REG_ID)
		io->id = val & ID_MASK;
	/* version and arbitration are read-only; other indexes are ignored */
}

bool ioapic_read(struct ioapic *io, uint64_t off, unsigned size, uint64_t *val)
{
	switch (off) {
	case OFF_REGSEL: *val = io->regsel; return true;
	case OFF_WIN:
		if (size != 4)
			return false;
		*val = reg_read(io);
		return true;
	default: *val = 0; return true; /* EOI is write-only; the rest of the page reads 0 */
	}
}

bool ioapic_write(struct ioapic *io, uint64_t off, unsigned size, uint64_t val)
{
	switch (off) {
	case OFF_REGSEL: io->regsel = (uint8_t)val; return true;
	case OFF_WIN:
		if (size != 4)
			return false;
		reg_write(io, (uint32_t)val);
		return true;
	default: return true; /* EOI (0x40): no remote IRR to clear; others ignored */
	}
}

bool ioapic_set_line(struct ioapic *io, unsigned pin, bool level, struct ioapic_msg *msg)
{
	if (pin >= IOAPIC_PINS)
		return false;
	bool was = io->lines >> pin & 1;
	io->lines = (io->lines & ~(1u << pin)) | (uint32_t)level << pin;
	uint64_t e = io->redir[pin];
	if (!level || was || (e & IOAPIC_REDIR_MASKED))
		return false;
	*msg = (struct ioapic_msg){ .vector = (uint8_t)e, .mode = (unsigned)(e >> 8) & 7,
				    .logical = e >> 11 & 1, .dest = (uint8_t)(e >> 56) };
	return true;
}

unsigned ioapic_isa_gsi(unsigned irq)
{
	return irq == 0 ? 2 : irq;
}
