/* Guest GICv3, the register model (see arm64/vgic.h): distributor and redistributor
 * registers as a plain state machine behind the core's device dispatch. Pure logic,
 * host unit-tested; the one hardware action (unmasking a forwarded timer PPI when the
 * guest enables it) goes through gic_ppi_unmask(). */
#include <string.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/vgic.h>

#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_CTLR_ARE (1u << 4)
#define GICR_WAKER_SLEEP (1u << 1)
#define PIDR2_GICV3 0x3b
#define IIDR_ARM 0x43b

void gic_ppi_unmask(unsigned intid);

bool vgic_wants_intid(const struct vcpu *vcpu, unsigned intid)
{
	const struct vgic_cpu *c = &vcpu->arch.vgic;
	if (intid >= 32) /* before the shift: 1u << intid is undefined from 32 on */
		return false;
	uint32_t bit = 1u << intid;
	return (vcpu->vm->arch.vgic.ctlr & GICD_CTLR_GRP1) && (c->enabled & bit) && (c->group & bit);
}

/* With one security state (GICD_CTLR.DS = 1), a Group 1 request (ICC_SGI1R_EL1) raises
 * the SGI whatever its group at the target, a Group 0 request (ICC_SGI0R_EL1, and
 * ICC_ASGI1R_EL1, there being no other security state) only where the target has it in
 * Group 0 (GICv3 spec IHI 0069, SGI generation; KVM's access_gic_sgi does the same). */
uint32_t vgic_sgi_targets(const struct vcpu *src, uint64_t v, bool group1_request,
			  unsigned *intid)
{
	*intid = (unsigned)(v >> 24) & 0xf;
	bool all_others = v & (1ull << 40);
	uint64_t aff321 = ((v >> 16) & 0xff) << 8 | ((v >> 32) & 0xff) << 16 | ((v >> 48) & 0xffull) << 32;
	const struct vm *vm = src->vm;
	uint32_t targets = 0;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		const struct vcpu *t = &vm->vcpus[i];
		uint64_t mpidr = t->arch.vmpidr;
		uint64_t t_aff321 = (mpidr & 0xffff00ull) | ((mpidr >> 32) & 0xff) << 32;
		unsigned aff0 = mpidr & 0xff;
		bool named = all_others ? t != src :
			     t_aff321 == aff321 && aff0 < 16 && (v & (1u << aff0));
		bool group_ok = group1_request || !(t->arch.vgic.group & (1u << *intid));
		if (named && group_ok && t->state != VCPU_OFF)
			targets |= 1u << i;
	}
	return targets;
}

/* ---- Distributor ---- */
static bool gicd_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct vm *vm = dev->vm;
	if (vgic_spi_mmio(vm, off, size, val, false))
		return true;
	switch (off) {
	case 0x0000: *val = vm->arch.vgic.ctlr | GICD_CTLR_ARE; break;
	case 0x0004: *val = (9u << 19) | 1u; break;     /* TYPER: 10 ID bits, 64 INTIDs */
	case 0x0008: *val = IIDR_ARM; break;
	case 0xffe8: *val = PIDR2_GICV3; break;
	default: *val = 0; break;                       /* the rest: RAZ */
	}
	return true;
}

static bool gicd_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	if (vgic_spi_mmio(dev->vm, off, size, &val, true))
		return true;
	if (off == 0) {
		dev->vm->arch.vgic.ctlr = (uint32_t)val & (GICD_CTLR_GRP1 | 1u);
		for (unsigned i = 0; i < dev->vm->nr_vcpus; i++)
			vgic_enables_changed(&dev->vm->vcpus[i]);
	}
	return true; /* the rest: WI */
}

const struct device_ops vgic_gicd_ops = { gicd_read, gicd_write };

/* ---- Redistributors: one RD_base + SGI_base pair per vCPU ---- */
static struct vcpu *frame_vcpu(struct device *dev, uint64_t *off)
{
	unsigned idx = (unsigned)(*off / VGIC_GICR_STRIDE);
	*off %= VGIC_GICR_STRIDE;
	return idx < dev->vm->nr_vcpus ? &dev->vm->vcpus[idx] : NULL;
}

/* GICR_IPRIORITYR<n> of the SGIs and PPIs: one byte per interrupt, in any access size.
 * false: `off` is not in them. */
