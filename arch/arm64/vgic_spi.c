/* The guest GIC's SPIs (INTIDs 32..63): distributor registers and delivery through list
 * registers. Pure logic over the list-register accessors, host unit-tested
 * (test_arm64_vgic). Register offsets from Arm IHI 0069 (GICv3) §12.9: GICD_IGROUPR<n>
 * 0x080, ISENABLER 0x100, ICENABLER 0x180, ISPENDR 0x200, ICPENDR 0x280, ISACTIVER 0x300,
 * ICACTIVER 0x380, IPRIORITYR 0x400 (byte per INTID), ICFGR 0xC00 (2 bits per INTID, bit
 * 1 = edge), IROUTER 0x6000 + 8 * INTID. Index 1 of the bit-per-INTID registers (offset
 * + 4) covers INTIDs 32..63, the only SPIs there are. */
#include <hv/vm.h>
#include <arm64/vgic.h>

#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (1ull << 63)
#define LR_STATE (LR_PENDING | LR_ACTIVE)
#define LR_GROUP1 (1ull << 60)
#define LR_VINTID(lr) ((unsigned)((lr) & 0xffffffffu))
#define GICD_CTLR_GRP1 (1u << 1)
#define IROUTER_IRM (1ull << 31)

static uint32_t lr_state_mask(struct vm *vm, uint64_t state)
{
	uint32_t mask = 0;
	for (unsigned c = 0; c < vm->nr_vcpus; c++)
		for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
			uint64_t lr = vgic_lr_get(&vm->vcpus[c], i);
			unsigned id = LR_VINTID(lr);
			if ((lr & state) && id >= VGIC_SPI_BASE && id < VGIC_SPI_BASE + VGIC_NR_SPIS)
				mask |= 1u << (id - VGIC_SPI_BASE);
		}
	return mask;
}

/* Pending: latched or a high level-sensitive line, or waiting in a list register. */
static uint32_t pending_mask(struct vm *vm)
{
	struct vgic_spi *s = &vm->arch.vgic.spi;
	return s->latched | (s->level & ~s->edge) | lr_state_mask(vm, LR_PENDING);
}

static void clear_lr_state(struct vm *vm, uint32_t mask, uint64_t state)
{
	for (unsigned c = 0; c < vm->nr_vcpus; c++)
		for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
			struct vcpu *v = &vm->vcpus[c];
			uint64_t lr = vgic_lr_get(v, i);
			unsigned id = LR_VINTID(lr);
			if ((lr & state) && id >= VGIC_SPI_BASE && id < VGIC_SPI_BASE + VGIC_NR_SPIS &&
			    (mask & (1u << (id - VGIC_SPI_BASE))))
				vgic_lr_set(v, i, lr & ~state);
		}
}

static bool bit_register(struct vm *vm, uint64_t off, uint64_t *val, bool write)
{
	struct vgic_spi *s = &vm->arch.vgic.spi;
	uint32_t w = (uint32_t)*val;
	switch (off) {
	case 0x084: if (write) s->group = w; else *val = s->group; return true;
	case 0x104: if (write) s->enabled |= w; else *val = s->enabled; return true;
	case 0x184: if (write) s->enabled &= ~w; else *val = s->enabled; return true;
	case 0x204: if (write) s->latched |= w; else *val = pending_mask(vm); return true;
	case 0x284:
		if (write) {
			s->latched &= ~w;
			clear_lr_state(vm, w, LR_PENDING);
		} else {
			*val = pending_mask(vm);
		}
		return true;
	case 0x304: if (!write) *val = lr_state_mask(vm, LR_ACTIVE); return true;
	case 0x384:
		if (write)
			clear_lr_state(vm, w, LR_ACTIVE);
		else
			*val = lr_state_mask(vm, LR_ACTIVE);
		return true;
	default: return false;
	}
}

