/* Per-VM SVM state: ASID, nested page tables, MSR/I/O permission maps, the emulated PC
 * devices and the VM's CPU view (configuration). */
#include <x86/debug_trace.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <cpu.h>
#include <x86/cpu_view.h>
#include <x86/guest_boot.h>
#include <x86/sev.h>
#include <x86/sev_policy.h>
#include <x86/svm.h>

#define MSRPM_PAGES 2
#define IOPM_PAGES 3
#define MAX_ASIDS 256

static uint8_t asid_used[MAX_ASIDS / 8];

unsigned asid_alloc(void)
{
	return asid_alloc_in(1, svm_caps.nr_asids - 1);
}

unsigned asid_alloc_in(unsigned first, unsigned last)
{
	unsigned limit = svm_caps.nr_asids < MAX_ASIDS ? svm_caps.nr_asids : MAX_ASIDS;
	for (unsigned a = first ? first : 1; a <= last && a < limit; a++) {
		if (!(asid_used[a / 8] & (1u << (a % 8)))) {
			asid_used[a / 8] |= (uint8_t)(1u << (a % 8));
			return a;
		}
	}
	return 0;
}

void asid_free(unsigned asid)
{
	if (asid && asid < MAX_ASIDS)
		asid_used[asid / 8] &= (uint8_t)~(1u << (asid % 8));
}

/* The PC devices a payload finds on QEMU q35 and uses: COM1 (on ISA IRQ 4, as QEMU wires
 * it: hw/char/serial-isa.c isa_serial_irq), isa-debug-exit, fw_cfg's selector (0x510) and
 * data (0x511) ports (its DMA port, 0x514, is not offered), the I/O APIC, and the 8254
 * PIT with port 0x61 (x86/pit.h; channel 0 on ISA IRQ 0, polled in vapic.c), and the two
 * 8259s' registers (x86/pic8259.h: no interrupt goes through them). */
#define COM1_ISA_IRQ 4
static const struct device_desc pc_devices[] = {
	{ "com1", DEV_PIO, COM1_PORT, 8, &uart16550_ops, COM1_ISA_IRQ },
	{ "ioapic", DEV_MMIO, IOAPIC_BASE_ADDR, IOAPIC_MMIO_SIZE, &ioapic_ops },
	{ "isa-debug-exit", DEV_PIO, DEBUG_EXIT_PORT, 4, &isa_debug_exit_ops },
	{ "fw_cfg", DEV_PIO, 0x510, 2, &fw_cfg_ops },
	{ "pit", DEV_PIO, PIT_PORT_BASE, 4, &pit_ops },
	{ "port61", DEV_PIO, PIT_PORT_B, 1, &pit_ops },
	{ "pic-master", DEV_PIO, PIC_MASTER_PORT, 2, &pic8259_ops },
	{ "pic-slave", DEV_PIO, PIC_SLAVE_PORT, 2, &pic8259_ops },
};

static paddr_t alloc_intercept_all(size_t pages)
{
	paddr_t pa = hv_alloc_pages(pages, 1);
	if (pa_addr(pa))
		memset(ptr_from_pa(pa), 0xff, pages * PAGE_SIZE);
	return pa;
}

static int arch_vm_init_parts(struct vm *vm);

/* An SEV-ES/SNP guest's emulated device pages get nested entries with reserved bits (the
 * shared view, without the C-bit): on hardware its MMIO is then an NPF with RSVD, which
 * the CPU raises as #VC in the guest (sev_npf_is_automatic), as KVM's MMIO entries do for
 * SEV-ES guests (svm_adjust_mmio_mask). Any other guest's device pages stay unmapped: a
 * not-present NPF testvisor emulates (mmio.c). */
static int map_device_pages(struct vm *vm)
{
	uint64_t reserved = vm->arch.sev.mmio_npt_reserved;
	if (!sev_active(&vm->arch.sev) || !reserved)
		return 0;
	for (unsigned i = 0; i < vm->nr_devices; i++) {
		const struct device_desc *d = &vm->devices[i].desc;
		if (d->space != DEV_MMIO)
			continue;
		for (uint64_t g = d->base & ~(PAGE_SIZE - 1); g < d->base + d->size; g += PAGE_SIZE)
			if (npt_set_reserved(&vm->arch.npt_root, ipa_init(g), reserved))
				return -1;
	}
	return 0;
}

int arch_vm_init(struct vm *vm)
{
	struct arch_vm *a = &vm->arch;
	memset(a, 0, sizeof(*a));
	int rc = arch_vm_init_parts(vm);
	if (rc)
		arch_vm_destroy(vm);
	return rc;
}

