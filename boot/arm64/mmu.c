/* testvisor's own EL2 translation: an identity map in 1 GiB blocks, Device memory below
 * RAM (virt's MMIO lives in the first GiB) and Normal write-back memory above. Needed
 * because with the MMU off all memory is Device type and newlib's unaligned accesses
 * fault (PLATFORM-NOTES). */
#include <stdbool.h>
#include <stdint.h>
#include <arm64/sysreg.h>
#include "boot.h"

#define L1_ENTRIES 512
#define BLOCK_1G (1ull << 30)
#define DESC_BLOCK 0x1ull
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_XN (1ull << 54)
#define MAIR_DEVICE_IDX 0
#define MAIR_NORMAL_IDX 1
#define MAIR_VALUE (0x00ull | (0xffull << 8)) /* attr0 Device-nGnRnE, attr1 Normal WB RA WA */

/* TCR_EL2: T0SZ = 25 (39-bit VA, walk starts at level 1), WB WA caches, inner shareable. */
#define TCR_T0SZ 25ull
#define TCR_VALUE (TCR_T0SZ | (1ull << 8) | (1ull << 10) | (3ull << 12) | \
		   (1ull << 23) | (1ull << 31))
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

static uint64_t l1_table[L1_ENTRIES] __attribute__((aligned(4096)));

void mmu_init(uint64_t ram_base)
{
	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		uint64_t pa = (uint64_t)i * BLOCK_1G;
		bool normal = pa >= (ram_base & ~(BLOCK_1G - 1));
		l1_table[i] = pa | DESC_BLOCK | DESC_AF | DESC_SH_INNER |
			      (normal ? DESC_ATTR(MAIR_NORMAL_IDX) : DESC_ATTR(MAIR_DEVICE_IDX) | DESC_XN);
	}
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (parange > 5)
		parange = 5;
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_VALUE | (parange << 16));
	write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)l1_table);
	dsb(sy);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(sy);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}
