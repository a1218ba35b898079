/* How a hypervisor may deliver interrupts and exceptions to an SEV guest, by its type
 * and SEV_FEATURES; pure logic, host-tested (test_x86_sev_inject). docs/x86-sev.md
 * "Interrupts" gives each rule's source.
 * - SEV-ES, and SNP without Restricted or Alternate Injection: through the VMCB, as for
 *   any guest (EVENTINJ, V_IRQ), only the guest's IF is read from the VMCB's
 *   GUEST_INTERRUPT_MASK (offset 0x68 bit 1) since RFLAGS is in the VMSA.
 * - SNP with RestrictedInjection (SEV_FEATURES bit 3): only #HV (vector 28) may be
 *   injected; testvisor does not implement the #HV doorbell, so such a guest gets none.
 * - SNP with AlternateInjection (bit 4): the guest's own VMSA carries its injections
 *   (a VMPL above it injects); the hypervisor injects nothing (**assumption**: our
 *   reading of the feature, no source we could read states it). */
#ifndef X86_SEV_INJECT_H
#define X86_SEV_INJECT_H
#include <stdbool.h>
#include <stdint.h>
#include <x86/sev_policy.h>

enum sev_injection {
	SEV_INJECT_VMCB,        /* EVENTINJ and V_IRQ as for a plain guest */
	SEV_INJECT_HV_ONLY,     /* Restricted Injection: #HV only */
	SEV_INJECT_GUEST_OWNED, /* Alternate Injection: none from the hypervisor */
};

#define SEV_HV_VECTOR 28

enum sev_injection sev_injection_mode(enum sev_guest_type type, uint64_t features);
/* The VMRUN-time rule: NULL when EVENTINJ `event_inj` and V_INTR `vintr` (VMCB 0x60,
 * V_IRQ bit 8) may be given to a guest in `mode`, else why not. */
const char *sev_injection_check(enum sev_injection mode, uint64_t event_inj, uint64_t vintr);
/* The other reading (sev_forbidden_injection=ignore): the CPU runs the guest and drops
 * what `mode` forbids, the EVENTINJ valid bit and V_IRQ cleared in place. */
void sev_injection_drop(enum sev_injection mode, uint64_t *event_inj, uint64_t *vintr);

#endif
