/* The vCPU's local APIC registers (see x86/x2apic.h). */
#include <x86/x2apic.h>

enum {
	REG_ID = 0x802, REG_VERSION = 0x803, REG_TPR = 0x808, REG_EOI = 0x80B, REG_LDR = 0x80D,
	REG_SVR = 0x80F, REG_ESR = 0x828, REG_ICR = 0x830,
};
#define SVR_WRITABLE 0x13FFu    /* vector, APIC enable (8), focus (9), EOI suppression (12) */
#define ICR_RESERVED 0x00000000FFF33000ull /* bits 12-13, 16-17, 20-31 */
#define ICR_MODE(v) (((v) >> 8) & 7)
#define ICR_LOGICAL (1ull << 11)
#define MODE_INIT 5
#define MODE_STARTUP 6

static bool x2apic_mode(const struct x2apic *a)
{
	return (a->apic_base & (APIC_BASE_EN | APIC_BASE_EXTD)) == (APIC_BASE_EN | APIC_BASE_EXTD);
}

void x2apic_reset(struct x2apic *a, unsigned id)
{
	*a = (struct x2apic){ .apic_base = X2APIC_BASE_ADDR | APIC_BASE_EN | (id ? 0 : APIC_BASE_BSP),
			      .svr = 0xFF };
}

/* States (EN, EXTD): disabled 00, xAPIC 10, x2APIC 11; 01 is invalid, and x2APIC may go
 * only to disabled (SDM §10.12.5). The base address and BSP flag stay as they are: a
 * write changing them is refused (**assumption**: testvisor does not move the APIC). */
enum msr_result x2apic_base_write(struct x2apic *a, uint64_t val)
{
	uint64_t mode_bits = APIC_BASE_EN | APIC_BASE_EXTD;
	if ((val & ~mode_bits) != (a->apic_base & ~mode_bits))
		return MSR_GP;
	bool en = val & APIC_BASE_EN, extd = val & APIC_BASE_EXTD;
	if (extd && !en)
		return MSR_GP;
	if (x2apic_mode(a) && en && !extd)
		return MSR_GP;
	a->apic_base = val;
	return MSR_OK;
}

enum msr_result x2apic_msr_read(const struct x2apic *a, unsigned id, uint32_t msr, uint64_t *val)
{
	if (!x2apic_mode(a))
		return MSR_GP;
	switch (msr) {
	case REG_ID: *val = id; break;
	case REG_VERSION: *val = X2APIC_VERSION; break;
	case REG_TPR: *val = a->tpr; break;
	case REG_LDR: *val = (uint64_t)(id >> 4) << 16 | (1u << (id & 15)); break; /* cluster, bit */
	case REG_SVR: *val = a->svr; break;
	case REG_ESR: *val = a->esr; break;
	case REG_ICR: *val = a->icr; break;
	default: return MSR_GP; /* EOI is write-only; the rest is not modelled or reserved */
	}
	return MSR_OK;
}

enum msr_result x2apic_msr_write(struct x2apic *a, uint32_t msr, uint64_t val, struct ipi *ipi)
{
	ipi->kind = IPI_NONE;
	if (!x2apic_mode(a))
		return MSR_GP;
	switch (msr) {
	case REG_TPR:
		if (val & ~0xFFull)
			return MSR_GP;
		a->tpr = (uint32_t)val;
		return MSR_OK;
	case REG_EOI:
		return val ? MSR_GP : MSR_OK; /* a non-zero EOI write is a #GP in x2APIC mode */
	case REG_SVR:
		if (val & ~(uint64_t)SVR_WRITABLE)
			return MSR_GP;
		a->svr = (uint32_t)val;
		return MSR_OK;
	case REG_ESR:
		if (val)
			return MSR_GP;
		a->esr = 0;
		return MSR_OK;
	case REG_ICR:
		if (val & ICR_RESERVED)
			return MSR_GP;
		a->icr = val;
		*ipi = (struct ipi){ .shorthand = (enum ipi_shorthand)((val >> 18) & 3),
				     .dest = (uint32_t)(val >> 32), .vector = (uint8_t)val,
				     .mode = (unsigned)ICR_MODE(val), .logical = val & ICR_LOGICAL };
		ipi->kind = ICR_MODE(val) == MODE_INIT ? IPI_INIT :
			    ICR_MODE(val) == MODE_STARTUP ? IPI_STARTUP : IPI_OTHER;
		if (ipi->logical && ipi->shorthand == IPI_DEST)
			ipi->kind = IPI_OTHER;
		return MSR_OK;
	default:
		return MSR_GP; /* read-only (ID, version, LDR) or not modelled */
	}
}

bool ipi_targets(const struct ipi *ipi, unsigned self, unsigned target)
{
	switch (ipi->shorthand) {
	case IPI_SELF: return target == self;
	case IPI_ALL: return true;
	case IPI_ALL_BUT_SELF: return target != self;
	default: return ipi->dest == target || ipi->dest == 0xFFFFFFFFu; /* broadcast */
	}
}
