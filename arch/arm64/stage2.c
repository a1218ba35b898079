/* Stage-2 translation: each VM's guest-physical space, 39-bit IPA with a level-1 root,
 * 4 KiB granule, 2 MiB blocks where alignment allows. Only what is mapped here is reachable
 * from the guest; anything else faults to EL2 (emulated device or isolation failure). */
#include <string.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <arm64/sysreg.h>
#include "stage2.h"

#define ENTRIES 512
#define DESC_VALID 1ull
#define DESC_TABLE 3ull
#define DESC_PAGE 3ull
#define DESC_BLOCK 1ull
#define S2_MEMATTR_NORMAL_WB (0xfull << 2)
#define S2_AP_R (1ull << 6)
#define S2_AP_W (1ull << 7)
#define S2_SH_INNER (3ull << 8)
#define S2_AF (1ull << 10)
#define S2_XN (2ull << 53)
#define ADDR_MASK 0x0000fffffffff000ull
#define SZ_2M (2ull << 20)
#define SZ_1G (1ull << 30)
#define IPA_BITS 39

uint64_t stage2_vtcr(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (parange > 5)
		parange = 5;
	/* T0SZ = 64 - 39, SL0 = 1 (start at level 1), WBWA inner shareable, 4 KiB granule. */
	return (64 - IPA_BITS) | (1ull << 6) | (1ull << 8) | (1ull << 10) | (3ull << 12) |
	       (parange << 16) | (1ull << 31);
}

static uint64_t *table_of(uint64_t desc) { return ptr_from_pa(pa_init(desc & ADDR_MASK)); }

static uint64_t *next_level(uint64_t *entry)
{
	if ((*entry & 3) == DESC_TABLE)
		return table_of(*entry);
	if (*entry & DESC_VALID)
		return NULL; /* a block is in the way */
	paddr_t t = hv_alloc_pages(1, 1);
	if (!pa_addr(t))
		return NULL;
	*entry = pa_addr(t) | DESC_TABLE;
	return ptr_from_pa(t);
}

static uint64_t leaf_attrs(unsigned prot)
{
	return S2_MEMATTR_NORMAL_WB | S2_SH_INNER | S2_AF | ((prot & PROT_R) ? S2_AP_R : 0) |
	       ((prot & PROT_W) ? S2_AP_W : 0) | ((prot & PROT_X) ? 0 : S2_XN);
}

int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	uint64_t a = ipa_addr(ipa), p = pa_addr(pa), end = a + len;
	if (!pa_addr(vm->arch.s2_root) || (a | p | len) & (PAGE_SIZE - 1) || end > (1ull << IPA_BITS))
		return -1;
	uint64_t *l1 = ptr_from_pa(vm->arch.s2_root);
	while (a < end) {
		uint64_t *l2 = next_level(&l1[(a >> 30) & (ENTRIES - 1)]);
		if (!l2)
			return -2;
		uint64_t *e2 = &l2[(a >> 21) & (ENTRIES - 1)];
		if (!((a | p) & (SZ_2M - 1)) && end - a >= SZ_2M && !(*e2 & DESC_VALID)) {
			*e2 = p | DESC_BLOCK | leaf_attrs(prot);
			a += SZ_2M, p += SZ_2M;
			continue;
		}
		uint64_t *l3 = next_level(e2);
		if (!l3)
			return -2;
		l3[(a >> 12) & (ENTRIES - 1)] = p | DESC_PAGE | leaf_attrs(prot);
		a += PAGE_SIZE, p += PAGE_SIZE;
	}
	dsb(ishst);
	return 0;
}

int stage2_init(struct vm *vm)
{
	vm->arch.s2_root = hv_alloc_pages(1, 1);
	return pa_addr(vm->arch.s2_root) ? 0 : -1;
}

static void free_level(uint64_t *table, unsigned level)
{
	for (unsigned i = 0; i < ENTRIES && level < 3; i++)
		if ((table[i] & 3) == DESC_TABLE) {
			free_level(table_of(table[i]), level + 1);
			hv_free_pages(pa_init(table[i] & ADDR_MASK), 1);
		}
}

void stage2_destroy(struct vm *vm)
{
	if (!pa_addr(vm->arch.s2_root))
		return;
	free_level(ptr_from_pa(vm->arch.s2_root), 1);
	hv_free_pages(vm->arch.s2_root, 1);
	vm->arch.s2_root = pa_init(0);
	/* The VMID may be reused: drop every stage-1 and stage-2 entry of EL1&0. */
	dsb(ishst);
	__asm__ volatile("tlbi alle1is" ::: "memory");
	dsb(ish);
	isb();
}

uint64_t stage2_vttbr(const struct vm *vm)
{
	return pa_addr(vm->arch.s2_root) | ((uint64_t)vm->arch.vmid << 48);
}
