/* The guest GICv3 register model: identification registers drivers probe, the
 * redistributor wake handshake, per-vCPU frames, enables/groups/priorities, and when the
 * virtual timer's PPI counts as wanted by the guest. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/vgic.h>

static unsigned unmask_calls;
static unsigned unmasked_mask;
void gic_ppi_unmask(unsigned intid) { unmask_calls++; unmasked_mask |= 1u << intid; }

/* Four list registers per vCPU, in its saved copy (as for a vCPU not loaded). */
static unsigned deactivated;
unsigned vgic_nr_lrs(void) { return 4; }
uint64_t vgic_lr_get(struct vcpu *v, unsigned i) { return v->arch.vgic.lr[i]; }
void vgic_lr_set(struct vcpu *v, unsigned i, uint64_t lr) { v->arch.vgic.lr[i] = lr; }
void gic_ppi_deactivate(unsigned intid) { deactivated |= 1u << intid; }

int vm_add_device(struct vm *vm, const struct device_desc *desc)
{
	struct device *d = &vm->devices[vm->nr_devices++];
	memset(d, 0, sizeof(*d));
	d->desc = *desc;
	d->vm = vm;
	return 0;
}

static struct vm vm;

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	vm.nr_vcpus = 2;
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
	}
	unmask_calls = 0;
	return vgic_init(&vm);
}

static uint64_t rd(unsigned dev, uint64_t off, unsigned size)
{
	uint64_t v = 0xdead;
	assert_true(vm.devices[dev].desc.ops->read(&vm.devices[dev], off, size, &v));
	return v;
}

static void wr(unsigned dev, uint64_t off, unsigned size, uint64_t v)
{
	assert_true(vm.devices[dev].desc.ops->write(&vm.devices[dev], off, size, v));
}

#define GICD 0
#define GICR 1
#define SGI 0x10000

static void devices_at_virt_addresses(void **state)
{
	assert_int_equal(vm.nr_devices, 2);
	assert_true(vm.devices[GICD].desc.base == VIRT_GICD_BASE);
	assert_true(vm.devices[GICR].desc.base == VIRT_GICR_BASE);
	assert_true(vm.devices[GICR].desc.size == 2 * VGIC_GICR_STRIDE);
	assert_int_equal(rd(GICD, 0xffe8, 4) >> 4 & 0xf, 3); /* GICv3 */
	assert_int_equal(rd(GICR, 0xffe8, 4) >> 4 & 0xf, 3);
}

static void redistributor_frames_per_vcpu(void **state)
{
	uint64_t t0 = rd(GICR, 0x8, 8), t1 = rd(GICR, VGIC_GICR_STRIDE + 0x8, 8);
	assert_true((t0 >> 32) == 0 && !(t0 & (1u << 4)));  /* vCPU 0, not last */
	assert_true((t1 >> 32) == 1 && (t1 & (1u << 4)));   /* vCPU 1, Last */
	uint64_t v;
	assert_false(vm.devices[GICR].desc.ops->read(&vm.devices[GICR], 2 * VGIC_GICR_STRIDE + 8, 4, &v));
}

static void wake_handshake(void **state)
{
	assert_true(rd(GICR, 0x14, 4) & (1u << 2)); /* asleep after reset */
	wr(GICR, 0x14, 4, 0);
	assert_false(rd(GICR, 0x14, 4) & (1u << 2));
}

