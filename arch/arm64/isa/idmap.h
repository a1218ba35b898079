/* The identity map both arm64 start-up paths turn on (payloads at EL1, testvisor at EL2):
 * 1 GiB blocks over a 39-bit address space, Device-nGnRnE below `first_normal` (QEMU
 * virt's MMIO lives in the first GiB), Normal write-back above. Needed because with the
 * MMU off all memory is Device type and newlib's unaligned accesses fault. */
#ifndef ARM64_IDMAP_H
#define ARM64_IDMAP_H

#include <stdbool.h>
#include <stdint.h>

#define IDMAP_ENTRIES 512
#define IDMAP_MAIR (0x00ull | (0xffull << 8)) /* attr0 Device-nGnRnE, attr1 Normal WB RAWA */
/* TCR_ELx fields both regimes share: T0SZ 25 (39-bit VA, walk from level 1), inner and
 * outer write-back write-allocate walks, inner shareable, 4 KiB granule, bit 23 set
 * (EPD1 at EL1: no TTBR1 walks; RES1 at EL2). The PA size field differs per EL. */
#define IDMAP_TCR_COMMON (25ull | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23))

/* Fills a level-1 table; `device_xn` are the execute-never bits of the EL's format. */
static inline void idmap_fill(uint64_t l1[IDMAP_ENTRIES], uint64_t first_normal, uint64_t device_xn)
{
	for (uint64_t i = 0; i < IDMAP_ENTRIES; i++) {
		uint64_t pa = i << 30;
		bool normal = pa >= (first_normal & ~((1ull << 30) - 1));
		/* Block, AF, inner shareable, AttrIndx 1 (Normal) or 0 (Device). */
		l1[i] = pa | 1 | (1ull << 10) | (3ull << 8) | (normal ? 1ull << 2 : device_xn);
	}
}

#endif
