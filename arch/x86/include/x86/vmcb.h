/* The AMD SVM Virtual Machine Control Block (APM vol. 2, appendix B): control area at
 * 0x000, state save area at 0x400, as packed structs whose offsets are checked at compile
 * time against the APM. (Every field also sits at its natural alignment.) */
#ifndef X86_VMCB_H
#define X86_VMCB_H

#include <stddef.h>
#include <stdint.h>

struct vmcb_seg {
	uint16_t selector;
	uint16_t attrib;   /* packed: type[3:0] S[4] DPL[6:5] P[7] AVL[8] L[9] DB[10] G[11] */
	uint32_t limit;
	uint64_t base;
} __attribute__((packed));

struct vmcb_control {
	uint32_t intercept_cr;        /* 0x000: reads [15:0], writes [31:16] */
	uint32_t intercept_dr;        /* 0x004 */
	uint32_t intercept_exceptions;/* 0x008: one bit per vector */
	uint32_t intercept_misc1;     /* 0x00c: INTERCEPT1_* */
	uint32_t intercept_misc2;     /* 0x010: INTERCEPT2_* */
	uint32_t intercept_misc3;     /* 0x014 */
	uint8_t reserved_018[0x03c - 0x018];
	uint16_t pause_filter_threshold; /* 0x03c */
	uint16_t pause_filter_count;  /* 0x03e */
	uint64_t iopm_base_pa;        /* 0x040 */
	uint64_t msrpm_base_pa;       /* 0x048 */
	uint64_t tsc_offset;          /* 0x050 */
	uint32_t guest_asid;          /* 0x058 */
	uint8_t tlb_control;          /* 0x05c */
	uint8_t reserved_05d[3];
	uint64_t vintr;               /* 0x060: V_TPR, V_IRQ, V_INTR_MASKING... */
	uint64_t interrupt_shadow;    /* 0x068 */
	uint64_t exit_code;           /* 0x070 */
	uint64_t exit_info1;          /* 0x078 */
	uint64_t exit_info2;          /* 0x080 */
	uint64_t exit_int_info;       /* 0x088 */
	uint64_t np_enable;           /* 0x090: bit 0 nested paging, 1 SEV, 2 SEV-ES */
	uint64_t avic_apic_bar;       /* 0x098 */
	uint64_t ghcb_gpa;            /* 0x0a0 */
	uint64_t event_inj;           /* 0x0a8 */
	uint64_t n_cr3;               /* 0x0b0 */
	uint64_t virt_ext;            /* 0x0b8: LBR virtualization, VMSAVE/VMLOAD virtualization */
	uint32_t clean_bits;          /* 0x0c0 */
	uint32_t reserved_0c4;
	uint64_t next_rip;            /* 0x0c8: nRIP, when the CPU saves it */
	uint8_t insn_bytes_fetched;   /* 0x0d0 */
	uint8_t insn_bytes[15];       /* 0x0d1 */
	uint64_t avic_backing_page;   /* 0x0e0 */
	uint8_t reserved_0e8[8];
	uint64_t avic_logical_table;  /* 0x0f0 */
	uint64_t avic_physical_table; /* 0x0f8 */
	uint8_t reserved_100[8];
	uint64_t vmsa_pa;             /* 0x108 */
	uint64_t vmgexit_rax;         /* 0x110 */
	uint8_t vmgexit_cpl;          /* 0x118 */
	uint8_t reserved_119[7];
	uint16_t bus_lock_counter;    /* 0x120 */
	uint8_t reserved_122[0x138 - 0x122];
	uint64_t allowed_sev_features;/* 0x138: bit 63 enables the check */
	uint64_t guest_sev_features;  /* 0x140 */
	uint8_t reserved_148[0x400 - 0x148];
} __attribute__((packed));

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr; /* 0x400 - 0x49f */
	uint8_t reserved_4a0[0x4ca - 0x4a0];
	uint8_t vmpl;                 /* 0x4ca */
	uint8_t cpl;                  /* 0x4cb */
	uint32_t reserved_4cc;
	uint64_t efer;                /* 0x4d0 */
	uint8_t reserved_4d8[0x548 - 0x4d8];
	uint64_t cr4;                 /* 0x548 */
	uint64_t cr3;                 /* 0x550 */
	uint64_t cr0;                 /* 0x558 */
	uint64_t dr7;                 /* 0x560 */
	uint64_t dr6;                 /* 0x568 */
	uint64_t rflags;              /* 0x570 */
	uint64_t rip;                 /* 0x578 */
	uint8_t reserved_580[0x5d8 - 0x580];
	uint64_t rsp;                 /* 0x5d8 */
	uint64_t s_cet, ssp, isst_addr; /* 0x5e0 */
	uint64_t rax;                 /* 0x5f8 */
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base; /* 0x600 */
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip;   /* 0x628 */
	uint64_t cr2;                 /* 0x640 */
	uint8_t reserved_648[0x668 - 0x648];
	uint64_t g_pat;               /* 0x668 */
	uint64_t dbgctl;              /* 0x670 */
	uint64_t br_from, br_to, last_excp_from, last_excp_to; /* 0x678 */
	uint8_t reserved_698[0x1000 - 0x698];
} __attribute__((packed));

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
} __attribute__((packed, aligned(4096)));