bool vgic_spi_mmio(struct vm *vm, uint64_t off, unsigned size, uint64_t *val, bool write)
{
	struct vgic_spi *s = &vm->arch.vgic.spi;
	if (!write)
		*val = 0;
	if (off >= 0x420 && off < 0x420 + VGIC_NR_SPIS) { /* IPRIORITYR8..15 */
		for (unsigned i = 0; i < size && off - 0x420 + i < VGIC_NR_SPIS; i++) {
			uint8_t *p = &s->priority[off - 0x420 + i];
			if (write)
				*p = (uint8_t)(*val >> (8 * i));
			else
				*val |= (uint64_t)*p << (8 * i);
		}
		return true;
	}
	if (off == 0xc08 || off == 0xc0c) { /* ICFGR2/3: 16 INTIDs each, bit 2k+1 = edge */
		unsigned first = off == 0xc08 ? 0 : 16;
		for (unsigned k = 0; k < 16; k++) {
			uint32_t bit = 1u << (first + k);
			if (!write)
				*val |= (uint64_t)((s->edge & bit) ? 2u : 0u) << (2 * k);
			else if ((*val >> (2 * k + 1)) & 1)
				s->edge |= bit;
			else
				s->edge &= ~bit;
		}
		return true;
	}
	uint64_t first_router = 0x6000 + 8 * VGIC_SPI_BASE;
	if (off >= first_router && off < first_router + 8 * VGIC_NR_SPIS) {
		unsigned n = (unsigned)(off - first_router) / 8;
		unsigned shift = (off & 4) ? 32 : 0; /* a 32-bit access to either half */
		uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;
		if (write)
			s->route[n] = (s->route[n] & ~mask) | ((*val << (size == 8 ? 0 : shift)) & mask);
		else
			*val = (s->route[n] & mask) >> (size == 8 ? 0 : shift);
		return true;
	}
	return size == 4 && bit_register(vm, off, val, write);
}

void vgic_spi_line(struct vm *vm, unsigned intid, bool level)
{
	if (intid < VGIC_SPI_BASE || intid >= VGIC_SPI_BASE + VGIC_NR_SPIS)
		return;
	struct vgic_spi *s = &vm->arch.vgic.spi;
	uint32_t bit = 1u << (intid - VGIC_SPI_BASE);
	if (level && !(s->level & bit) && (s->edge & bit))
		s->latched |= bit; /* a rising edge */
	s->level = level ? s->level | bit : s->level & ~bit;
}

unsigned vgic_spi_target(const struct vm *vm, unsigned intid)
{
	uint64_t r = vm->arch.vgic.spi.route[intid - VGIC_SPI_BASE];
	if (r & IROUTER_IRM)
		return 0; /* 1 of N: any vCPU may take it; testvisor gives it to the first */
	uint64_t aff = (r & 0xffffffull) | ((r >> 32) & 0xff) << 24;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		uint64_t m = vm->vcpus[i].arch.vmpidr;
		if (((m & 0xffffffull) | ((m >> 32) & 0xff) << 24) == aff)
			return i;
	}
	return vm->nr_vcpus; /* routed to no vCPU: stays pending in the distributor */
}

static int spi_lr(struct vcpu *v, unsigned intid, int *free_slot)
{
	*free_slot = -1;
	for (unsigned i = 0; i < vgic_nr_lrs(); i++) {
		uint64_t lr = vgic_lr_get(v, i);
		if ((lr & LR_STATE) && LR_VINTID(lr) == intid)
			return (int)i;
		if (!(lr & LR_STATE) && *free_slot < 0)
			*free_slot = (int)i;
	}
	return -1;
}

void vgic_spi_sync(struct vcpu *v)
{
	struct vm *vm = v->vm;
	struct vgic_spi *s = &vm->arch.vgic.spi;
	bool dist_on = vm->arch.vgic.ctlr & GICD_CTLR_GRP1;
	for (unsigned n = 0; n < VGIC_NR_SPIS; n++) {
		uint32_t bit = 1u << n;
		unsigned intid = VGIC_SPI_BASE + n;
		if (!((s->latched | s->level) & bit) && !(s->enabled & bit))
			continue;
		if (vgic_spi_target(vm, intid) != v->id)
			continue;
		bool level_sensitive = !(s->edge & bit);
		bool wanted = (level_sensitive ? (s->level & bit) : (s->latched & bit)) != 0;
		bool deliverable = dist_on && (s->enabled & bit) && (s->group & bit);
		int free_slot, i = spi_lr(v, intid, &free_slot);
		if (i >= 0) {
			uint64_t lr = vgic_lr_get(v, (unsigned)i);
			if (level_sensitive && !wanted)
				vgic_lr_set(v, (unsigned)i, lr & ~LR_PENDING); /* line dropped */
			else if (wanted && deliverable && !(lr & LR_PENDING)) {
				vgic_lr_set(v, (unsigned)i, lr | LR_PENDING); /* high after its ack */
				s->latched &= ~bit;
			}
		} else if (wanted && deliverable && free_slot >= 0) {
			vgic_lr_set(v, (unsigned)free_slot, LR_PENDING | LR_GROUP1 |
				    ((uint64_t)s->priority[n] << 48) | intid);
			s->latched &= ~bit;
		}
	}
}
