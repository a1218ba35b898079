/* SEV-SNP for testvisor's guests (issue 5): what the SVM layer asks of it. */
#ifndef X86_SEV_H
#define X86_SEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <x86/cpu.h>
#include <x86/sev_types.h>

struct vm;
struct vcpu;

/* Reads the VM's SEV configuration (sev=snp, sev_features=, allowed_sev_features=,
 * secure_tsc_khz=...); 0, or -1 with a message. */
int sev_vm_configure(struct vm *vm, char *err, size_t errlen);
/* Launches the vCPU's SEV state (VMSA fields, TSC, allowed features); 0 or negative. */
int sev_vcpu_launch(struct vcpu *vcpu);

struct cpuid_regs sev_cpuid_view(const struct sev_vm *sev, struct cpuid_regs host);
bool sev_guest_tsc_write_ignored(const struct sev_vm *sev);
/* SEV MSRs (GHCB, SEV_STATUS, GUEST_TSC_FREQ); false: #GP. */
bool sev_msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val);
bool sev_msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t val);
/* The hypervisor changing the guest's TSC offset; false when refused (Secure TSC after
 * launch), which is logged. */
bool sev_hv_set_tsc_offset(struct vcpu *vcpu, uint64_t offset);
/* The VMRUN-time consistency check of SEV_FEATURES against ALLOWED_SEV_FEATURES. */
bool sev_vmrun_check(uint64_t features, uint64_t allowed, bool sev_es_only);
/* VMGEXIT from the guest (GHCB MSR protocol); false when the guest was stopped. */
bool sev_handle_vmgexit(struct vcpu *vcpu);
/* Why VMRUN failed, as far as SEV explains it. */
const char *sev_invalid_reason(struct vcpu *vcpu);

#endif
