/* The SNP page-state change descriptor a guest puts in its scratch area for the Page State
 * Change NAE event (SW_EXITCODE 0x8000_0010; GHCB specification "SNP Page State Change";
 * Linux struct snp_psc_desc; KVM snp_begin_psc): a header of cur_entry (16 bits),
 * end_entry (16 bits) and 32 reserved bits, then 64-bit entries: cur_page 11:0, GFN 51:12,
 * operation 55:52 (1 private, 2 shared), page size 56 (1: 2 MiB), reserved 63:57. The
 * hypervisor works from cur_entry to end_entry, moves cur_page to the entry's page count
 * and cur_entry past each entry it finished, and answers in SW_EXITINFO2. Pure logic,
 * host-tested (test_x86_snp_psc). */
#ifndef X86_SNP_PSC_H
#define X86_SNP_PSC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNP_PSC_HDR_SIZE 8u
#define SNP_PSC_ENTRY_SIZE 8u
#define SNP_PSC_MAX_ENTRIES 253u /* what the GHCB's shared buffer holds */
#define SNP_PSC_OP_PRIVATE 1u
#define SNP_PSC_OP_SHARED 2u
/* SW_EXITINFO2 of the answer (Linux sev-common.h VMGEXIT_PSC_ERROR_*). */
#define SNP_PSC_ERROR_GENERIC (0x100ull << 32)
#define SNP_PSC_ERROR_INVALID_HDR (1ull << 32 | 1)
#define SNP_PSC_ERROR_INVALID_ENTRY (1ull << 32 | 2)

/* One 4 KiB page to `op`; 0 done, else the change failed. */
typedef uint32_t (*snp_psc_page_fn)(void *ctx, uint64_t gfn, unsigned op);

/* Carries out the descriptor in `desc` (`len` bytes of scratch area), updating it in
 * place; the SW_EXITINFO2 to answer with. end_entry at or past the entries `len` holds (at
 * most SNP_PSC_MAX_ENTRIES): INVALID_HDR, nothing done; an entry whose cur_page exceeds its
 * page count or whose 2 MiB GFN is not 2 MiB aligned: INVALID_ENTRY, the entries before it
 * done; a page the change fails for: GENERIC. Entries with another operation are counted
 * done without a change (as KVM, which only converts to private and shared). */
uint64_t snp_psc_run(uint8_t *desc, size_t len, snp_psc_page_fn page, void *ctx);

#endif
