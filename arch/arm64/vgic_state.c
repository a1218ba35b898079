/* The pending and active state of a vCPU's SGIs and PPIs (GICR_ISPENDR0/ICPENDR0/
 * ISACTIVER0/ICACTIVER0). It lives where the hardware keeps it: in the list registers
 * (vgic_lr_get/set: live when the vCPU is loaded, its saved copy otherwise), plus the
 * interrupts made pending while the guest cannot take them (disabled, or its group off),
 * held back in `pending_off` until it can: a list register is delivered whatever the
 * redistributor's enables say. Pure logic over the list register accessors, host
 * unit-tested. Arm IHI 0069 (GICv3): GICR_ISPENDR0, GICR_ICPENDR0, GICR_ISACTIVER0,
 * GICR_ICACTIVER0; ICH_LR<n>_EL2 State, HW, pINTID, vINTID. */
#include <hv/vm.h>
#include <arm64/vgic.h>

#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (1ull << 63)
#define LR_STATE (LR_PENDING | LR_ACTIVE)
#define LR_HW (1ull << 61)
#define LR_GROUP1 (1ull << 60)
#define LR_VINTID(lr) ((unsigned)((lr) & 0xffffffffu))
#define LR_PINTID(lr) ((unsigned)(((lr) >> 32) & 0x3ff))

/* The list register holding `intid` (pending and/or active), or -1. */
static int lr_of(struct vcpu *v, unsigned intid)
{
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		if ((lr & LR_STATE) && LR_VINTID(lr) == intid)
			return (int)i;
	}
	return -1;
}

static int free_lr(struct vcpu *v)
{
	for (unsigned i = 0; i < vgic_nr_lrs(); i++)
		if (!(vgic_lr_get(v, i) & LR_STATE))
			return (int)i;
	return -1;
}

static uint64_t new_lr(struct vcpu *v, unsigned intid, uint64_t state, bool hw)
{
	return state | LR_GROUP1 | ((uint64_t)v->arch.vgic.priority[intid] << 48) |
	       (hw ? LR_HW | ((uint64_t)intid << 32) : 0) | intid;
}

bool vgic_queue(struct vcpu *v, unsigned intid, bool hw)
{
	int i = lr_of(v, intid);
	if (i >= 0) {
		/* Active (and not a hardware one, whose line re-asserts by itself): pending too. */
		uint64_t lr = vgic_lr_get(v, (unsigned)i);
		if (!(lr & LR_HW))
			vgic_lr_set(v, (unsigned)i, lr | LR_PENDING);
		return true;
	}
	i = free_lr(v);
	if (i < 0)
		return false;
	vgic_lr_set(v, (unsigned)i, new_lr(v, intid, LR_PENDING, hw));
	return true;
}

static uint32_t state_mask(struct vcpu *v, uint64_t state)
{
	uint32_t mask = 0;
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		if ((lr & state) && LR_VINTID(lr) < 32)
			mask |= 1u << LR_VINTID(lr);
	}
	return mask;
}

uint32_t vgic_pending(struct vcpu *v) { return state_mask(v, LR_PENDING) | v->arch.vgic.pending_off; }
uint32_t vgic_active(struct vcpu *v) { return state_mask(v, LR_ACTIVE); }

void vgic_set_pending(struct vcpu *v, uint32_t mask)
{
	for (unsigned intid = 0; intid < 32; intid++) {
		if (!(mask & (1u << intid)))
			continue;
		if (!vgic_wants_intid(v, intid) || !vgic_queue(v, intid, false))
			v->arch.vgic.pending_off |= 1u << intid;
	}
}

void vgic_clear_pending(struct vcpu *v, uint32_t mask)
{
	v->arch.vgic.pending_off &= ~mask;
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		if ((lr & LR_PENDING) && LR_VINTID(lr) < 32 && (mask & (1u << LR_VINTID(lr))))
			vgic_lr_set(v, i, (lr & LR_ACTIVE) ? lr & ~LR_PENDING : 0);
	}
}

void vgic_set_active(struct vcpu *v, uint32_t mask)
{
	for (unsigned intid = 0; intid < 32; intid++) {
		if (!(mask & (1u << intid)))
			continue;
		int i = lr_of(v, intid);
		if (i >= 0)
			vgic_lr_set(v, (unsigned)i, vgic_lr_get(v, (unsigned)i) | LR_ACTIVE);
		else if ((i = free_lr(v)) >= 0)
			vgic_lr_set(v, (unsigned)i, new_lr(v, intid, LR_ACTIVE, false));
	}
}

void vgic_clear_active(struct vcpu *v, uint32_t mask)
{
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		if (!(lr & LR_ACTIVE) || LR_VINTID(lr) >= 32 || !(mask & (1u << LR_VINTID(lr))))
			continue;
		/* A forwarded interrupt's physical twin is active until the guest deactivates. */
		if (lr & LR_HW)
			gic_ppi_deactivate(LR_PINTID(lr));
		vgic_lr_set(v, i, (lr & LR_PENDING) ? lr & ~(LR_ACTIVE | LR_HW) : 0);
	}
}

/* The guest's enables or groups changed: what it can now take leaves `pending_off` for a
 * list register; software-pending interrupts it can no longer take go back there. */
void vgic_enables_changed(struct vcpu *v)
{
	struct vgic_cpu *c = &v->arch.vgic;
	for (unsigned intid = 0; intid < 32; intid++) {
		uint32_t bit = 1u << intid;
		if ((c->pending_off & bit) && vgic_wants_intid(v, intid) && vgic_queue(v, intid, false))
			c->pending_off &= ~bit;
	}
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		unsigned intid = LR_VINTID(lr);
		if ((lr & LR_STATE) == LR_PENDING && !(lr & LR_HW) && intid < 32 &&
		    !vgic_wants_intid(v, intid)) {
			vgic_lr_set(v, i, 0);
			c->pending_off |= 1u << intid;
		}
	}
}