static int arch_vm_init_parts(struct vm *vm)
{
	struct arch_vm *a = &vm->arch;
	a->asid = asid_alloc();
	if (!a->asid)
		return -1;
	a->intercepts = svm_default_intercepts;
	/* Every MSR and port exits: the guest sees exactly the platform testvisor models. */
	a->msrpm = alloc_intercept_all(MSRPM_PAGES);
	a->iopm = alloc_intercept_all(IOPM_PAGES);
	if (!pa_addr(a->msrpm) || !pa_addr(a->iopm))
		return -2;
	ioapic_reset(&a->ioapic);
	pit_reset(&a->pit);
	pic8259_reset(&a->pic[0], true);
	pic8259_reset(&a->pic[1], false);
	vm->irq_line = vapic_irq_line;
	for (size_t i = 0; i < sizeof(pc_devices) / sizeof(pc_devices[0]); i++)
		if (vm_add_device(vm, &pc_devices[i]))
			return -3;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		x2apic_reset(&vm->vcpus[i].arch.apic, i);
		vm->vcpus[i].arch.wait_for_sipi = false;
		vm->vcpus[i].arch.nmi_blocked = vm->vcpus[i].arch.nmi_iret = false;
	}
	char err[120];
	if (cpu_view_configure(&vm->cfg, &a->cpuid_hidden, err, sizeof(err)) ||
	    sev_vm_configure(vm, err, sizeof(err))) {
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
		return -4;
	}
	if (map_device_pages(vm))
		return -2;
	const char *boot_data = vm_config_get(&vm->cfg, "mb_boot_data");
	if (boot_data && strcmp(boot_data, "reserved") && strcmp(boot_data, "available")) {
		printf("testvisor: guest %s: mb_boot_data must be reserved or available, not '%s'\n",
		       vm->cfg.name, boot_data);
		return -4;
	}
	a->boot_data_available = boot_data && !strcmp(boot_data, "available");
	if (!svm_break_configure(vm) || !svm_trace_configure(vm))
		return -4;
	/* Nothing is kept back from the image: the boot data goes where the loaded image
	 * leaves room (arch_vcpu_init). */
	vm->boot_data_ipa = ipa_init(0);
	vm->boot_data_size = 0;
	return 0;
}

void arch_vm_destroy(struct vm *vm)
{
	struct arch_vm *a = &vm->arch;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct arch_vcpu *v = &vm->vcpus[i].arch;
		if (v->insn_len_nrip || v->insn_len_decoded)
			printf("testvisor: x86: guest %s: vCPU %u: instruction lengths from nRIP %lu, "
			       "decoded %lu\n", vm->cfg.name, i, (unsigned long)v->insn_len_nrip,
			       (unsigned long)v->insn_len_decoded);
		if (v->vmcb)
			hv_free_pages(v->vmcb_pa, 1);
		if (v->fpu)
			hv_free_pages(pa_from_ptr(v->fpu), 1);
		v->vmcb = NULL;
		v->fpu = NULL;
	}
	sev_vm_destroy(vm);
	npt_free(a->npt_root);
	if (pa_addr(a->msrpm))
		hv_free_pages(a->msrpm, MSRPM_PAGES);
	if (pa_addr(a->iopm))
		hv_free_pages(a->iopm, IOPM_PAGES);
	asid_free(a->asid);
	memset(a, 0, sizeof(*a));
}

/* Guest RAM for an SEV guest of the emulated backend is mapped twice: at its address and
 * at its address with the C-bit, as the CPU strips the C-bit before the nested walk. An
 * SNP guest's view without the C-bit starts empty: its pages are private, and a private
 * page accessed with the C-bit clear is an RMP violation on hardware (APM vol. 2 §15.36);
 * page-state changes and PVALIDATE move a page between the views (svm_snp_views). */
int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	const struct sev_vm *s = &vm->arch.sev;
	int rc = s->type == SEV_GUEST_SNP && s->cbit_mask ? 0 :
		 npt_map(&vm->arch.npt_root, ipa, pa, len, prot);
	if (!rc && s->cbit_mask)
		rc = npt_map(&vm->arch.npt_root, ipa_init(ipa_addr(ipa) | s->cbit_mask), pa, len, prot);
	return rc;
}

bool svm_snp_views(struct vm *vm, uint64_t gpa, bool without_cbit, bool with_cbit)
{
	const struct sev_vm *s = &vm->arch.sev;
	if (!s->cbit_mask)
		return true;
	paddr_t hpa = pa_init(pa_addr(vm->ram_pa) + gpa);
	if (npt_set_page(vm->arch.npt_root, ipa_init(gpa), hpa, without_cbit, PROT_RWX) ||
	    npt_set_page(vm->arch.npt_root, ipa_init(gpa | s->cbit_mask), hpa, with_cbit, PROT_RWX))
		return false;
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i].arch.vmcb)
			vm->vcpus[i].arch.vmcb->control.tlb_control = TLB_CONTROL_FLUSH_ALL;
	return true;
}
