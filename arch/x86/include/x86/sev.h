/* SEV-SNP for testvisor's guests: what the SVM layer asks of it. A VM becomes an SEV
 * guest through its configuration (docs/x86-sev.md):
 *   sev=snp|es            the guest type (default: none)
 *   sev_features=<list>   SEV_FEATURES it launches with (names or a number)
 *   sev_allowed=<list>    the configuration's part of the allowed set (default: all)
 *   allowed_sev_features=off   leave ALLOWED_SEV_FEATURES disabled (bit 63 clear)
 *   secure_tsc_khz=<n>    Secure TSC launch frequency (needs SecureTsc; default the host's)
 *   ghcb_version=1|2      GHCB protocol version (default 2; SNP needs 2)
 *   sev_policy=<n>        SNP guest policy (default SMT allowed + reserved bit 17)
 *   sev_ciphertext_hiding=<n>|max  SNP ASIDs with ciphertext hiding, platform-wide
 * and the two-word switches of the model's assumptions (x86/sev_switches.h). */
#ifndef X86_SEV_H
#define X86_SEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cpu.h>
#include <hv/addr.h>
#include <x86/sev_inject.h>
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
/* VMGEXIT: the GHCB MSR protocol, or a request in the guest's GHCB page; false when the
 * guest was stopped. */
bool sev_handle_vmgexit(struct vcpu *vcpu);
/* SNP_GUEST_REQUEST for the VM's guest context with testvisor's copies of the guest's
 * request and response pages; the firmware's status. */
int sev_guest_request(struct vm *vm, paddr_t req, paddr_t resp);
/* SNP: whether the guest made the page at `gpa` shared (page-state change). */
bool sev_page_shared(const struct sev_vm *s, uint64_t gpa);
/* SNP: page `gfn` of the vCPU `vcpu_ctx`'s guest made private (1) or shared (2), as the
 * MSR protocol's and the GHCB page's page-state changes do; 0, or the error code. */
uint32_t sev_page_state(void *vcpu_ctx, uint64_t gfn, unsigned op);
/* A request in the GHCB page at `gpa` (sev_ghcb.c); false when the guest was stopped. */
bool sev_ghcb_page_exit(struct vcpu *vcpu, uint64_t gpa);

/* The modelled SEV-ES/SNP CPU after a #VMEXIT (sev_es_cpu.c). */
enum sev_es_exit {
	SEV_ES_PLAIN,     /* not an SEV-ES vCPU of the model, or the CPU's own: handle as is */
	SEV_ES_AUTOMATIC, /* reaches the hypervisor, registers sealed */
	SEV_ES_VC,        /* the CPU raised #VC in the guest: resume it */
	SEV_ES_RESUME,    /* the CPU carried out the instruction itself: resume */
	SEV_ES_STOP,      /* the guest was stopped */
};
enum sev_es_exit sev_es_cpu_exit(struct vcpu *vcpu);
/* A #UD of an emulated SNP guest: PVALIDATE or RMPADJUST carried out (SEV_ES_RESUME),
 * the guest stopped, or SEV_ES_AUTOMATIC for a #UD of its own (sev_rmp_cpu.c). */
enum sev_es_exit sev_rmp_cpu_insn(struct vcpu *vcpu);
/* How the hypervisor may inject into the vCPU (x86/sev_inject.h): SEV_INJECT_VMCB for a
 * plain guest, else by its type and the SEV_FEATURES it runs with. */
enum sev_injection sev_vcpu_injection(const struct vcpu *vcpu);
/* Restricted Injection (sev_doorbell.c): whether the vCPU's #HV doorbell can take an
 * interrupt now, and posting one (`vector`) or an NMI (-1) there with #HV as the signal;
 * false when nothing was posted (no page, busy, or the guest cannot take #HV now). */
bool sev_doorbell_free(struct vcpu *vcpu);
bool sev_doorbell_post(struct vcpu *vcpu, int vector);
/* Back into the vCPU before VMRUN what sev_es_cpu_exit sealed. */
void sev_es_unseal(struct vcpu *vcpu);

#endif
