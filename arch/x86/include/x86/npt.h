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
bool npt_lookup(paddr_t root, ipaddr_t ipa, paddr_t *pa);
/* Frees every table page of the hierarchy. */
void npt_free(paddr_t root);

#endif
