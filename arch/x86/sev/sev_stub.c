#include <hv/vm.h>
#include <x86/sev.h>
#include <x86/vmcb.h>
int sev_vm_configure(struct vm *vm, char *err, size_t errlen) { return 0; }
int sev_vcpu_launch(struct vcpu *vcpu) { return 0; }
struct cpuid_regs sev_cpuid_view(const struct sev_vm *sev, struct cpuid_regs host) { return (struct cpuid_regs){0}; }
bool sev_guest_tsc_write_ignored(const struct sev_vm *sev) { return false; }
bool sev_msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val) { return false; }
bool sev_msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t val) { return false; }
bool sev_hv_set_tsc_offset(struct vcpu *vcpu, uint64_t offset) { vcpu->arch.vmcb->control.tsc_offset = offset; return true; }
bool sev_vmrun_check(uint64_t features, uint64_t allowed, bool sev_es_only) { return true; }
bool sev_handle_vmgexit(struct vcpu *vcpu) { vm_fail(vcpu->vm, "VMGEXIT from a non-SEV guest"); return false; }
const char *sev_invalid_reason(struct vcpu *vcpu) { return "illegal guest state"; }
