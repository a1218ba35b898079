/* The G-stage (second-stage) translation, Sv39x4: a 16 KiB root of 2048 entries covers a
 * 41-bit guest-physical space, then two 4 KiB levels. Each VM has its own tables and
 * VMID, so a guest reaches nothing but its own RAM (anything else is a guest page fault,
 * handled as MMIO or reflected as an access fault). */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/loader.h>
#include <hv/vm.h>
#include <string.h>
#include <rv_dbtr.h>
#include <rv_debug.h>
#include <rv_host.h>
#include <rv_virt.h>

#define ROOT_PAGES 4
#define ROOT_ENTRIES 2048
#define LEVEL_ENTRIES 512
#define GPA_BITS 41
#define MEGAPAGE (2UL << 20)

static unsigned next_vmid = 1;

static uint64_t *table_of(uint64_t pte)
{
	return ptr_from_pa(pa_init((pte >> PTE_PPN_SHIFT) << 12));
}

static uint64_t pte_table(paddr_t pa) { return (pa_addr(pa) >> 12) << PTE_PPN_SHIFT | PTE_V; }

/* G-stage leaves are always U (guest accesses count as user), with A/D preset so no
 * A/D update faults happen in the second stage. */
static uint64_t pte_leaf(paddr_t pa, unsigned prot)
{
	uint64_t pte = (pa_addr(pa) >> 12) << PTE_PPN_SHIFT | PTE_V | PTE_U | PTE_A | PTE_D;
	if (prot & PROT_R)
		pte |= PTE_R;
	if (prot & PROT_W)
		pte |= PTE_W;
	if (prot & PROT_X)
		pte |= PTE_X;
	return pte;
}

int arch_vm_init(struct vm *vm)
{
	if (rv_sbi_configure(vm))
		return -1; /* a bad srst_reboot or srst_failure_status value */
	if (!rv_break_configure(vm))
		return -1;
	paddr_t root = hv_alloc_pages(ROOT_PAGES, ROOT_PAGES);
	if (!pa_addr(root))
		return -1;
	vm->arch.gstage_root = root;
	vm->arch.vmid = next_vmid++ & 0x3fff;
	/* The guest's DTB (64 KiB kept for it) where QEMU's virt puts an RV64 guest's: below
	 * the end of RAM, aligned down to 2 MiB (hw/riscv/boot.c riscv_compute_fdt_addr). */
	vm->boot_data_size = 64 * 1024;
	vm->boot_data_ipa = ipa_init(dtb_placement_top(ARCH_GUEST_RAM_BASE, vm->cfg.mem_size, vm->boot_data_size));
	static const struct device_desc devices[] = {
		{ "ns16550", DEV_MMIO, 0x10000000, 0x100, &uart16550_ops, VPLIC_UART_IRQ },
		{ "sifive-test", DEV_MMIO, 0x100000, 0x1000, &sifive_test_ops },
		{ "plic", DEV_MMIO, VPLIC_BASE, VPLIC_SIZE, &vplic_ops },
		{ "goldfish-rtc", DEV_MMIO, 0x101000, 0x1000, &goldfish_rtc_ops, VPLIC_RTC_IRQ },
	};
	vm->wallclock_ns = rv_wallclock_ns;
	memset(&vm->arch.plic, 0, sizeof(vm->arch.plic));
	vm->irq_line = vplic_line;
	for (unsigned i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (vm_add_device(vm, &devices[i]))
			return -2;
	return 0;
}

static void free_level(uint64_t *table, unsigned entries, int level)
{
	for (unsigned i = 0; i < entries; i++) {
		uint64_t pte = table[i];
		if ((pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X)) && level > 0) {
			free_level(table_of(pte), LEVEL_ENTRIES, level - 1);
			hv_free_pages(pa_from_ptr(table_of(pte)), 1);
		}
	}
}