static void vtimer_wanted_only_when_enabled(void **state)
{
	struct vcpu *v0 = &vm.vcpus[0];
	assert_false(vgic_wants_intid(v0, 27));
	wr(GICD, 0, 4, 1u << 1);                 /* EnableGrp1 */
	wr(GICR, SGI + 0x80, 4, 1u << 27);       /* group 1 */
	wr(GICR, SGI + 0x41b, 1, 0xa0);          /* byte write of priority 27 */
	assert_int_equal(rd(GICR, SGI + 0x418, 4) >> 24, 0xa0);
	assert_false(vgic_wants_intid(v0, 27));
	wr(GICR, SGI + 0x100, 4, 1u << 27);      /* enable */
	assert_true(vgic_wants_intid(v0, 27));
	assert_int_equal(unmask_calls, 1);
	assert_false(vgic_wants_intid(&vm.vcpus[1], 27)); /* per vCPU */
	wr(GICR, SGI + 0x180, 4, 1u << 27);      /* disable */
	assert_false(vgic_wants_intid(v0, 27));
	wr(GICD, 0, 4, 0);
	wr(GICR, SGI + 0x100, 4, 1u << 27);
	assert_false(vgic_wants_intid(v0, 27));  /* distributor group 1 off */
	/* Enabling the physical timer's PPI 30 unmasks it too; an SGI unmasks nothing. */
	unmask_calls = 0;
	unmasked_mask = 0;
	wr(GICR, SGI + 0x100, 4, (1u << 30) | (1u << 3));
	assert_int_equal(unmask_calls, 1);
	assert_int_equal(unmasked_mask, 1u << 30);
}

/* GICR_ISPENDR0/ICPENDR0/ISACTIVER0/ICACTIVER0 (SGI_base + 0x200/0x280/0x300/0x380). */
static void pending_and_active_state(void **state)
{
	struct vcpu *v0 = &vm.vcpus[0];
	wr(GICD, 0, 4, 1u << 1);
	wr(GICR, SGI + 0x80, 4, 0xffffffff);
	wr(GICR, SGI + 0x100, 4, 1u << 5);
	wr(GICR, SGI + 0x200, 4, 1u << 5);                 /* set pending */
	assert_int_equal(rd(GICR, SGI + 0x200, 4), 1u << 5);
	assert_int_equal(rd(GICR, SGI + 0x280, 4), 1u << 5);
	assert_true((v0->arch.vgic.lr[0] >> 62) == 1 && (uint32_t)v0->arch.vgic.lr[0] == 5);
	v0->arch.vgic.lr[0] ^= 3ull << 62;                  /* the guest acknowledged it */
	assert_int_equal(rd(GICR, SGI + 0x200, 4), 0);
	assert_int_equal(rd(GICR, SGI + 0x300, 4), 1u << 5);
	wr(GICR, SGI + 0x380, 4, 1u << 5);                 /* clear active */
	assert_int_equal(rd(GICR, SGI + 0x300, 4), 0);
	assert_true(v0->arch.vgic.lr[0] == 0);
	/* Disabled: pending, but held back from the list registers until enabled. */
	wr(GICR, SGI + 0x200, 4, 1u << 6);
	assert_int_equal(rd(GICR, SGI + 0x200, 4), 1u << 6);
	for (unsigned i = 0; i < 4; i++)
		assert_true(v0->arch.vgic.lr[i] == 0);
	wr(GICR, SGI + 0x100, 4, 1u << 6);
	assert_true((uint32_t)v0->arch.vgic.lr[0] == 6 && (v0->arch.vgic.lr[0] >> 62) == 1);
	wr(GICR, SGI + 0x280, 4, 1u << 6);                 /* clear pending */
	assert_int_equal(rd(GICR, SGI + 0x200, 4), 0);
	assert_true(v0->arch.vgic.lr[0] == 0);
	/* Set active with no list register yet; clearing a forwarded one deactivates the
	 * physical PPI too. */
	wr(GICR, SGI + 0x300, 4, 1u << 7);
	assert_int_equal(rd(GICR, SGI + 0x300, 4), 1u << 7);
	v0->arch.vgic.lr[1] = (2ull << 62) | (1ull << 61) | (27ull << 32) | 27; /* HW, active */
	deactivated = 0;
	wr(GICR, SGI + 0x380, 4, (1u << 7) | (1u << 27));
	assert_int_equal(rd(GICR, SGI + 0x300, 4), 0);
	assert_int_equal(deactivated, 1u << 27);
}

