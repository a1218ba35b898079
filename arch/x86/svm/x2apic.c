/* The vCPU's local APIC registers (see x86/x2apic.h). */
#include <x86/x2apic.h>

enum {
	REG_ID = 0x802, REG_VERSION = 0x803, REG_TPR = 0x808, REG_PPR = 0x80A, REG_EOI = 0x80B,
	REG_LDR = 0x80D, REG_SVR = 0x80F, REG_ISR = 0x810, REG_TMR = 0x818, REG_IRR = 0x820,
	REG_ESR = 0x828, REG_ICR = 0x830, REG_LVT_TIMER = 0x832, REG_LVT_ERROR = 0x837,
	REG_TIMER_INIT = 0x838, REG_TIMER_CUR = 0x839, REG_TIMER_DIV = 0x83E, REG_SELF_IPI = 0x83F,
};
#define SVR_WRITABLE 0x13FFu    /* vector, APIC enable (8), focus (9), EOI suppression (12) */
#define ICR_RESERVED 0x00000000FFF33000ull /* bits 12-13, 16-17, 20-31 */
#define ICR_MODE(v) (((v) >> 8) & 7)
#define ICR_LOGICAL (1ull << 11)
#define MODE_FIXED 0
#define MODE_NMI 4
#define MODE_INIT 5
#define MODE_STARTUP 6

/* Writable bits of each LVT, MSR 0x832 on (SDM §10.5.1, Figure 10-8): the timer has the
 * timer mode (18:17), LINT0/1 polarity and trigger (13, 15), all but the error LVT a
 * delivery mode (10:8); delivery status (12) and remote IRR (14) are read-only. Other
 * bits are dropped, as KVM does (arch/x86/kvm/lapic.c apic_lvt_mask; **assumption**:
 * the SDM leaves reserved LVT bits of x2APIC writes open). */
static const uint32_t lvt_writable[X2APIC_NR_LVT] = {
	0x700FF, 0x107FF, 0x107FF, 0x1A7FF, 0x1A7FF, 0x100FF,
};

static bool x2apic_mode(const struct x2apic *a)
{
	return (a->apic_base & (APIC_BASE_EN | APIC_BASE_EXTD)) == (APIC_BASE_EN | APIC_BASE_EXTD);
}

/* The BSP as SeaBIOS leaves it for a -kernel guest (src/fw/smp.c, smp_setup: SVR |=
 * APIC_ENABLED, LINT0 0x8700 ExtINT level, LINT1 0x8400 NMI level; measured the same on
 * QEMU 10 q35); APs at their power-on state (SDM §10.4.7.1: LVTs masked, SVR 0xFF). */
#define SEABIOS_SVR 0x1FFu
#define SEABIOS_LINT0 0x8700u
#define SEABIOS_LINT1 0x8400u
enum { LVT_LINT0 = 3, LVT_LINT1 = 4 }; /* LVT numbers: MSR 0x832 + n */

