/* arm64 per-VM and per-vCPU state (see hv/include/hv/arch_if.h). */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <arm64/debug_regs.h>
#include <break_config.h>
#include <arm64/debug_step.h>
#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include <arm64/cpu_view.h>
#include <arm64/vgic.h>

#define ARCH_ELF_MACHINE 183 /* EM_AARCH64 */
#define ARCH_ELF_CLASS 2
#define ARCH_ELF_DATA 1
#define ARCH_GUEST_RAM_BASE 0x40000000ull /* as on QEMU virt, so payloads run unchanged */
#define ARCH_GUEST_RAM_DEFAULT (64ull << 20)
/* QEMU -kernel on this machine (hv/loader.c): the Linux Image header it takes, and where
 * a raw image goes (hw/arm/boot.c: KERNEL64_LOAD_ADDR). */
#define ARCH_LINUX_IMAGE LINUX_IMAGE_ARM64
#define ARCH_KERNEL_ADDR (ARCH_GUEST_RAM_BASE + 0x80000ull)
/* -initrd at RAM base + min(RAM / 2, 128 MiB) (hw/arm/boot.c). */
#define ARCH_INITRD_CAP (128ull << 20)
#define ARCH_INITRD_FROM_ENTRY 0
/* A Linux kernel's DTB after the initrd, 2 MiB aligned (hw/arm/boot.c: AArch64 kernels
 * map the DTB's 2 MiB block early); an ELF image's at the base of RAM, as QEMU does. */
#define ARCH_DTB_AFTER_INITRD_ALIGN (2ull << 20)

/* What vectors.S saves on a guest exit; offsets are used by the assembly (ctx_offsets.h). */
struct arm64_guest_regs {
	uint64_t x[31];
	uint64_t pc;     /* ELR_EL2 */
	uint64_t pstate; /* SPSR_EL2 */
	uint64_t esr, far, hpfar;
};

/* The guest's EL1 system registers, switched only when another vCPU is loaded. */
struct arm64_el1_regs {
	uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
	uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1, elr_el1, spsr_el1;
	uint64_t esr, far, afsr0, afsr1, par, cpacr, cntkctl, cntv_ctl, cntv_cval, cntp_ctl,
		 cntp_cval, csselr, mdscr;
	/* Registers of optional features, switched when the host has the feature. */
	uint64_t apkeys[10], scxtnum_el0, scxtnum_el1;
};

struct arm64_fp_regs {
	uint64_t q[64];
	uint64_t fpsr, fpcr;
};

struct arch_vcpu {
	struct arm64_guest_regs regs;      /* first: vectors.S addresses it through TPIDR_EL2 */
	uint64_t host_regs[12];            /* callee-saved x19-x30 of guest_enter's caller */
	struct arm64_el1_regs el1;
	struct arm64_debug_regs debug;     /* breakpoints, watchpoints, OS lock (debug_regs.c) */
	struct arm64_fp_regs fp;
	bool fp_saved;                     /* guest FP state is in `fp` (the host touched FP) */
	uint64_t vmpidr;
	uint64_t last_esr, last_far, last_hpfar; /* of the last exit, for arch_vcpu_dump */
	uint64_t hvc_exits, mmio_exits, sysreg_exits, irq_exits;
	bool stepped;                      /* trace=: a step exception ended the last entry */
	struct step_guest_view step_view;  /* its own MDSCR_EL1/OS lock while stepped (TDE) */
	enum step_guest_state step_state;  /* its own step machine (debug_break.c) */
	uint64_t step_pc;                  /* pc of the last entry */
	uint64_t eret_spsr;                /* SPSR_EL1 of the ERET about to run */
	struct vgic_cpu vgic;
};

struct arch_vm {
	paddr_t s2_root;       /* stage-2 level-1 table */
	unsigned vmid;
	unsigned psci_version; /* (major << 16) | minor */
	struct cpu_view view;  /* ID registers, RAS level and trap values the guest sees */
	uint64_t hcr;          /* HCR_EL2 while the guest runs */
	uint64_t hcrx;
	uint64_t mdcr_traps;   /* MDCR_EL2 trap bits (TPM/TPMCR when the PMU is hidden) */
	bool unmapped_stop;    /* unmapped=stop: an access with nothing behind it stops the guest */
	struct break_config breaks; /* break= (debug_break.c) */
	bool steps;                 /* trace= or break=: testvisor single-steps the guest (TDE) */
	struct vgic_dist vgic;
};

#endif
