/* Guest GICv3 (see arm64/vgic.h). */
#include <string.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/vgic.h>
#include "arm64.h"

#define ICH_HCR_EL2 s3_4_c12_c11_0
#define ICH_VTR_EL2 s3_4_c12_c11_1
#define ICH_VMCR_EL2 s3_4_c12_c11_7
#define ICH_HCR_EN 1ull
#define LR_STATE_PENDING (1ull << 62)
#define LR_STATE_MASK (3ull << 62)
#define LR_HW (1ull << 61)
#define LR_GROUP1 (1ull << 60)
#define VTIMER_INTID 27
#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_CTLR_ARE (1u << 4)
#define GICR_WAKER_SLEEP (1u << 1)
#define PIDR2_GICV3 0x3b
#define IIDR_ARM 0x43b

static unsigned nr_lrs(void)
{
	unsigned n = (unsigned)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	return n < VGIC_MAX_LRS ? n : VGIC_MAX_LRS;
}

/* List registers by number: each is its own system register. */
#define LR_ACCESS(X) X(0, s3_4_c12_c12_0) X(1, s3_4_c12_c12_1) X(2, s3_4_c12_c12_2) \
	X(3, s3_4_c12_c12_3) X(4, s3_4_c12_c12_4) X(5, s3_4_c12_c12_5) X(6, s3_4_c12_c12_6) \
	X(7, s3_4_c12_c12_7) X(8, s3_4_c12_c13_0) X(9, s3_4_c12_c13_1) X(10, s3_4_c12_c13_2) \
	X(11, s3_4_c12_c13_3) X(12, s3_4_c12_c13_4) X(13, s3_4_c12_c13_5) \
	X(14, s3_4_c12_c13_6) X(15, s3_4_c12_c13_7)

static uint64_t lr_read(unsigned i)
{
	switch (i) {
#define READ_LR(n, reg) case n: return read_sysreg(reg);
	LR_ACCESS(READ_LR)
#undef READ_LR
	}
	return 0;
}

static void lr_write(unsigned i, uint64_t v)
{
	switch (i) {
#define WRITE_LR(n, reg) case n: write_sysreg(reg, v); break;
	LR_ACCESS(WRITE_LR)
#undef WRITE_LR
	}
}

void vgic_load(struct vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	for (unsigned i = 0; i < nr_lrs(); i++)
		lr_write(i, c->lr[i]);
	write_sysreg(ICH_VMCR_EL2, c->vmcr);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
}

void vgic_put(struct vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	for (unsigned i = 0; i < nr_lrs(); i++)
		c->lr[i] = lr_read(i);
	c->vmcr = read_sysreg(ICH_VMCR_EL2);
}

void vgic_disable(void)
{
	write_sysreg(ICH_HCR_EL2, 0);
	for (unsigned i = 0; i < nr_lrs(); i++)
		lr_write(i, 0);
}

static bool vtimer_wanted(const struct vcpu *vcpu)
{
	const struct vgic_cpu *c = &vcpu->arch.vgic;
	uint32_t bit = 1u << VTIMER_INTID;
	return (vcpu->vm->arch.vgic.ctlr & GICD_CTLR_GRP1) && (c->enabled & bit) && (c->group & bit);
}

/* The physical virtual-timer interrupt fired while `vcpu` ran (its CNTV_* are loaded).
 * Returns false when the guest is not ready for it: the caller deactivates and masks it. */
bool vgic_inject_vtimer(struct vcpu *vcpu)
{
	if (!vtimer_wanted(vcpu))
		return false;
	unsigned free_lr = VGIC_MAX_LRS;
	for (unsigned i = 0; i < nr_lrs(); i++) {
		uint64_t lr = lr_read(i);
		if ((lr & 0xffffffffu) == VTIMER_INTID && (lr & LR_STATE_MASK))
			return true; /* already pending or active in the guest */
		if (!(lr & LR_STATE_MASK) && free_lr == VGIC_MAX_LRS)
			free_lr = i;
	}
	if (free_lr == VGIC_MAX_LRS)
		return false;
	uint64_t prio = vcpu->arch.vgic.priority[VTIMER_INTID];
	lr_write(free_lr, LR_STATE_PENDING | LR_HW | LR_GROUP1 | (prio << 48) |
			  ((uint64_t)VTIMER_INTID << 32) | VTIMER_INTID);
	return true;
}

/* ---- Distributor ---- */
static bool gicd_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct vm *vm = dev->vm;
	switch (off) {
	case 0x0000: *val = vm->arch.vgic.ctlr | GICD_CTLR_ARE; break;
	case 0x0004: *val = (9u << 19) | 1u; break;     /* TYPER: 10 ID bits, 64 INTIDs */
	case 0x0008: *val = IIDR_ARM; break;
	case 0xffe8: *val = PIDR2_GICV3; break;
	default: *val = 0; break;                       /* SPI registers: RAZ */
	}
	return true;
}

static bool gicd_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	if (off == 0)
		dev->vm->arch.vgic.ctlr = (uint32_t)val & (GICD_CTLR_GRP1 | 1u);
	return true; /* SPI registers: WI */
}

const struct device_ops vgic_gicd_ops = { gicd_read, gicd_write };

/* ---- Redistributors: one RD_base + SGI_base pair per vCPU ---- */
static struct vcpu *frame_vcpu(struct device *dev, uint64_t *off)
{
	unsigned idx = (unsigned)(*off / VGIC_GICR_STRIDE);
	*off %= VGIC_GICR_STRIDE;
	return idx < dev->vm->nr_vcpus ? &dev->vm->vcpus[idx] : NULL;
}

static bool gicr_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct vcpu *v = frame_vcpu(dev, &off);
	if (!v)
		return false;
	struct vgic_cpu *c = &v->arch.vgic;
	*val = 0;
	if (off >= 0x10400 && off < 0x10420) {
		for (unsigned i = 0; i < size && off - 0x10400 + i < 32; i++)
			*val |= (uint64_t)c->priority[off - 0x10400 + i] << (8 * i);
		return true;
	}
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
	if (off >= 0x10400 && off < 0x10420) {
		for (unsigned i = 0; i < size && off - 0x10400 + i < 32; i++)
			c->priority[off - 0x10400 + i] = (uint8_t)(val >> (8 * i));
		return true;
	}
	switch (off) {
	case 0x0014: c->waker = (uint32_t)val & GICR_WAKER_SLEEP; break;
	case 0x10080: c->group = (uint32_t)val; break;
	case 0x10100:
		c->enabled |= (uint32_t)val;
		if (val & (1u << VTIMER_INTID))
			gic_vtimer_unmask(); /* the guest is ready for its timer again */
		break;
	case 0x10180: c->enabled &= ~(uint32_t)val; break;
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