#define VMCB_CHECK(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #field " must be at " #off " (APM B)")
VMCB_CHECK(struct vmcb_control, intercept_misc1, 0x00c);
VMCB_CHECK(struct vmcb_control, pause_filter_threshold, 0x03c);
VMCB_CHECK(struct vmcb_control, iopm_base_pa, 0x040);
VMCB_CHECK(struct vmcb_control, tsc_offset, 0x050);
VMCB_CHECK(struct vmcb_control, guest_asid, 0x058);
VMCB_CHECK(struct vmcb_control, vintr, 0x060);
VMCB_CHECK(struct vmcb_control, exit_code, 0x070);
VMCB_CHECK(struct vmcb_control, exit_int_info, 0x088);
VMCB_CHECK(struct vmcb_control, np_enable, 0x090);
VMCB_CHECK(struct vmcb_control, event_inj, 0x0a8);
VMCB_CHECK(struct vmcb_control, n_cr3, 0x0b0);
VMCB_CHECK(struct vmcb_control, clean_bits, 0x0c0);
VMCB_CHECK(struct vmcb_control, next_rip, 0x0c8);
VMCB_CHECK(struct vmcb_control, insn_bytes, 0x0d1);
VMCB_CHECK(struct vmcb_control, vmsa_pa, 0x108);
VMCB_CHECK(struct vmcb_control, bus_lock_counter, 0x120);
VMCB_CHECK(struct vmcb_control, allowed_sev_features, 0x138);
VMCB_CHECK(struct vmcb_control, guest_sev_features, 0x140);
_Static_assert(sizeof(struct vmcb_control) == 0x400, "control area is 1 KiB");
VMCB_CHECK(struct vmcb, save.es, 0x400);
VMCB_CHECK(struct vmcb, save.tr, 0x490);
VMCB_CHECK(struct vmcb, save.cpl, 0x4cb);
VMCB_CHECK(struct vmcb, save.efer, 0x4d0);
VMCB_CHECK(struct vmcb, save.cr4, 0x548);
VMCB_CHECK(struct vmcb, save.rflags, 0x570);
VMCB_CHECK(struct vmcb, save.rip, 0x578);
VMCB_CHECK(struct vmcb, save.rsp, 0x5d8);
VMCB_CHECK(struct vmcb, save.rax, 0x5f8);
VMCB_CHECK(struct vmcb, save.kernel_gs_base, 0x620);
VMCB_CHECK(struct vmcb, save.cr2, 0x640);
VMCB_CHECK(struct vmcb, save.g_pat, 0x668);
VMCB_CHECK(struct vmcb, save.last_excp_to, 0x690);
_Static_assert(sizeof(struct vmcb) == 4096, "a VMCB is one page");

