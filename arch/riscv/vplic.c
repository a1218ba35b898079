/* The guest's PLIC (see vplic.h). */
#include <hv/dev.h>
#include <hv/vm.h>
#include <rv_virt.h>
#include <vplic.h>

#define PRIORITY_END (4 * VPLIC_SOURCES)
#define PENDING_BASE 0x1000
#define ENABLE_BASE 0x2000
#define CONTEXT_BASE 0x200000

static bool test(const uint32_t *bits, unsigned n) { return bits[n / 32] & (1u << (n % 32)); }
static void set(uint32_t *bits, unsigned n, bool on)
{
	bits[n / 32] = on ? bits[n / 32] | (1u << (n % 32)) : bits[n / 32] & ~(1u << (n % 32));
}

unsigned vplic_best(const struct vplic *p, unsigned ctx)
{
	unsigned best = 0, best_prio = p->threshold[ctx];
	for (unsigned s = 1; s < VPLIC_SOURCES; s++) /* ties: the lowest source number */
		if (test(p->pending, s) && test(p->enable[ctx], s) && p->priority[s] > best_prio) {
			best = s;
			best_prio = p->priority[s];
		}
	return best;
}

/* Each hart's S-mode context drives its vCPU's VSEIP. */
static void update(struct vm *vm)
{
	struct vplic *p = &vm->arch.plic;
	for (unsigned h = 0; h < vm->nr_vcpus; h++) {
		bool on = vplic_best(p, 2 * h + 1) != 0;
		rv_vcpu_set_hvip(&vm->vcpus[h], on ? HVIP_VSEIP : 0, on ? 0 : HVIP_VSEIP);
	}
}

void vplic_line(struct vm *vm, unsigned irq, bool level)
{
	struct vplic *p = &vm->arch.plic;
	if (irq == 0 || irq >= VPLIC_SOURCES)
		return;
	set(p->level, irq, level);
	if (level && !test(p->claimed, irq))
		set(p->pending, irq, true);
	update(vm);
}

static bool context_of(const struct device *dev, uint64_t off, uint64_t base, uint64_t stride,
		       unsigned *ctx)
{
	*ctx = (unsigned)((off - base) / stride);
	return off >= base && *ctx < 2 * dev->vm->nr_vcpus;
}

static bool plic_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct vplic *p = &dev->vm->arch.plic;
	unsigned ctx;
	*val = 0;
	if (size != 4 || (off & 3))
		return true; /* QEMU's PLIC takes 32-bit accesses only: others read 0 */
	if (off < PRIORITY_END) {
		*val = p->priority[off / 4];
	} else if (off >= PENDING_BASE && off < PENDING_BASE + 4 * VPLIC_WORDS) {
		*val = p->pending[(off - PENDING_BASE) / 4];
	} else if (off >= ENABLE_BASE && off < CONTEXT_BASE &&
		   context_of(dev, off, ENABLE_BASE, 0x80, &ctx)) {
		unsigned w = (unsigned)((off - ENABLE_BASE) % 0x80) / 4;
		*val = w < VPLIC_WORDS ? p->enable[ctx][w] : 0;
	} else if (context_of(dev, off, CONTEXT_BASE, 0x1000, &ctx)) {
		unsigned reg = (unsigned)(off - CONTEXT_BASE) % 0x1000;
		if (reg == 0) {
			*val = p->threshold[ctx];
		} else if (reg == 4) { /* claim */
			unsigned s = vplic_best(p, ctx);
			if (s) {
				set(p->pending, s, false);
				set(p->claimed, s, true);
				update(dev->vm);
			}
			*val = s;
		}
	}
	return true;
}

static bool plic_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct vplic *p = &dev->vm->arch.plic;
	unsigned ctx;
	if (size != 4 || (off & 3))
		return true;
	if (off < PRIORITY_END) {
		if (off)
			p->priority[off / 4] = (uint8_t)(val & VPLIC_MAX_PRIORITY);
	} else if (off >= ENABLE_BASE && off < CONTEXT_BASE &&
		   context_of(dev, off, ENABLE_BASE, 0x80, &ctx)) {
		unsigned w = (unsigned)((off - ENABLE_BASE) % 0x80) / 4;
		if (w < VPLIC_WORDS)
			p->enable[ctx][w] = (uint32_t)val & (w ? ~0u : ~1u); /* source 0 is none */
	} else if (context_of(dev, off, CONTEXT_BASE, 0x1000, &ctx)) {
		unsigned reg = (unsigned)(off - CONTEXT_BASE) % 0x1000;
		if (reg == 0) {
			p->threshold[ctx] = (uint8_t)(val & VPLIC_MAX_PRIORITY);
		} else if (reg == 4 && val && val < VPLIC_SOURCES && test(p->claimed, (unsigned)val)) {
			set(p->claimed, (unsigned)val, false); /* complete: the gateway opens */
			if (test(p->level, (unsigned)val))
				set(p->pending, (unsigned)val, true);
		}
	} /* pending bits are read-only */
	update(dev->vm);
	return true;
}

const struct device_ops vplic_ops = { .read = plic_read, .write = plic_write };
