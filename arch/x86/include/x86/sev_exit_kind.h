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

#endif