/* intercept_misc1 (0x00c) */
#define INTERCEPT_CR8_WRITE  (1u << 24) /* intercept_cr (0x000): writes of CR8 */
#define INTERCEPT1_INTR      (1u << 0)
#define INTERCEPT1_NMI       (1u << 1)
#define INTERCEPT1_SMI       (1u << 2)
#define INTERCEPT1_INIT      (1u << 3)
#define INTERCEPT1_VINTR     (1u << 4)
#define INTERCEPT1_RDTSC     (1u << 14)
#define INTERCEPT1_CPUID     (1u << 18)
#define INTERCEPT1_INVD      (1u << 22)
#define INTERCEPT1_HLT       (1u << 24)
#define INTERCEPT1_IOIO      (1u << 27)
#define INTERCEPT1_MSR       (1u << 28)
#define INTERCEPT1_SHUTDOWN  (1u << 31)
#define INTERCEPT1_IRET      (1u << 20)
/* intercept_misc2 (0x010) */
#define INTERCEPT2_VMRUN     (1u << 0)
#define INTERCEPT2_VMMCALL   (1u << 1)
#define INTERCEPT2_VMLOAD    (1u << 2)
#define INTERCEPT2_VMSAVE    (1u << 3)
#define INTERCEPT2_STGI      (1u << 4)
#define INTERCEPT2_CLGI      (1u << 5)
#define INTERCEPT2_SKINIT    (1u << 6)
#define INTERCEPT2_RDTSCP    (1u << 7)
#define INTERCEPT2_XSETBV    (1u << 13)

#define VINTR_MASKING        (1ull << 24)
/* interrupt_shadow (0x068): bit 0 the shadow; bit 1 GUEST_INTERRUPT_MASK, the guest's
 * RFLAGS.IF, written at #VMEXIT for SEV-ES guests (their RFLAGS is in the VMSA). */
#define INTERRUPT_SHADOW     (1ull << 0)
#define GUEST_INTERRUPT_MASK (1ull << 1)
#define NP_ENABLE            (1ull << 0)
#define TLB_CONTROL_FLUSH_ALL 1

/* EVENTINJ / EXITINTINFO */
#define EVENT_VALID          (1ull << 31)
#define EVENT_ERROR_VALID    (1ull << 11)
#define EVENT_TYPE_INTR      (0ull << 8)
#define EVENT_TYPE_NMI       (2ull << 8)
#define EVENT_TYPE_EXCEPTION (3ull << 8)
#define EVENT_TYPE_SOFTINT   (4ull << 8)

/* EXITINFO1 of an IOIO exit */
#define IOIO_IN              (1u << 0)
#define IOIO_STRING          (1u << 2)
#define IOIO_REP             (1u << 3)
#define IOIO_SIZE_SHIFT      4 /* bits 4..6: 8/16/32-bit operand, one-hot */
#define IOIO_PORT_SHIFT      16

/* EXITINFO1 of a nested page fault */
#define NPF_PRESENT          (1ull << 0)
#define NPF_WRITE            (1ull << 1)
#define NPF_RSVD             (1ull << 3) /* a reserved bit set in the nested entry */
#define NPF_FETCH            (1ull << 4)

/* Exit codes (APM vol. 2, appendix C). */
enum svm_exit {
	SVM_EXIT_WRITE_CR8 = 0x018, SVM_EXIT_EXCP_BASE = 0x040,
	SVM_EXIT_INTR = 0x060, SVM_EXIT_NMI = 0x061, SVM_EXIT_SMI = 0x062, SVM_EXIT_INIT = 0x063,
	SVM_EXIT_VINTR = 0x064,
	SVM_EXIT_RDTSC = 0x06e, SVM_EXIT_CPUID = 0x072, SVM_EXIT_IRET = 0x074, SVM_EXIT_INVD = 0x076,
	SVM_EXIT_HLT = 0x078, SVM_EXIT_IOIO = 0x07b, SVM_EXIT_MSR = 0x07c,
	SVM_EXIT_SHUTDOWN = 0x07f, SVM_EXIT_VMRUN = 0x080, SVM_EXIT_VMMCALL = 0x081,
	SVM_EXIT_VMLOAD = 0x082, SVM_EXIT_VMSAVE = 0x083, SVM_EXIT_STGI = 0x084,
	SVM_EXIT_CLGI = 0x085, SVM_EXIT_SKINIT = 0x086, SVM_EXIT_RDTSCP = 0x087,
	SVM_EXIT_XSETBV = 0x08d, SVM_EXIT_NPF = 0x400, SVM_EXIT_VMGEXIT = 0x403,
	/* VMEXIT_INVALID is -1; QEMU returns it as 0x00000000ffffffff: compare 32 bits. */
	SVM_EXIT_INVALID_LOW32 = 0xffffffffu,
};

#endif
