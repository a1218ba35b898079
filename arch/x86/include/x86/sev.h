/* SEV-SNP for testvisor's guests: what the SVM layer asks of it. A VM becomes an SEV
 * guest through its configuration (docs/x86-sev.md):
 *   sev=snp|es            the guest type (default: none)
 *   sev_features=<list>   SEV_FEATURES it launches with (names or a number)
 *   sev_allowed=<list>    the configuration's part of the allowed set (default: all)
 *   allowed_sev_features=off   leave ALLOWED_SEV_FEATURES disabled (bit 63 clear)
 *   sev_opt_in=invalid|run     reading of the opt-in rule with the check disabled
 *   secure_tsc_khz=<n>    Secure TSC launch frequency (needs SecureTsc; default the host's)
 *   ghcb_version=1|2      GHCB protocol version (default 2; SNP needs 2)
 *   sev_policy=<n>        SNP guest policy (default SMT allowed + reserved bit 17)
 *   sev_ciphertext_hiding=<n>|max  SNP ASIDs with ciphertext hiding, platform-wide */
#ifndef X86_SEV_H
#define X86_SEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cpu.h>
#include <x86/sev_types.h>

struct vm;
struct vcpu;

int sev_vm_configure(struct vm *vm, char *err, size_t errlen);
void sev_vm_destroy(struct vm *vm);
/* Launches the VM's SEV state once vCPU 0 is set up: PSP launch, VMCB fields, TSC. */
int sev_vcpu_launch(struct vcpu *vcpu);

static inline bool sev_active(const struct sev_vm *sev) { return sev->type != 0; }

/* The VMRUN-time check the emulated backend models (hardware checks itself): false when
 * VMRUN must fail with VMEXIT_INVALID. */
bool sev_vmrun_gate(struct vcpu *vcpu);
const char *sev_invalid_reason(struct vcpu *vcpu);

/* The guest's TSC as the CPU gives it: VMCB TSC_OFFSET, or the VMSA's Secure TSC values. */
uint64_t sev_guest_tsc(const struct vcpu *vcpu);
bool sev_guest_tsc_write_ignored(const struct sev_vm *sev);
/* SEV MSRs (GHCB, SEV_STATUS, GUEST_TSC_FREQ); false: #GP. */
bool sev_msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val);
bool sev_msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t val);
/* The hypervisor writing the guest's VMCB TSC_OFFSET; false when it has no effect (a
 * launched Secure TSC guest), which is logged. */
bool sev_hv_set_tsc_offset(struct vcpu *vcpu, uint64_t offset);
/* HC_SEV_TRY_LAUNCH: would VMRUN run a guest with these SEV_FEATURES and this
 * ALLOWED_SEV_FEATURES value? */
bool sev_try_launch(uint64_t features, uint64_t allowed, bool sev_es_only);
/* VMGEXIT (GHCB MSR protocol); false when the guest was stopped. */
bool sev_handle_vmgexit(struct vcpu *vcpu);

#endif
