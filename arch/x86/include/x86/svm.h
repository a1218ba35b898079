/* testvisor's SVM layer on x86_64: what its parts share. */
#ifndef X86_SVM_H
#define X86_SVM_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <x86/npt.h>
#include <x86/vmcb.h>

/* What SVM bring-up found on this CPU. */
struct svm_caps {
	bool ready;            /* EFER.SVME set, host save area installed */
	bool nrip_save;        /* the CPU stores the next RIP on intercepts */
	bool vmcb_clean;       /* the CPU honours VMCB clean bits */
	bool decode_assists;   /* the CPU reports instruction bytes / operands on exits */
	uint32_t revision;
	uint32_t nr_asids;
};
extern struct svm_caps svm_caps;

/* The intercepts every VM starts from (vcpu.c). */
extern const struct svm_intercepts svm_default_intercepts;

/* vmrun.asm: enters the guest whose VMCB is at `vmcb_pa` with `gprs` and the FXSAVE image
 * `fpu`; returns after the #VMEXIT with both updated. */
void x86_svm_vmrun(struct svm_gprs *gprs, uint64_t vmcb_pa, void *fpu);


/* ASIDs (vm.c): 1..nr_asids-1, one per live VM; 0 when none is free. */
unsigned asid_alloc(void);
unsigned asid_alloc_in(unsigned first, unsigned last);
void asid_free(unsigned asid);

/* INIT/STARTUP IPIs a vCPU sent through its x2APIC (vcpu.c). */
struct ipi;
void svm_send_ipi(struct vcpu *from, const struct ipi *ipi);
/* Starts vCPU `t` of an SEV-SNP guest from the VMSA page its guest built (GHCB AP
 * creation); false when the guest was stopped. */
bool svm_vcpu_start_from_vmsa(struct vcpu *from, struct vcpu *t, const uint8_t *vmsa);

/* Exit handling (exits.c). */
enum exit_action svm_handle_exit(struct vcpu *vcpu);
const char *svm_exit_name(uint64_t code);
/* Whether the VMMCALL that exited is a VMGEXIT (REP VMMCALL) of an SEV guest. */
bool svm_is_vmgexit(struct vcpu *vcpu);
/* CPUID as the guest sees it (its VM's view, its own APIC ID). */
struct cpuid_regs svm_guest_cpuid(const struct vcpu *vcpu, uint32_t leaf, uint32_t subleaf);
/* testvisor's hypercall `nr` with RBX, RCX, RDX = args; false (guest stopped) when
 * unknown. */
bool svm_hypercall(struct vcpu *vcpu, uint64_t nr, const uint64_t args[3], uint64_t *result);

/* Guest state helpers (guest_state.c). */
void svm_inject_exception(struct vcpu *vcpu, unsigned vector, bool has_error, uint32_t error);
/* Advances RIP over the instruction that exited; false (guest failed) when it cannot. */
bool svm_skip_instruction(struct vcpu *vcpu);
/* The length of the instruction that exited: from nRIP where the CPU saved it (no
 * decoding), else decoded; 0 or less (enum insn_error) when it cannot be told. */
int svm_exit_insn_len(struct vcpu *vcpu);
/* The single-step #DB owed after an instruction testvisor completed (guest RFLAGS.TF). */
void svm_single_step_trap(struct vcpu *vcpu);
/* Decodes the instruction at the guest's RIP; its length or an enum insn_error. */
struct x86_insn;
int svm_decode_current(struct vcpu *vcpu, struct x86_insn *insn);
/* The guest-physical address of the instruction at CS:RIP (through the guest's page
 * tables when paging is on); false when it is not mapped. */
bool svm_code_gpa(struct vcpu *vcpu, uint64_t *gpa);
/* Reads `len` bytes at the guest's virtual address (through its page tables). */
bool svm_read_guest_virt(struct vcpu *vcpu, uint64_t gva, void *dst, size_t len);
bool svm_write_guest_virt(struct vcpu *vcpu, uint64_t gva, const void *src, size_t len);

#endif
