/* testvisor's own EL2 translation: the identity map of arch/arm64/isa/idmap.h. */
#include <stdbool.h>
#include <stdint.h>
#include <arm64/sysreg.h>
#include "boot.h"
#include <idmap.h>

#define TCR_EL2_RES1 (1ull << 31)
#define XN_EL2 (1ull << 54)
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

static uint64_t l1_table[IDMAP_ENTRIES] __attribute__((aligned(4096)));

void mmu_init(uint64_t ram_base)
{
	idmap_fill(l1_table, ram_base, XN_EL2);
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (parange > 5)
		parange = 5;
	write_sysreg(mair_el2, IDMAP_MAIR);
	write_sysreg(tcr_el2, IDMAP_TCR_COMMON | TCR_EL2_RES1 | (parange << 16));
	write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)l1_table);
	dsb(sy);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(sy);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}
