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

/* IPIs a vCPU sent through its x2APIC (vcpu.c). */
struct ipi;
void svm_send_ipi(struct vcpu *from, const struct ipi *ipi);
/* Starts vCPU `t` of an SEV-SNP guest from the VMSA page its guest built (GHCB AP
 * creation); false when the guest was stopped. */
bool svm_vcpu_start_from_vmsa(struct vcpu *from, struct vcpu *t, const uint8_t *vmsa, uint64_t vmsa_gpa);

/* Local APIC interrupts (vapic.c): the timer's clock; before each VMRUN, the timer polled
 * and a pending interrupt injected or a window asked for; whether a halted vCPU has an
 * interrupt to wake for; fixed IPIs; devices' interrupt lines (vm->irq_line) through the
 * I/O APIC, whose MMIO model is ioapic_ops. */
uint64_t vapic_now_ns(void);
void vapic_prepare_entry(struct vcpu *vcpu);
/* After each #VMEXIT: a guest CR8 write that did not exit (SEV-ES) taken from V_TPR. */
void vapic_exit(struct vcpu *vcpu);
/* The guest's RFLAGS.IF as the hypervisor may know it (SEV-ES: GUEST_INTERRUPT_MASK). */
bool svm_guest_if(const struct vcpu *vcpu);
/* A MOV to CR8; false when it is a #GP. */
bool vapic_cr8_write(struct vcpu *vcpu, uint64_t val);
/* General register `reg` (ModRM numbering: 0 RAX ... 15 R15) of the vCPU (guest_state.c). */
uint64_t svm_gpr_get(struct vcpu *vcpu, unsigned reg);
void svm_gpr_set(struct vcpu *vcpu, unsigned reg, uint64_t val);
bool vapic_wake(struct vcpu *vcpu);
/* Nanoseconds until the vCPU's APIC timer raises its next interrupt (UINT64_MAX: none). */
uint64_t vapic_timer_due_ns(struct vcpu *vcpu);
void vapic_send_fixed(struct vcpu *from, const struct ipi *ipi); /* and NMI IPIs */
/* The guest's IRET after an NMI exited (IRET intercept): NMIs unblock once it ran. */
void vapic_nmi_iret(struct vcpu *vcpu);
/* An SEV-ES guest's NMI handler ended (GHCB "NMI complete"): NMIs may come again. */
void vapic_nmi_complete(struct vcpu *vcpu);
void vapic_irq_line(struct vm *vm, unsigned irq, bool level);
extern const struct device_ops ioapic_ops;
extern const struct device_ops pit_ops;   /* 8254 PIT and port 0x61 (x86/pit.h) */
extern const struct device_ops pic8259_ops; /* the 8259s' registers (x86/pic8259.h) */

/* An access to an emulated MMIO device that exited as a nested page fault at `gpa`
 * (mmio.c): true when a device took it (the instruction is then complete). */
bool svm_mmio_emulate(struct vcpu *vcpu, uint64_t gpa);
/* Whether `gpa` lies in one of the VM's emulated MMIO devices. */
bool svm_mmio_device_page(const struct vm *vm, uint64_t gpa);

/* Emulated SNP: whether the page at `gpa` is reachable without the C-bit (shared) and with
 * it (private and validated), vm.c; false without memory for the tables. */
bool svm_snp_views(struct vm *vm, uint64_t gpa, bool without_cbit, bool with_cbit);

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
/* After an instruction testvisor completed: the interrupt shadow ends, and the
 * single-step #DB is owed when the guest's RFLAGS.TF is set. */
void svm_single_step_trap(struct vcpu *vcpu);
/* Decodes the instruction at the guest's RIP; its length or an enum insn_error. */
struct x86_insn;
int svm_decode_current(struct vcpu *vcpu, struct x86_insn *insn);
/* The same, with the instruction's bytes copied to `bytes` (X86_MAX_INSN_LEN). */
int svm_decode_current_bytes(struct vcpu *vcpu, struct x86_insn *insn, uint8_t *bytes);
/* The guest-physical address of the instruction at CS:RIP (through the guest's page
 * tables when paging is on); false when it is not mapped. */
bool svm_code_gpa(struct vcpu *vcpu, uint64_t *gpa);
/* Reads `len` bytes at the guest's virtual address (through its page tables). */
bool svm_read_guest_virt(struct vcpu *vcpu, uint64_t gva, void *dst, size_t len);
/* The guest-physical address the guest's own page tables give `gva` (C-bit taken out). */
bool svm_guest_gpa(const struct vcpu *vcpu, uint64_t gva, uint64_t *gpa);
bool svm_write_guest_virt(struct vcpu *vcpu, uint64_t gva, const void *src, size_t len);

#endif