static void sgi_targets(void **state)
{
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
		vm.vcpus[i].state = VCPU_RUNNABLE;
	}
	unsigned intid;
	/* SGI 1 to target list {0}. */
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[1], (1ull << 24) | 1, true, &intid), 1);
	assert_int_equal(intid, 1);
	/* SGI 5 to {0, 1} from 0, and to everyone else (IRM). */
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (5ull << 24) | 3, true, &intid), 3);
	assert_int_equal(intid, 5);
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], 1ull << 40, true, &intid), 2);
	/* A different Aff1 names nobody; an OFF vCPU gets nothing. */
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (1ull << 16) | 3, true, &intid), 0);
	vm.vcpus[1].state = VCPU_OFF;
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], 3, true, &intid), 1);
}

/* ICC_SGI0R_EL1 / ICC_ASGI1R_EL1 (a Group 0 request) raise an SGI only where the target
 * has it in Group 0; ICC_SGI1R_EL1 whatever its group (one security state, GICD_CTLR.DS). */
static void sgi_groups(void **state)
{
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
		vm.vcpus[i].state = VCPU_RUNNABLE;
	}
	vm.vcpus[0].arch.vgic.group = 1u << 3; /* SGI 3: Group 1 on vCPU 0, Group 0 on vCPU 1 */
	vm.vcpus[1].arch.vgic.group = 0;
	unsigned intid;
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (3ull << 24) | 3, false, &intid), 2);
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (3ull << 24) | 3, true, &intid), 3);
	vm.vcpus[1].arch.vgic.group = 1u << 3;
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (3ull << 24) | 3, false, &intid), 0);
	assert_int_equal(vgic_sgi_targets(&vm.vcpus[0], (2ull << 24) | 3, false, &intid), 3);
}

/* SPIs (Arm IHI 0069 §12.9): distributor registers, routing, and delivery of a device's
 * level-sensitive line through a list register, as the PL011's SPI 1 (INTID 33) uses it. */
static void spi_registers_and_routing(void **state)
{
	for (unsigned i = 0; i < 2; i++)
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
	wr(GICD, 0x104, 4, 1u << 1);                    /* ISENABLER1: INTID 33 */
	assert_int_equal(rd(GICD, 0x104, 4), 1u << 1);
	wr(GICD, 0x184, 4, 1u << 1);                    /* ICENABLER1 */
	assert_int_equal(rd(GICD, 0x104, 4), 0);
	wr(GICD, 0x421, 1, 0xa0);                       /* IPRIORITYR: INTID 33 */
	assert_int_equal(rd(GICD, 0x420, 4), 0xa000);
	wr(GICD, 0xc08, 4, 2u << 2);                    /* ICFGR2: INTID 33 edge */
	assert_int_equal(rd(GICD, 0xc08, 4), 2u << 2);
	wr(GICD, 0x6000 + 8 * 33, 8, 1);                /* IROUTER33: Aff0 1 */
	assert_int_equal(rd(GICD, 0x6000 + 8 * 33, 8), 1);
	assert_int_equal(vgic_spi_target(&vm, 33), 1);
	wr(GICD, 0x6000 + 8 * 33, 4, 1u << 31);         /* IRM: 1 of N */
	assert_int_equal(vgic_spi_target(&vm, 33), 0);
	wr(GICD, 0x6000 + 8 * 33, 8, 7);                /* no such vCPU */
	assert_int_equal(vgic_spi_target(&vm, 33), 2);
	assert_int_equal(rd(GICD, 0x0104, 4), 0);       /* SGI/PPI half (index 0) is not here */
}

