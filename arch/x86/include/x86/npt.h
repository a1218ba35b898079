/* Nested page tables (arch/x86/svm/npt.c): 4-level, 2 MiB pages where both addresses and
 * the length allow, 4 KiB otherwise; tables come from testvisor's page allocator. */
#ifndef X86_NPT_H
#define X86_NPT_H

#include <stdbool.h>
#include <stddef.h>
#include <hv/addr.h>

/* Maps [ipa, ipa + len) to [pa, pa + len) with PROT_* rights; allocates the root on first
 * use. 0, -1 out of memory / overlapping a large page, -2 unaligned. */
int npt_map(paddr_t *root, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot);
/* One 4 KiB page of guest-physical `ipa` mapped to `pa` (present) or unmapped, a 2 MiB
 * mapping around it split first. 0, or < 0 without memory. The caller flushes the TLB. */
int npt_set_page(paddr_t root, ipaddr_t ipa, paddr_t pa, bool present, unsigned prot);
/* The reserved address bits of a nested entry on a CPU with `phys_bits` of physical
 * address, `reduction` of them taken by memory encryption (0 where it is off) and its
 * C-bit at `cbit` (64: none); 0 when the CPU has none (MAXPHYADDR 52). */
uint64_t npt_reserved_bits(unsigned phys_bits, unsigned reduction, unsigned cbit);
/* A present, writable, not executable leaf without an address and with `reserved` set:
 * any access through it is a nested page fault with RSVD (EXITINFO1 bit 3). 0 when
 * `reserved` is 0. */
uint64_t npt_reserved_entry(uint64_t reserved);
/* One 4 KiB page of guest-physical `ipa` mapped by npt_reserved_entry(reserved),
 * allocating the root on first use. 0; -1 without memory; -2 unaligned or `reserved`
 * outside the address field. The caller flushes the TLB. */
int npt_set_reserved(paddr_t *root, ipaddr_t ipa, uint64_t reserved);
bool npt_lookup(paddr_t root, ipaddr_t ipa, paddr_t *pa);
/* Frees every table page of the hierarchy. */
void npt_free(paddr_t root);

#endif
