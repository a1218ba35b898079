/* testvisor as its guest's debugger on x86_64 (docs/debug.md): `trace=N` single-steps the
 * guest's first N instructions and prints each one's RIP and bytes; `trace=last:N` steps
 * the whole run and keeps the last N, printed when the guest fails; `break=<gpa>,...`
 * steps the whole run and stops the guest before an instruction at one of those
 * addresses. The steps come from RFLAGS.TF set by testvisor and the #DB intercept; the
 * guest's own single-steps and breakpoints still reach it. */
#ifndef X86_DEBUG_TRACE_H
#define X86_DEBUG_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <break_config.h>
#include <trace_config.h>
#include <hv/trace_log.h>

/* The decision on a #DB intercept while tracing (pure: debug_trace_db.c). */
struct trace_db_in {
	uint64_t dr6;         /* DR6 after the #DB (VMCB) */
	uint64_t dr6_before;  /* the guest's DR6 before the instruction ran */
	uint64_t dr7;         /* the guest's DR7: which of B0-B3 are enabled breakpoints */
	bool insn_writes_dr6; /* the instruction was MOV DR6, r: its value is the guest's DR6 */
	uint64_t dr6_written;
	bool host_tf;         /* testvisor set TF for this instruction */
	bool insn_sets_flags; /* the instruction loaded RFLAGS (POPF, IRET): TF is the guest's */
	bool tf_after;        /* RFLAGS.TF after the instruction */
};
struct trace_db_out {
	bool host_step;       /* a step of testvisor's: record it */
	bool inject;          /* the #DB (also) belongs to the guest: inject it */
	uint64_t guest_dr6;   /* DR6 the guest sees */
	bool guest_tf;        /* RFLAGS.TF the guest sees from now on */
};
struct trace_db_out trace_db_decide(const struct trace_db_in *in);

/* After an instruction testvisor completed itself (an intercepted RDMSR, CPUID, OUT...):
 * the single-step trap the CPU would raise is owed to the guest only for a TF of its own;
 * a TF testvisor set is a host step (SDM vol. 3 18.3.1.4: the trap follows the
 * instruction that ran with TF=1). */
bool trace_emulated_step_owed(bool tf, bool host_tf);

/* True for an instruction that loads RFLAGS from memory (POPF 9D, IRET CF, with
 * prefixes and REX). */
bool trace_insn_loads_rflags(const uint8_t *bytes, unsigned len);
/* True for MOV DR6, r (0F 23, ModRM.reg 6); *gpr is the source register (0-15). */
bool trace_insn_writes_dr6(const uint8_t *bytes, unsigned len, unsigned *gpr);

/* The log itself (the instruction about to run is its `next`) is the core's vcpu->trace. */
struct trace_state {
	bool active;              /* testvisor steps the guest (trace= or break=) */
	bool host_tf;
	uint64_t dr6_before;
};

struct vm;
struct vcpu;
/* arch_vm_init: the `trace` key (and stepping for `break`, parsed before it by
 * svm_break_configure); false (message printed) on a bad value. */
bool svm_trace_configure(struct vm *vm);
/* Around VMRUN (vcpu.c) and for the #DB intercept (exits.c). False: the guest was stopped
 * at a break address and must not enter. */
bool svm_trace_before_run(struct vcpu *vcpu);
struct vmcb;
int svm_trace_db_exit(struct vcpu *vcpu, struct vmcb *v);
/* For an instruction testvisor completed (guest_state.c:svm_single_step_trap): whether
 * the guest is owed a single-step #DB; a step of testvisor's is recorded and its TF
 * taken back instead. */
bool svm_trace_owes_step(struct vcpu *vcpu);

/* arch_vm_init: the `break` key into vm->arch.breaks; false (message printed) on a bad
 * value (debug_break.c). */
bool svm_break_configure(struct vm *vm);
/* Before an entry without an event to inject: stops the guest (vm_fail, registers dumped
 * by the core) when the guest-physical address of its next instruction is a break
 * address. True when it did. */
bool svm_break_check(struct vcpu *vcpu);

/* Faults intercepted while testvisor steps a guest and given back unchanged: #DE, #BR,
 * #UD, #NM, #TS, #NP, #SS, #GP, #PF, #MF, #AC, #XM. */
#define TRACE_REFLECTED_FAULTS (1u << 0 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 10 | 1u << 11 | \
				1u << 12 | 1u << 13 | 1u << 14 | 1u << 16 | 1u << 17 | 1u << 19)

#endif