static void spi_level_delivery(void **state)
{
	struct vcpu *v0 = &vm.vcpus[0];
	for (unsigned i = 0; i < 2; i++)
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
	wr(GICD, 0x0, 4, 2);                            /* GICD_CTLR.EnableGrp1 */
	wr(GICD, 0x084, 4, 1u << 1);                    /* group 1 */
	vgic_spi_line(&vm, 33, true);
	vgic_spi_sync(v0);
	assert_true(v0->arch.vgic.lr[0] == 0);          /* not enabled: held back */
	assert_int_equal(rd(GICD, 0x204, 4), 1u << 1);  /* but pending (level high) */
	wr(GICD, 0x104, 4, 1u << 1);
	vgic_spi_sync(v0);
	assert_int_equal(v0->arch.vgic.lr[0] & 0xffffffffu, 33);
	assert_true(v0->arch.vgic.lr[0] & (1ull << 62)); /* pending */
	vgic_spi_sync(&vm.vcpus[1]);                    /* routed to vCPU 0 only */
	assert_true(vm.vcpus[1].arch.vgic.lr[0] == 0);
	/* Acknowledged (active), the line still high: pending again for after the EOI. */
	v0->arch.vgic.lr[0] = (v0->arch.vgic.lr[0] & ~(3ull << 62)) | (1ull << 63);
	vgic_spi_sync(v0);
	assert_true((v0->arch.vgic.lr[0] >> 62) == 3);
	assert_int_equal(rd(GICD, 0x304, 4), 1u << 1);  /* ISACTIVER1 */
	/* The line drops before the handler is done: the pending part goes. */
	vgic_spi_line(&vm, 33, false);
	vgic_spi_sync(v0);
	assert_true((v0->arch.vgic.lr[0] >> 62) == 2);
	wr(GICD, 0x384, 4, 1u << 1);                    /* ICACTIVER1 */
	assert_true((v0->arch.vgic.lr[0] >> 62) == 0);
}

static void spi_edge_delivery(void **state)
{
	struct vcpu *v0 = &vm.vcpus[0];
	wr(GICD, 0x0, 4, 2);
	wr(GICD, 0x084, 4, 1u << 2);
	wr(GICD, 0x104, 4, 1u << 2);                    /* INTID 34 */
	wr(GICD, 0xc08, 4, 2u << 4);                    /* edge */
	vgic_spi_line(&vm, 34, true);                   /* rising edge: latched */
	vgic_spi_line(&vm, 34, false);
	vgic_spi_sync(v0);
	assert_int_equal(v0->arch.vgic.lr[0] & 0xffffffffu, 34);
	v0->arch.vgic.lr[0] = 0;                        /* taken and ended */
	vgic_spi_sync(v0);
	assert_true(v0->arch.vgic.lr[0] == 0);          /* once per edge */
	wr(GICD, 0x204, 4, 1u << 2);                    /* ISPENDR1 latches one too */
	vgic_spi_sync(v0);
	assert_int_equal(v0->arch.vgic.lr[0] & 0xffffffffu, 34);
	wr(GICD, 0x284, 4, 1u << 2);                    /* ICPENDR1 takes it back */
	assert_true((v0->arch.vgic.lr[0] >> 62) == 0);
}

/* Found by the fuzz target arm64_vgic (tests/fuzz/arm64_vgic.c): vgic_wants_intid shifted
 * 1u by the INTID before checking it is below 32 (INTID 115: undefined behaviour, which
 * UBSan stops on). An SPI or LPI number is simply not wanted. */
static void wants_intid_out_of_range(void **state)
{
	wr(GICD, 0, 4, 2);                        /* group 1 on */
	wr(GICR, SGI + 0x80, 4, ~0u);             /* every SGI/PPI group 1 */
	wr(GICR, SGI + 0x100, 4, ~0u);            /* ... and enabled */
	assert_true(vgic_wants_intid(&vm.vcpus[0], 31));
	assert_false(vgic_wants_intid(&vm.vcpus[0], 32));
	assert_false(vgic_wants_intid(&vm.vcpus[0], 115));
	assert_false(vgic_wants_intid(&vm.vcpus[0], ~0u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(devices_at_virt_addresses, setup),
		cmocka_unit_test_setup(redistributor_frames_per_vcpu, setup),
		cmocka_unit_test_setup(wake_handshake, setup),
		cmocka_unit_test_setup(vtimer_wanted_only_when_enabled, setup),
		cmocka_unit_test_setup(pending_and_active_state, setup),
		cmocka_unit_test_setup(sgi_groups, setup),
		cmocka_unit_test_setup(spi_registers_and_routing, setup),
		cmocka_unit_test_setup(spi_level_delivery, setup),
		cmocka_unit_test_setup(spi_edge_delivery, setup),
		cmocka_unit_test_setup(sgi_targets, setup),
		cmocka_unit_test_setup(wants_intid_out_of_range, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
