/* IRR/ISR bookkeeping and interrupt priority of a local APIC (see x86/apic_irq.h). */
#include <x86/apic_irq.h>

void apic_vec_set(struct apic_vec *r, uint8_t v)
{
	r->w[v / 32] |= 1u << (v % 32);
}

static void vec_clear(struct apic_vec *r, uint8_t v)
{
	r->w[v / 32] &= ~(1u << (v % 32));
}

bool apic_vec_test(const struct apic_vec *r, uint8_t v)
{
	return r->w[v / 32] >> (v % 32) & 1;
}

int apic_vec_highest(const struct apic_vec *r)
{
	for (int i = 7; i >= 0; i--)
		if (r->w[i])
			return i * 32 + 31 - __builtin_clz(r->w[i]);
	return -1;
}

uint32_t apic_ppr(uint32_t tpr, int isrv)
{
	uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xF0;
	return (tpr & 0xF0) >= isr_class ? tpr & 0xFF : isr_class;
}

int apic_irq_next(const struct apic_vec *irr, const struct apic_vec *isr, uint32_t tpr)
{
	int v = apic_vec_highest(irr);
	if (v < 0)
		return -1;
	/* Only a higher priority class interrupts: equal classes wait (SDM §10.8.3.1). */
	return ((uint32_t)v & 0xF0) > (apic_ppr(tpr, apic_vec_highest(isr)) & 0xF0) ? v : -1;
}

void apic_irq_accept(struct apic_vec *irr, struct apic_vec *isr, uint8_t v)
{
	vec_clear(irr, v);
	apic_vec_set(isr, v);
}

int apic_irq_eoi(struct apic_vec *isr)
{
	int v = apic_vec_highest(isr);
	if (v >= 0)
		vec_clear(isr, (uint8_t)v);
	return v;
}

uint32_t apic_tpr_from_v_tpr(uint32_t tpr, unsigned v_tpr)
{
	return (tpr >> 4) == (v_tpr & 0xF) ? tpr : (v_tpr & 0xF) << 4;
}
