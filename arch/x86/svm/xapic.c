/* xAPIC mode's MMIO page on top of the x2APIC register model (see x86/xapic.h). */
#include <x86/xapic.h>

enum {
	OFF_ID = 0x020, OFF_TPR = 0x080, OFF_EOI = 0x0B0, OFF_LDR = 0x0D0, OFF_DFR = 0x0E0,
	OFF_SVR = 0x0F0, OFF_ESR = 0x280, OFF_ICR_LO = 0x300, OFF_ICR_HI = 0x310,
	OFF_SELF_IPI = 0x3F0,
};
#define REG(off) (X2APIC_MSR_FIRST + (uint32_t)(off) / 16)
#define SVR_WRITABLE 0x13FFu
#define ICR_LO_WRITABLE 0x000CCFFFu /* vector, mode, dest mode, level, trigger, shorthand */

static bool xapic_mode(const struct x2apic *a)
{
	return (a->apic_base & (APIC_BASE_EN | APIC_BASE_EXTD)) == APIC_BASE_EN;
}

static bool plain_access(const struct x2apic *a, uint64_t off, unsigned size)
{
	return xapic_mode(a) && size == 4 && !(off & 0xF) && off < XAPIC_MMIO_SIZE;
}

void xapic_mmio_read(struct x2apic *a, unsigned id, uint64_t off, unsigned size,
		     uint64_t now_ns, uint64_t *val)
{
	*val = 0;
	if (!plain_access(a, off, size)) {
		a->esr |= APIC_ESR_ILLEGAL_REG;
		return;
	}
	switch (off) {
	case OFF_ID: *val = (uint64_t)id << 24; return;
	case OFF_LDR: *val = a->ldr; return;
	case OFF_DFR: *val = a->dfr; return;
	case OFF_ICR_LO: *val = (uint32_t)a->icr; return;
	case OFF_ICR_HI: *val = a->icr_high; return;
	case OFF_SELF_IPI: a->esr |= APIC_ESR_ILLEGAL_REG; return;
	}
	if (apic_reg_read(a, id, REG(off), now_ns, val) != MSR_OK) {
		*val = 0;   /* EOI reads 0; reserved offsets set the ESR bit */
		if (off != OFF_EOI)
			a->esr |= APIC_ESR_ILLEGAL_REG;
	}
}

void xapic_mmio_write(struct x2apic *a, uint64_t off, unsigned size, uint32_t val,
		      uint64_t now_ns, struct ipi *ipi)
{
	ipi->kind = IPI_NONE;
	if (!plain_access(a, off, size)) {
		a->esr |= APIC_ESR_ILLEGAL_REG;
		return;
	}
	uint64_t v = val;
	switch (off) {
	case OFF_ID: return;  /* read-only here (x86/xapic.h) */
	case OFF_LDR: a->ldr = val & 0xFF000000u; return;
	case OFF_DFR: a->dfr = val | 0x0FFFFFFFu; return;
	case OFF_ICR_HI: a->icr_high = val & 0xFF000000u; return;
	case OFF_ICR_LO: {
		/* The x2APIC ICR with the 8-bit destination (0xFF: the broadcast); the
		 * delivery status (12) and reserved bits are not written. */
		uint32_t dest = a->icr_high >> 24;
		v = (val & ICR_LO_WRITABLE) | (uint64_t)(dest == 0xFF ? 0xFFFFFFFFu : dest) << 32;
		break;
	}
	case OFF_TPR: v &= 0xFF; break;
	case OFF_EOI: case OFF_ESR: v = 0; break;
	case OFF_SVR: v &= SVR_WRITABLE; break;
	case OFF_SELF_IPI: a->esr |= APIC_ESR_ILLEGAL_REG; return;
	}
	if (apic_reg_write(a, REG(off), v, now_ns, ipi) != MSR_OK) {
		ipi->kind = IPI_NONE;
		a->esr |= APIC_ESR_ILLEGAL_REG;  /* read-only or reserved */
	}
}