void arch_vm_destroy(struct vm *vm)
{
	rv_break_release(vm);
	/* The guest's own SBI DBTR triggers: nothing of it stays on the hart. */
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		rv_dbtr_unload(&vm->vcpus[i]);
	if (!pa_addr(vm->arch.gstage_root))
		return;
	free_level(ptr_from_pa(vm->arch.gstage_root), ROOT_ENTRIES, 2);
	hv_free_pages(vm->arch.gstage_root, ROOT_PAGES);
	vm->arch.gstage_root = pa_init(0);
	/* Stale translations of this VMID must not survive into the next VM reusing it, and
	 * the hart must not keep pointing at freed tables. */
	csr_write(hgatp, 0);
	__asm__ volatile(".option push\n.option arch, +h\nhfence.gvma zero, zero\n.option pop" ::: "memory");
}

/* The entry for `gpa` at `level` (2 = root), creating tables on the way. */
static uint64_t *walk(struct vm *vm, uint64_t gpa, int level)
{
	uint64_t *table = ptr_from_pa(vm->arch.gstage_root);
	for (int l = 2; l > level; l--) {
		unsigned idx = (gpa >> (12 + 9 * l)) & (l == 2 ? ROOT_ENTRIES - 1 : LEVEL_ENTRIES - 1);
		uint64_t *pte = &table[idx];
		if (!(*pte & PTE_V)) {
			paddr_t page = hv_alloc_pages(1, 1);
			if (!pa_addr(page))
				return NULL;
			*pte = pte_table(page);
		} else if (*pte & (PTE_R | PTE_W | PTE_X)) {
			return NULL; /* already a larger leaf */
		}
		table = table_of(*pte);
	}
	unsigned idx = (gpa >> (12 + 9 * level)) & (level == 2 ? ROOT_ENTRIES - 1 : LEVEL_ENTRIES - 1);
	return &table[idx];
}

int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	uint64_t gpa = ipa_addr(ipa);
	if (!IS_PAGE_ALIGNED(gpa) || !IS_PAGE_ALIGNED(pa_addr(pa)) || !IS_PAGE_ALIGNED(len) ||
	    gpa + len > (1UL << GPA_BITS) || gpa + len < gpa)
		return -1;
	while (len) {
		bool mega = !(gpa & (MEGAPAGE - 1)) && !(pa_addr(pa) & (MEGAPAGE - 1)) && len >= MEGAPAGE;
		size_t step = mega ? MEGAPAGE : PAGE_SIZE;
		uint64_t *pte = walk(vm, gpa, mega ? 1 : 0);
		if (!pte)
			return -2;
		*pte = pte_leaf(pa, prot);
		gpa += step;
		pa = pa_add(pa, step);
		len -= step;
	}
	return 0;
}

bool rv_gstage_translate(const struct vm *vm, ipaddr_t ipa, paddr_t *pa)
{
	uint64_t gpa = ipa_addr(ipa);
	if (gpa >> GPA_BITS)
		return false;
	const uint64_t *table = ptr_from_pa(vm->arch.gstage_root);
	for (int l = 2; l >= 0; l--) {
		unsigned idx = (gpa >> (12 + 9 * l)) & (l == 2 ? ROOT_ENTRIES - 1 : LEVEL_ENTRIES - 1);
		uint64_t pte = table[idx];
		if (!(pte & PTE_V))
			return false;
		if (pte & (PTE_R | PTE_W | PTE_X)) {
			uint64_t span = 1UL << (12 + 9 * l);
			*pa = pa_init(((pte >> PTE_PPN_SHIFT) << 12) + (gpa & (span - 1)));
			return true;
		}
		table = table_of(pte);
	}
	return false;
}

uint64_t rv_hgatp(const struct vm *vm)
{
	return HGATP_MODE_SV39X4 | (uint64_t)vm->arch.vmid << HGATP_VMID_SHIFT |
	       pa_addr(vm->arch.gstage_root) >> 12;
}