#define GICR_IPRIORITYR 0x10400
static bool gicr_ipriority(struct vgic_cpu *c, uint64_t off, unsigned size, uint64_t *val,
			   bool write)
{
	if (off < GICR_IPRIORITYR || off >= GICR_IPRIORITYR + 32)
		return false;
	unsigned first = (unsigned)(off - GICR_IPRIORITYR);
	for (unsigned i = 0; i < size && first + i < 32; i++) {
		if (write)
			c->priority[first + i] = (uint8_t)(*val >> (8 * i));
		else
			*val |= (uint64_t)c->priority[first + i] << (8 * i);
	}
	return true;
}

static bool gicr_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct vcpu *v = frame_vcpu(dev, &off);
	if (!v)
		return false;
	struct vgic_cpu *c = &v->arch.vgic;
	*val = 0;
	if (gicr_ipriority(c, off, size, val, false))
		return true;
	switch (off) {
	case 0x0004: *val = IIDR_ARM; break;
	case 0x0008: /* TYPER: affinity = vCPU number, processor number, Last */
		*val = ((uint64_t)v->id << 32) | ((uint64_t)v->id << 8) |
		       (v->id + 1 == dev->vm->nr_vcpus ? 1u << 4 : 0);
		if (size == 4)
			*val &= 0xffffffffu;
		break;
	case 0x000c: *val = v->id; break;
	case 0x0014: *val = c->waker | ((c->waker & GICR_WAKER_SLEEP) << 1); break;
	case 0xffe8: *val = PIDR2_GICV3; break;
	case 0x10080: *val = c->group; break;
	case 0x10100: case 0x10180: *val = c->enabled; break;
	case 0x10200: case 0x10280: *val = vgic_pending(v); break;   /* ISPENDR0, ICPENDR0 */
	case 0x10300: case 0x10380: *val = vgic_active(v); break;    /* ISACTIVER0, ICACTIVER0 */
	case 0x10c00: *val = c->cfg[0]; break;
	case 0x10c04: *val = c->cfg[1]; break;
	default: break;
	}
	return true;
}

static bool gicr_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct vcpu *v = frame_vcpu(dev, &off);
	if (!v)
		return false;
	struct vgic_cpu *c = &v->arch.vgic;
	if (gicr_ipriority(c, off, size, &val, true))
		return true;
	switch (off) {
	case 0x0014: c->waker = (uint32_t)val & GICR_WAKER_SLEEP; break;
	case 0x10080: c->group = (uint32_t)val; vgic_enables_changed(v); break;
	case 0x10100:
		c->enabled |= (uint32_t)val;
		for (unsigned i = 0; i < 32; i++) /* the guest is ready for its timer again */
			if ((uint32_t)val & VGIC_FORWARDED_PPIS & (1u << i))
				gic_ppi_unmask(i);
		vgic_enables_changed(v);
		break;
	case 0x10180: c->enabled &= ~(uint32_t)val; vgic_enables_changed(v); break;
	case 0x10200: vgic_set_pending(v, (uint32_t)val); break;
	case 0x10280: vgic_clear_pending(v, (uint32_t)val); break;
	case 0x10300: vgic_set_active(v, (uint32_t)val); break;
	case 0x10380: vgic_clear_active(v, (uint32_t)val); break;
	case 0x10c00: c->cfg[0] = (uint32_t)val; break;
	case 0x10c04: c->cfg[1] = (uint32_t)val; break;
	default: break;
	}
	return true;
}

const struct device_ops vgic_gicr_ops = { gicr_read, gicr_write };

int vgic_init(struct vm *vm)
{
	memset(&vm->arch.vgic, 0, sizeof(vm->arch.vgic));
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		memset(&vm->vcpus[i].arch.vgic, 0, sizeof(vm->vcpus[i].arch.vgic));
		vm->vcpus[i].arch.vgic.waker = GICR_WAKER_SLEEP;
	}
	struct device_desc d = { "gicv3-dist", DEV_MMIO, VIRT_GICD_BASE, VGIC_GICD_SIZE, &vgic_gicd_ops };
	struct device_desc r = { "gicv3-redist", DEV_MMIO, VIRT_GICR_BASE,
				 VGIC_GICR_STRIDE * vm->nr_vcpus, &vgic_gicr_ops };
	return vm_add_device(vm, &d) || vm_add_device(vm, &r) ? -1 : 0;
}
