/* Internal interfaces between the files of testvisor's arm64 EL2 core. */
#ifndef ARCH_ARM64_ARM64_H
#define ARCH_ARM64_ARM64_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <arm64/ctx_offsets.h>
#include <arm64/sysreg.h>

/* Boot data (the generated DTB) lives below the image's text_offset. */
#define GUEST_DTB_OFFSET 0
#define GUEST_BOOT_DATA_SIZE 0x10000ull
#define SPSR_EL1H_MASKED 0x3c5ull   /* EL1h, DAIF masked: the state a guest CPU starts in */
#define SCTLR_EL1_RESET 0x30d00800ull

/* console.c: whether QEMU answers semihosting calls. */
bool semihosting_enabled(void);

/* The saved registers of an exception testvisor itself takes at EL2 (vectors.S, the
 * layout of exc_frame.h), and its handler (exception.c). */
struct el2_frame {
	uint64_t x[31];
	uint64_t sp, elr, spsr, esr, far;
};
void el2_exception(struct el2_frame *f, unsigned kind);

/* vectors.S / fpsimd.S */
unsigned guest_enter(struct arch_vcpu *v);
void fpsimd_save(struct arm64_fp_regs *fp);
void fpsimd_restore(const struct arm64_fp_regs *fp);

/* vcpu.c */
struct vcpu *vcpu_of(struct arch_vcpu *a);
void vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t x0);
void vcpu_inject_undef(struct vcpu *vcpu);
/* A synchronous exception with syndrome `esr`, taken to the guest's EL1 at its pc. */
void vcpu_inject_sync(struct vcpu *vcpu, uint64_t esr);
/* A synchronous External abort for an access (`fetch`: an instruction fetch) of guest
 * virtual address `far` with nothing behind it. */
void vcpu_inject_sea(struct vcpu *vcpu, bool fetch, bool write, uint64_t far);
void vcpu_put_loaded(void);
bool vcpu_is_loaded(const struct vcpu *vcpu);

/* debug_break.c: trace= and break= (arm64/debug_step.h). Configure: 0 or -22 (message
 * printed). Before each entry of a VM testvisor steps: records the instruction the last
 * entry completed; true when the guest was stopped at a break address, else the step of
 * the next instruction is armed (while anything still needs it). */
int arm64_step_configure(struct vm *vm);
bool arm64_step_before_entry(struct vcpu *vcpu);
/* A debug exception routed to EL2 by TDE (software step, BRK, breakpoint, watchpoint). */
enum exit_action arm64_step_debug_exit(struct vcpu *vcpu, uint64_t esr);
/* A trapped debug-register access of a stepped guest: MDSCR_EL1 and the OS lock answered
 * from the guest's own view, any other stops it; -1 when it is not one of those. */
int arm64_step_debug_register(struct vcpu *vcpu, uint64_t iss);

/* exits.c: handles one synchronous exit. */
enum exit_action handle_sync_exit(struct vcpu *vcpu);

/* smccc.c: a HVC or SMC call following the SMC Calling Convention. */
enum exit_action smccc_handle(struct vcpu *vcpu, bool smc);

/* sysreg_trap.c: a trapped MSR/MRS (EC 0x18). */
enum exit_action sysreg_trap(struct vcpu *vcpu, uint64_t iss);

/* guest_fdt.c */
int guest_fdt_build(struct vm *vm);

/* gic.c: the host interrupt controller and the preemption tick (EL2 physical timer). */
enum host_irq { HOST_IRQ_NONE, HOST_IRQ_TICK, HOST_IRQ_FORWARDED };
void gic_host_init(void);
void tick_arm(uint64_t deadline);
/* Handles a physical IRQ taken while `vcpu` ran. */
enum host_irq gic_handle_irq(struct vcpu *vcpu);
void gic_ppi_unmask(unsigned intid);
void gic_forwarded_release(void);

/* vgic.c: the guest's GICv3 (hardware side; the register model is vgic_mmio.c). */
void vgic_load(struct vcpu *vcpu);
void vgic_put(struct vcpu *vcpu);
void vgic_disable(void);
bool vgic_inject_forwarded(struct vcpu *vcpu, unsigned intid);
void vgic_send_sgi(struct vcpu *src, uint64_t icc_sgir, bool group1_request);

/* cpu_view.c: the VM's CPU view from its configuration. */
int cpu_view_init(struct vm *vm, char *err, size_t errlen);
void cpu_view_load(const struct vm *vm);

#endif