void x2apic_reset(struct x2apic *a, unsigned id)
{
	*a = (struct x2apic){ .apic_base = X2APIC_BASE_ADDR | APIC_BASE_EN | (id ? 0 : APIC_BASE_BSP),
			      .svr = 0xFF, .timer.lvt = APIC_LVT_MASKED, .dfr = 0xFFFFFFFFu };
	for (unsigned i = 0; i < X2APIC_NR_LVT - 1; i++)
		a->lvt[i] = APIC_LVT_MASKED;
	if (id == 0) {
		a->svr = SEABIOS_SVR;
		a->lvt[LVT_LINT0 - 1] = SEABIOS_LINT0;
		a->lvt[LVT_LINT1 - 1] = SEABIOS_LINT1;
	}
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

static uint32_t *lvt_slot(struct x2apic *a, unsigned n)
{
	return n == 0 ? &a->timer.lvt : &a->lvt[n - 1];
}

enum msr_result x2apic_msr_read(const struct x2apic *a, unsigned id, uint32_t msr,
				uint64_t now_ns, uint64_t *val)
{
	if (!x2apic_mode(a))
		return MSR_GP;
	return apic_reg_read(a, id, msr, now_ns, val);
}

enum msr_result apic_reg_read(const struct x2apic *a, unsigned id, uint32_t msr,
			      uint64_t now_ns, uint64_t *val)
{
	if (msr >= REG_ISR && msr < REG_ISR + 8) {
		*val = a->isr.w[msr - REG_ISR];
		return MSR_OK;
	}
	if (msr >= REG_IRR && msr < REG_IRR + 8) {
		*val = a->irr.w[msr - REG_IRR];
		return MSR_OK;
	}
	if (msr >= REG_TMR && msr < REG_TMR + 8) {
		*val = 0; /* every modelled interrupt is edge-triggered */
		return MSR_OK;
	}
	if (msr >= REG_LVT_TIMER && msr <= REG_LVT_ERROR) {
		*val = *lvt_slot((struct x2apic *)a, msr - REG_LVT_TIMER);
		return MSR_OK;
	}
	switch (msr) {
	case REG_ID: *val = id; break;
	case REG_VERSION: *val = X2APIC_VERSION; break;
	case REG_TPR: *val = a->tpr; break;
	case REG_PPR: *val = apic_ppr(a->tpr, apic_vec_highest(&a->isr)); break;
	case REG_LDR: *val = (uint64_t)(id >> 4) << 16 | (1u << (id & 15)); break; /* cluster, bit */
	case REG_SVR: *val = a->svr; break;
	case REG_ESR: *val = a->esr; break;
	case REG_ICR: *val = a->icr; break;
	case REG_TIMER_INIT: *val = a->timer.initial; break;
	case REG_TIMER_CUR: *val = apic_timer_current(&a->timer, now_ns); break;
	case REG_TIMER_DIV: *val = a->timer.tdcr; break;
	default: return MSR_GP; /* EOI and SELF IPI are write-only; the rest is reserved */
	}
	return MSR_OK;
}

static void lvt_write(struct x2apic *a, unsigned n, uint32_t val)
{
	uint32_t *slot = lvt_slot(a, n);
	uint32_t w = lvt_writable[n];
	if (!(a->svr & APIC_SVR_ENABLE))
		val |= APIC_LVT_MASKED; /* software-disabled: masks stay set (SDM §10.4.7.2) */
	*slot = (*slot & ~w) | (val & w);
}

static enum msr_result icr_write(struct x2apic *a, uint64_t val, struct ipi *ipi)
{
	if (val & ICR_RESERVED)
		return MSR_GP;
	a->icr = val;
	*ipi = (struct ipi){ .shorthand = (enum ipi_shorthand)((val >> 18) & 3),
			     .dest = (uint32_t)(val >> 32), .vector = (uint8_t)val,
			     .mode = (unsigned)ICR_MODE(val), .logical = val & ICR_LOGICAL };
	static const enum ipi_kind kinds[8] = { [MODE_FIXED] = IPI_FIXED, [1] = IPI_OTHER,
		[2] = IPI_OTHER, [3] = IPI_OTHER, [MODE_NMI] = IPI_NMI, [MODE_INIT] = IPI_INIT,
		[MODE_STARTUP] = IPI_STARTUP, [7] = IPI_OTHER };
	ipi->kind = kinds[ICR_MODE(val)];
	if (ipi->logical && ipi->shorthand == IPI_DEST && ipi->kind != IPI_FIXED &&
	    ipi->kind != IPI_NMI)
		ipi->kind = IPI_OTHER; /* logical INIT/STARTUP: not modelled */
	if (ipi->kind == IPI_FIXED && ipi->vector < 16) {
		a->esr |= APIC_ESR_SEND_ILLEGAL; /* not sent (SDM §10.5.3) */
		ipi->kind = IPI_NONE;
	}
	return MSR_OK;
}

enum msr_result x2apic_msr_write(struct x2apic *a, uint32_t msr, uint64_t val, uint64_t now_ns,
				 struct ipi *ipi)
{
	ipi->kind = IPI_NONE;
	if (!x2apic_mode(a))
		return MSR_GP;
	return apic_reg_write(a, msr, val, now_ns, ipi);
}

enum msr_result apic_reg_write(struct x2apic *a, uint32_t msr, uint64_t val, uint64_t now_ns,
			       struct ipi *ipi)
{
	ipi->kind = IPI_NONE;
	if (msr >= REG_LVT_TIMER && msr <= REG_LVT_ERROR) {
		if (val >> 32)
			return MSR_GP;
		lvt_write(a, msr - REG_LVT_TIMER, (uint32_t)val);
		return MSR_OK;
	}
	switch (msr) {
	case REG_TPR:
		if (val & ~0xFFull)
			return MSR_GP;
		a->tpr = (uint32_t)val;
		return MSR_OK;
	case REG_EOI:
		if (val)
			return MSR_GP; /* a non-zero EOI write is a #GP in x2APIC mode */
		apic_irq_eoi(&a->isr);
		return MSR_OK;
	case REG_SVR:
		if (val & ~(uint64_t)SVR_WRITABLE)
			return MSR_GP;
		a->svr = (uint32_t)val;
		if (!(a->svr & APIC_SVR_ENABLE)) /* software disable sets every LVT mask */
			for (unsigned n = 0; n < X2APIC_NR_LVT; n++)
				*lvt_slot(a, n) |= APIC_LVT_MASKED;
		return MSR_OK;
	case REG_ESR:
		if (val)
			return MSR_GP;
		a->esr = 0;
		return MSR_OK;
	case REG_ICR:
		return icr_write(a, val, ipi);
	case REG_TIMER_INIT:
		if (val >> 32)
			return MSR_GP;
		apic_timer_start(&a->timer, (uint32_t)val, now_ns);
		return MSR_OK;
	case REG_TIMER_DIV:
		if (val >> 32)
			return MSR_GP;
		a->timer.tdcr = (uint32_t)val & APIC_TDCR_WRITABLE;
		return MSR_OK;
	case REG_SELF_IPI: /* a fixed, edge IPI to self (SDM §10.12.11) */
		if (val & ~0xFFull)
			return MSR_GP;
		return icr_write(a, (1ull << 18) | val, ipi);
	default:
		return MSR_GP; /* read-only (ID, version, PPR, ISR/TMR/IRR, current count, LDR) */
	}
}

void x2apic_accept(struct x2apic *a, uint8_t vector)
{
	if (vector < 16) {
		a->esr |= APIC_ESR_RECV_ILLEGAL; /* SDM §10.5.3 */
		return;
	}
	apic_vec_set(&a->irr, vector);
}

bool x2apic_timer_poll(struct x2apic *a, uint64_t now_ns)
{
	if (!apic_timer_poll(&a->timer, now_ns))
		return false;
	x2apic_accept(a, (uint8_t)a->timer.lvt);
	return true;
}

int x2apic_next_irq(const struct x2apic *a)
{
	if (!(a->apic_base & APIC_BASE_EN) || !(a->svr & APIC_SVR_ENABLE))
		return -1; /* held in IRR while software-disabled */
	return apic_irq_next(&a->irr, &a->isr, a->tpr);
}

/* A logical x2APIC destination is a cluster (31:16) and a bitmap of its 16 members
 * (15:0); each APIC's own logical ID is its LDR (SDM §10.12.10.2). */
static bool logical_match(uint32_t dest, unsigned target)
{
	return (dest >> 16) == (target >> 4) && (dest >> (target & 15) & 1);
}

/* xAPIC logical destinations are 8 bits, matched against the LDR's logical ID (31:24) in
 * the model the DFR (31:28) selects: flat (1111b), a bitmap of up to 8 APICs; cluster
 * (0000b), cluster 7:4 and a bitmap of its 4 members 3:0 (SDM §10.6.2.2). */
bool apic_logical_match(const struct x2apic *a, unsigned id, uint32_t dest)
{
	if (x2apic_mode(a))
		return dest == 0xFFFFFFFFu || logical_match(dest, id);
	uint8_t mda = (uint8_t)dest, lid = (uint8_t)(a->ldr >> 24);
	if (mda == 0xFF)
		return true;
	if ((a->dfr >> 28) == 0xF)
		return (mda & lid) != 0;
	return (mda >> 4) == (lid >> 4) && (mda & lid & 0xF) != 0;
}

bool ipi_targets_apic(const struct ipi *ipi, unsigned self, unsigned target,
		      const struct x2apic *target_apic)
{
	if (ipi->shorthand == IPI_DEST && ipi->logical && !x2apic_mode(target_apic))
		return apic_logical_match(target_apic, target, ipi->dest);
	return ipi_targets(ipi, self, target);
}

bool ipi_targets(const struct ipi *ipi, unsigned self, unsigned target)
{
	switch (ipi->shorthand) {
	case IPI_SELF: return target == self;
	case IPI_ALL: return true;
	case IPI_ALL_BUT_SELF: return target != self;
	default:
		if (ipi->dest == 0xFFFFFFFFu)
			return true; /* broadcast, in both destination modes */
		return ipi->logical ? logical_match(ipi->dest, target) : ipi->dest == target;
	}
}
