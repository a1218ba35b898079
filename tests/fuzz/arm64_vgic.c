/* Fuzz target: the guest GICv3 register model (arch/arm64/vgic_mmio.c, vgic_state.c,
 * vgic_spi.c): distributor and redistributor MMIO at any offset and access size, SGIs
 * written to ICC_SGI1R_EL1/ICC_SGI0R_EL1, the timer's forwarded interrupts, device lines
 * to SPIs and their delivery before a vCPU runs. The registers are the guest's doing.
 * Input: 1 byte of set-up (vCPU count, list registers), then operations of 12 bytes: kind,
 * vCPU, offset (3 bytes), size, value (6 bytes).
 * Checks beyond the sanitizers: no INTID is in two list registers of a vCPU, every list
 * register in use holds an SGI, PPI or modelled SPI, a forwarded (hardware) one is a
 * timer's, an SGI number is below 16 and goes to existing vCPUs, an SPI's target is a
 * vCPU or none. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/vgic.h>

/* The hardware side the model calls (gic.c, vgic.c on the target): list registers in
 * the vCPU's saved copy, as for a vCPU not loaded. */
static unsigned nr_lrs = 4;
void gic_ppi_unmask(unsigned intid) { if (intid >= 32) abort(); }
void gic_ppi_deactivate(unsigned intid) { if (intid >= 32) abort(); }
unsigned vgic_nr_lrs(void) { return nr_lrs; }
uint64_t vgic_lr_get(struct vcpu *v, unsigned i) { if (i >= nr_lrs) abort(); return v->arch.vgic.lr[i]; }
void vgic_lr_set(struct vcpu *v, unsigned i, uint64_t lr) { if (i >= nr_lrs) abort(); v->arch.vgic.lr[i] = lr; }

int vm_add_device(struct vm *vm, const struct device_desc *desc)
{
	if (vm->nr_devices == VM_MAX_DEVICES)
		return -1;
	struct device *d = &vm->devices[vm->nr_devices++];
	memset(d, 0, sizeof(*d));
	d->desc = *desc;
	d->vm = vm;
	return 0;
}

#define LR_STATE (3ull << 62)
#define LR_HW (1ull << 61)

static void check(struct vm *vm)
{
	for (unsigned c = 0; c < vm->nr_vcpus; c++) {
		const uint64_t *lr = vm->vcpus[c].arch.vgic.lr;
		for (unsigned i = 0; i < nr_lrs; i++) {
			if (!(lr[i] & LR_STATE))
				continue;
			uint32_t intid = (uint32_t)lr[i];
			if (intid >= VGIC_SPI_BASE + VGIC_NR_SPIS ||
			    ((lr[i] & LR_HW) && (intid >= 32 || !(VGIC_FORWARDED_PPIS & (1u << intid)))))
				abort();
			for (unsigned j = i + 1; j < nr_lrs; j++)
				if ((lr[j] & LR_STATE) && (uint32_t)lr[j] == intid)
					abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm vm;
	if (size < 1)
		return 0;
	memset(&vm, 0, sizeof(vm));
	vm.nr_vcpus = 1 + (data[0] & 3);
	nr_lrs = 1 + ((data[0] >> 2) & 15);
	for (unsigned i = 0; i < vm.nr_vcpus; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
		vm.vcpus[i].state = (data[0] >> 6) == i + 1 ? VCPU_OFF : VCPU_RUNNABLE; /* 0: none off */
	}
	if (vgic_init(&vm) || vm.nr_devices != 2)
		abort();
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	for (size_t p = 1; p + 12 <= size; p += 12) {
		const uint8_t *o = data + p;
		struct vcpu *v = &vm.vcpus[o[1] % vm.nr_vcpus];
		uint64_t off = (uint64_t)o[2] | (uint64_t)o[3] << 8 | (uint64_t)o[4] << 16;
		unsigned sz = sizes[o[5] & 3];
		uint64_t val = 0;
		memcpy(&val, o + 6, 6);
		val |= (uint64_t)(o[5] >> 2) << 58; /* the top bits too (Aff3, IRM...) */
		struct device *d = &vm.devices[o[0] & 1];
		uint64_t got = 0;
		switch ((o[0] >> 1) % 8) {
		case 0: /* GICR offsets beyond the frames too: a frame_vcpu that is NULL */
			d->desc.ops->read(d, off % (d->desc.size + 0x40000), sz, &got);
			break;
		case 1:
			d->desc.ops->write(d, off % (d->desc.size + 0x40000), sz, val);
			break;
		case 2: { /* the redistributor's SGI frame, where the state registers are */
			struct device *r = &vm.devices[1];
			r->desc.ops->write(r, v->id * VGIC_GICR_STRIDE + 0x10000 + (off & 0xfff) * 4 % 0x1000,
					   4, val);
			break;
		}
		case 3: { /* ICC_SGI1R_EL1 / ICC_SGI0R_EL1 as vgic_send_sgi (vgic.c) uses it */
			unsigned intid;
			uint32_t targets = vgic_sgi_targets(v, val, o[3] & 1, &intid);
			if (intid > 15 || targets >> vm.nr_vcpus)
				abort();
			for (unsigned t = 0; t < vm.nr_vcpus; t++)
				if (targets & (1u << t))
					vgic_set_pending(&vm.vcpus[t], 1u << intid);
			break;
		}
		case 4: /* a forwarded timer interrupt, as vgic_inject_forwarded does */
			if (vgic_wants_intid(v, o[2]))
				vgic_queue(v, o[2], o[2] < 32 && (VGIC_FORWARDED_PPIS & (1u << o[2])));
			break;
		case 5: /* the guest's EOI: a list register goes idle */
			v->arch.vgic.lr[o[2] % nr_lrs] = 0;
			break;
		case 6: /* a device's line (any INTID: the model ignores what is no SPI) */
			vgic_spi_line(&vm, o[2], o[3] & 1);
			break;
		case 7: { /* before the vCPU runs: SPIs routed to it into its list registers */
			unsigned intid = VGIC_SPI_BASE + o[2] % VGIC_NR_SPIS;
			if (vgic_spi_target(&vm, intid) > vm.nr_vcpus)
				abort();
			vgic_spi_sync(v);
			break;
		}
		}
		check(&vm);
	}
	return 0;
}
