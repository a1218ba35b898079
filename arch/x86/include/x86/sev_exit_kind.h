/* Which intercepts of an SEV-ES/SNP guest reach the hypervisor as #VMEXIT (automatic
 * exits) and which the CPU turns into a #VC exception inside the guest (non-automatic
 * exits, the guest's #VC handler then asks through the GHCB). AMD64 APM vol. 2 §15.35
 * "Encrypted State (SEV-ES)", "Types of Exits" (its list of automatic exits); pure,
 * host-tested. */
#ifndef X86_SEV_EXIT_KIND_H
#define X86_SEV_EXIT_KIND_H

#include <stdbool.h>
#include <stdint.h>

bool sev_exit_is_automatic(uint64_t exit_code);
/* A nested page fault is automatic unless EXITINFO1 has RSVD (bit 3): a reserved bit in
 * the nested entry, how a hypervisor marks emulated MMIO, makes it #VC (error code 0x400).
 * A not-present or protection NPF reaches the hypervisor. */
bool sev_npf_is_automatic(uint64_t exit_info1);

#endif
