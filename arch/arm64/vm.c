/* A VM on arm64: its configuration (PSCI version, CPU view), stage 2, platform devices,
 * the control values it runs with, and vCPU 0's boot state (Linux Image protocol). */
#include <stdio.h>
#include <string.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <arm64/platform.h>
#include <arm64/smccc.h>
#include "arm64.h"
#include "stage2.h"

#define DEFAULT_PSCI_VERSION PSCI_VERSION_OF(1, 1) /* what QEMU virt offers */

void arch_vcpu_forget_vm(struct vm *vm);

bool arch_virt_probe(char *why, size_t len)
{
	if (current_el() != 2) {
		snprintf(why, len, "testvisor runs at EL%u, not EL2 (QEMU: virtualization=on)",
			 current_el());
		return false;
	}
	/* QEMU honours semihosting from EL1 too, and no EL2 trap exists for it under TCG: with
	 * it on, a guest could end the whole machine. */
	if (semihosting_enabled()) {
		snprintf(why, len, "QEMU semihosting is on, and a guest could end the machine "
			 "through it (HLT #0xf000 cannot be trapped): start QEMU without -semihosting");
		return false;
	}
	gic_host_init();
	return true;
}

uint64_t cpu_host_features(void);

#define DBG_NUMBERS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) \
	X(12) X(13) X(14) X(15)

static void disarm_breakpoint(unsigned n)
{
	switch (n) {
#define DISARM_BP(i) case i: write_sysreg(dbgbcr##i##_el1, 0); break;
	DBG_NUMBERS(DISARM_BP)
#undef DISARM_BP
	}
}

static void disarm_watchpoint(unsigned n)
{
	switch (n) {
#define DISARM_WP(i) case i: write_sysreg(dbgwcr##i##_el1, 0); break;
	DBG_NUMBERS(DISARM_WP)
#undef DISARM_WP
	}
}

/* Each VM starts with a quiet PMU and no breakpoints or watchpoints armed: these are not
 * switched per vCPU (docs/arm64.md), so at least nothing leaks from the previous VM. */
static void reset_shared_state(void)
{
	if (cpu_host_features() & FEAT_BIT(FEAT_PMUV3)) {
		write_sysreg(pmcr_el0, (1ull << 1) | (1ull << 2)); /* E=0, reset all counters */
		write_sysreg(pmcntenclr_el0, ~0ull);
		write_sysreg(pmintenclr_el1, ~0ull);
		write_sysreg(pmovsclr_el0, ~0ull);
		write_sysreg(pmuserenr_el0, 0);
	}
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned brps = (unsigned)((dfr0 >> 12) & 0xf) + 1, wrps = (unsigned)((dfr0 >> 20) & 0xf) + 1;
	for (unsigned i = 0; i < brps; i++)
		disarm_breakpoint(i);
	for (unsigned i = 0; i < wrps; i++)
		disarm_watchpoint(i);
	isb();
}

int arch_vm_init(struct vm *vm)
{
	const char *psci = vm_config_get(&vm->cfg, "psci");
	vm->arch.psci_version = DEFAULT_PSCI_VERSION;
	if (psci && !psci_version_parse(psci, &vm->arch.psci_version)) {
		printf("testvisor: guest %s: psci=%s is not one of 0.2 1.0 1.1 1.2 1.3\n",
		       vm->cfg.name, psci);
		return -22;
	}
	/* Bare QEMU virt answers an access with nothing behind it with a synchronous External
	 * abort; unmapped=stop stops the guest instead, for debugging. */
	const char *unmapped = vm_config_get(&vm->cfg, "unmapped");
	vm->arch.unmapped_stop = unmapped && !strcmp(unmapped, "stop");
	if (unmapped && !vm->arch.unmapped_stop && strcmp(unmapped, "sea")) {
		printf("testvisor: guest %s: unmapped=%s is not one of sea stop\n", vm->cfg.name,
		       unmapped);
		return -22;
	}
	if (arm64_step_configure(vm))
		return -22;
	char err[120];
	if (cpu_view_init(vm, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return -22;
	}
	reset_shared_state();
	vm->arch.vmid = vm->id % 255 + 1;
	if (stage2_init(vm))
		return -12;
	vm->boot_data_ipa = vm->ram_ipa;
	vm->boot_data_size = GUEST_BOOT_DATA_SIZE;
	/* SPI 1 (INTID 33), as virt wires its PL011 (hw/arm/virt.c: VIRT_UART's irq 1). */
	struct device_desc uart = { "pl011", DEV_MMIO, VIRT_PL011_BASE, VIRT_PL011_SIZE, &pl011_ops,
				    VGIC_SPI_BASE + 1 };
	vm->irq_line = vgic_spi_line;
	if (vm_add_device(vm, &uart))
		return -12;
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		vm->vcpus[i].arch.vmpidr = (1ull << 31) | i;
	if (vgic_init(vm))
		return -12;
	return 0;
}

void arch_vm_destroy(struct vm *vm)
{
	tick_arm(0);
	arch_vcpu_forget_vm(vm);
	stage2_destroy(vm);
}

int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	struct vm *vm = vcpu->vm;
	if (guest_fdt_build(vm))
		return -7;
	vcpu_reset(vcpu, ipa_addr(entry), ipa_addr(vm->boot_data_ipa) + GUEST_DTB_OFFSET);
	return 0;
}
