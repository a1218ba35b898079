/* The DTB a guest gets in x0: the same shape as QEMU virt's for what payloads use
 * (memory, cpus, PSCI with its conduit and version, PL011, timer, GICv3, bootargs). */
#include <stdio.h>
#include <fdt.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/smccc.h>
#include <arm64/vgic.h>
#include "arm64.h"

#define GIC_PHANDLE 1
#define GIC_PPI 1
#define IRQ_LEVEL_HIGH 4

static void string_list(struct fdt_writer *w, const char *name, const char *a, const char *b)
{
	char buf[96];
	int la = snprintf(buf, sizeof(buf), "%s", a) + 1;
	int lb = b ? snprintf(buf + la, sizeof(buf) - (size_t)la, "%s", b) + 1 : 0;
	fdt_prop(w, name, buf, (size_t)(la + lb));
}

static void reg64(struct fdt_writer *w, uint64_t base, uint64_t size)
{
	uint32_t c[4] = { (uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32), (uint32_t)size };
	fdt_prop_cells(w, "reg", c, 4);
}

int guest_fdt_build(struct vm *vm)
{
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, vm->boot_data_ipa, vm->boot_data_size, &pa))
		return -1;
	struct fdt_writer w;
	char name[48];
	fdt_begin(&w, ptr_from_pa(pa), vm->boot_data_size);
	fdt_begin_node(&w, "");
	fdt_prop_u32(&w, "#address-cells", 2);
	fdt_prop_u32(&w, "#size-cells", 2);
	fdt_prop_string(&w, "compatible", "linux,dummy-virt");
	fdt_prop_string(&w, "model", "testvisor arm64 virt");
	fdt_prop_u32(&w, "interrupt-parent", GIC_PHANDLE);

	fdt_begin_node(&w, "psci");
	unsigned v = vm->arch.psci_version;
	string_list(&w, "compatible", v >= PSCI_VERSION_OF(1, 0) ? "arm,psci-1.0" : "arm,psci-0.2",
		    v >= PSCI_VERSION_OF(1, 0) ? "arm,psci-0.2" : NULL);
	fdt_prop_string(&w, "method", "hvc");
	fdt_end_node(&w);

	snprintf(name, sizeof(name), "memory@%lx", (unsigned long)ipa_addr(vm->ram_ipa));
	fdt_begin_node(&w, name);
	fdt_prop_string(&w, "device_type", "memory");
	reg64(&w, ipa_addr(vm->ram_ipa), vm->ram_size);
	fdt_end_node(&w);

	fdt_begin_node(&w, "cpus");
	fdt_prop_u32(&w, "#address-cells", 1);
	fdt_prop_u32(&w, "#size-cells", 0);
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		fdt_begin_node(&w, name);
		fdt_prop_string(&w, "device_type", "cpu");
		fdt_prop_string(&w, "compatible", "arm,arm-v8");
		fdt_prop_u32(&w, "reg", i);
		fdt_prop_string(&w, "enable-method", "psci");
		fdt_end_node(&w);
	}
	fdt_end_node(&w);

	snprintf(name, sizeof(name), "pl011@%lx", (unsigned long)VIRT_PL011_BASE);
	fdt_begin_node(&w, name);
	string_list(&w, "compatible", "arm,pl011", "arm,primecell");
	reg64(&w, VIRT_PL011_BASE, VIRT_PL011_SIZE);
	fdt_end_node(&w);

	/* GICv3 at virt's addresses: distributor, then one redistributor pair per vCPU. */
	snprintf(name, sizeof(name), "intc@%lx", (unsigned long)VIRT_GICD_BASE);
	fdt_begin_node(&w, name);
	fdt_prop_string(&w, "compatible", "arm,gic-v3");
	fdt_prop_u32(&w, "#interrupt-cells", 3);
	fdt_prop_empty(&w, "interrupt-controller");
	fdt_prop_u32(&w, "#redistributor-regions", 1);
	uint64_t gicr_size = VGIC_GICR_STRIDE * vm->nr_vcpus;
	uint32_t gic_reg[8] = { 0, (uint32_t)VIRT_GICD_BASE, 0, (uint32_t)VGIC_GICD_SIZE,
				0, (uint32_t)VIRT_GICR_BASE, 0, (uint32_t)gicr_size };
	fdt_prop_cells(&w, "reg", gic_reg, 8);
	fdt_prop_u32(&w, "phandle", GIC_PHANDLE);
	fdt_end_node(&w);

	fdt_begin_node(&w, "timer");
	fdt_prop_string(&w, "compatible", "arm,armv8-timer");
	/* Secure and non-secure physical, virtual, hypervisor timers: PPIs 13, 14, 11, 10. */
	uint32_t irqs[12] = { GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
			      GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH };
	fdt_prop_cells(&w, "interrupts", irqs, 12);
	fdt_prop_empty(&w, "always-on");
	fdt_end_node(&w);

	fdt_begin_node(&w, "chosen");
	fdt_prop_string(&w, "bootargs", vm->cfg.args);
	snprintf(name, sizeof(name), "/pl011@%lx", (unsigned long)VIRT_PL011_BASE);
	fdt_prop_string(&w, "stdout-path", name);
	fdt_end_node(&w);

	fdt_end_node(&w);
	return fdt_finish(&w) ? 0 : -1;
}
