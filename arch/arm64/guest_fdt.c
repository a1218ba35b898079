/* The DTB a guest gets in x0: QEMU virt's (hw/arm/virt.c, hw/arm/boot.c) for every device
 * testvisor presents: memory, cpus with their cpu-map, PSCI with its conduit, version and
 * function ids, PL011 with its clock, timer, GICv3, chosen, aliases. What it leaves out
 * and why: tests/dtb/arm64.rules, checked against QEMU's by tests/dtb-compare.sh. */
#include <stdio.h>
#include <fdt.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/smccc.h>
#include <arm64/vgic.h>
#include "arm64.h"

#define GIC_PHANDLE 1
#define CLOCK_PHANDLE 2
#define CPU_PHANDLE(i) (3 + (i))
#define GIC_SPI 0
#define GIC_PPI 1
#define IRQ_LEVEL_HIGH 4

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
	fdt_prop_empty(&w, "dma-coherent");

	fdt_begin_node(&w, "psci");
	static const char *const psci_1_0[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL };
	fdt_prop_strings(&w, "compatible",
			 vm->arch.psci_version >= PSCI_VERSION_OF(1, 0) ? psci_1_0 : psci_1_0 + 1);
	fdt_prop_string(&w, "method", "hvc");
	/* The PSCI 0.1 binding's function ids, which QEMU always gives (SMC64 where there is
	 * one). */
	fdt_prop_u32(&w, "cpu_suspend", PSCI_FN_CPU_SUSPEND | SMCCC_FN64);
	fdt_prop_u32(&w, "cpu_off", PSCI_FN_CPU_OFF);
	fdt_prop_u32(&w, "cpu_on", PSCI_FN_CPU_ON | SMCCC_FN64);
	fdt_prop_u32(&w, "migrate", PSCI_FN_MIGRATE | SMCCC_FN64);
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
		fdt_prop_u32(&w, "phandle", CPU_PHANDLE(i));
		fdt_end_node(&w);
	}
	/* One socket, one cluster, a core per vCPU, as QEMU's -smp N. */
	fdt_begin_node(&w, "cpu-map");
	fdt_begin_node(&w, "socket0");
	fdt_begin_node(&w, "cluster0");
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		snprintf(name, sizeof(name), "core%u", i);
		fdt_begin_node(&w, name);
		fdt_prop_u32(&w, "cpu", CPU_PHANDLE(i));
		fdt_end_node(&w);
	}
	fdt_end_node(&w);
	fdt_end_node(&w);
	fdt_end_node(&w);
	fdt_end_node(&w);

	/* The PL011's clock (QEMU: 24 MHz fixed clock "clk24mhz"), which Linux's AMBA bus
	 * needs to probe it. */
	fdt_begin_node(&w, "apb-pclk");
	fdt_prop_string(&w, "compatible", "fixed-clock");
	fdt_prop_u32(&w, "#clock-cells", 0);
	fdt_prop_u32(&w, "clock-frequency", 24000000);
	fdt_prop_string(&w, "clock-output-names", "clk24mhz");
	fdt_prop_u32(&w, "phandle", CLOCK_PHANDLE);
	fdt_end_node(&w);

	snprintf(name, sizeof(name), "pl011@%lx", (unsigned long)VIRT_PL011_BASE);
	fdt_begin_node(&w, name);
	static const char *const pl011[] = { "arm,pl011", "arm,primecell", NULL };
	static const char *const pl011_clocks[] = { "uartclk", "apb_pclk", NULL };
	fdt_prop_strings(&w, "compatible", pl011);
	reg64(&w, VIRT_PL011_BASE, VIRT_PL011_SIZE);
	uint32_t clocks[2] = { CLOCK_PHANDLE, CLOCK_PHANDLE };
	fdt_prop_cells(&w, "clocks", clocks, 2);
	uint32_t uart_irq[3] = { GIC_SPI, 1, IRQ_LEVEL_HIGH };
	fdt_prop_cells(&w, "interrupts", uart_irq, 3);
	fdt_prop_strings(&w, "clock-names", pl011_clocks);
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
	static const char *const timer[] = { "arm,armv8-timer", "arm,armv7-timer", NULL };
	fdt_prop_strings(&w, "compatible", timer);
	/* Secure and non-secure physical, virtual, hypervisor timers: PPIs 13, 14, 11, 10. */
	uint32_t irqs[12] = { GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
			      GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH };
	fdt_prop_cells(&w, "interrupts", irqs, 12);
	fdt_prop_empty(&w, "always-on");
	fdt_end_node(&w);

	snprintf(name, sizeof(name), "/pl011@%lx", (unsigned long)VIRT_PL011_BASE);
	fdt_begin_node(&w, "chosen");
	if (vm->cfg.args[0]) /* QEMU leaves bootargs out for an empty command line */
		fdt_prop_string(&w, "bootargs", vm->cfg.args);
	fdt_prop_string(&w, "stdout-path", name);
	if (vm->initrd) {
		fdt_prop_u64(&w, "linux,initrd-start", ipa_addr(vm->initrd_ipa));
		fdt_prop_u64(&w, "linux,initrd-end", ipa_addr(vm->initrd_ipa) + vm->initrd_size);
	}
	fdt_end_node(&w);

	fdt_begin_node(&w, "aliases");
	fdt_prop_string(&w, "serial0", name);
	fdt_end_node(&w);

	fdt_end_node(&w);
	return fdt_finish(&w) ? 0 : -1;
}
