/* riscv64 architecture state of VMs and vCPUs (H extension, guests in VS-mode). */
#ifndef ARCH_RISCV_TYPES_H
#define ARCH_RISCV_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include <break_config.h>
#include <vplic.h>

#define ARCH_ELF_MACHINE 243 /* EM_RISCV */
#define ARCH_ELF_CLASS 2
#define ARCH_ELF_DATA 1
/* Guest RAM where QEMU virt has it, so one payload image runs standalone and as a guest. */
#define ARCH_GUEST_RAM_BASE 0x80000000UL
#define ARCH_GUEST_RAM_DEFAULT (32UL * 1024 * 1024)
/* QEMU -kernel on this machine (hv/loader.c): the Linux Image header it takes, and where
 * a raw image goes (hw/riscv/boot.c: riscv_calc_kernel_start_addr, OpenSBI's end rounded up to 2 MiB). */
#define ARCH_LINUX_IMAGE LINUX_IMAGE_RISCV
#define ARCH_KERNEL_ADDR (ARCH_GUEST_RAM_BASE + 0x200000UL)
/* -initrd at the kernel's entry + min(RAM / 2, 512 MiB) (hw/riscv/boot.c:riscv_load_initrd). */
#define ARCH_INITRD_CAP (512ull << 20)
#define ARCH_INITRD_FROM_ENTRY 1

/* Guest general registers and pc, as the world switch (arch/riscv/switch.S) saves them.
 * Offsets are fixed: the assembly uses them. */
struct rv_gregs {
	uint64_t x[32];  /* x[0] unused */
	uint64_t pc;     /* 32 * 8 */
};

/* Callee-saved host state across a guest run (switch.S). */
struct rv_host_regs {
	uint64_t ra, sp, gp, tp, s[12];
};

/* What the hardware reported on the last exit. */
struct rv_exit {
	uint64_t scause, stval, htval, htinst;
};

/* Everything the world switch touches, in one block pointed to by sscratch. */
struct rv_switch {
	struct rv_gregs guest;     /* offset 0 */
	struct rv_host_regs host;  /* offset 33 * 8 */
	struct rv_exit exit;       /* offset 49 * 8 */
	uint64_t hstatus;          /* offset 53 * 8: written on entry, saved on exit */
	uint64_t sstatus;          /* offset 54 * 8: likewise (SPP = the guest's mode) */
};

/* VS-level CSRs kept while the vCPU is not on the hart. */
struct rv_vs_csrs {
	uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	uint64_t hvip, vstimecmp, henvcfg, hedeleg;
	uint64_t senvcfg;  /* no VS copy exists: VS-mode uses senvcfg itself, so it is switched */
};

/* The guest's floating-point registers, switched with the VS CSRs (vCPUs share the
 * hart's FP register file; testvisor itself computes no floats). */
struct rv_fp_state {
	uint64_t f[32];
	uint64_t fcsr;
};

struct rv_fwft_state {
	uint64_t value[6];     /* per feature, see arch/riscv/fwft.c */
	uint32_t locked;       /* bit per feature */
};

/* The guest's SBI DBTR triggers (sbi_dbtr.c, docs/riscv-sbi.md): the guest's index is
 * the slot; the firmware trigger behind it exists only while the vCPU is on the hart. */
#define RV_DBTR_GUEST_MAX 8
struct rv_dbtr_trig {
	uint64_t tdata1, tdata2;   /* as the guest installed them (tdata3 is always 0) */
	bool installed, enabled;
	uint8_t fw_slot;           /* firmware trigger index + 1 while there, 0: none */
};
struct rv_dbtr_state {
	uint64_t shmem;            /* guest-physical, when shmem_on */
	bool shmem_on;
	struct rv_dbtr_trig trig[RV_DBTR_GUEST_MAX];
};

struct arch_vcpu {
	struct rv_switch sw;
	struct rv_vs_csrs csrs;
	struct rv_fp_state fp;
	struct rv_fwft_state fwft;
	struct rv_dbtr_state dbtr;
	uint64_t guest_timer;  /* TIME: next timer event without Sstc (UINT64_MAX = none) */
	bool suspended;        /* waiting in HSM suspend (vs. WFI) */
	bool resume_restarts;  /* ... non-retentive: wakes at resume_pc with a1 = resume_opaque */
	uint64_t resume_pc, resume_opaque;
	bool lr_reserved;      /* misaligned LR/SC emulation reservation */
	uint64_t lr_addr;
	uint64_t sbi_calls;
};

struct arch_vm {
	paddr_t gstage_root;   /* 16 KiB Sv39x4 root */
	unsigned vmid;
	ipaddr_t fdt_ipa;      /* the DTB testvisor generated for the guest */
	struct break_config breaks;        /* break= (debug_break.c) */
	uint8_t trigger_idx[BREAK_MAX];    /* the firmware's indexes of its triggers */
	unsigned triggers;                 /* installed */
	struct vplic plic;                 /* the guest's interrupt controller (vplic.c) */
};

#endif
