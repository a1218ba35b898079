/* x86_64 (AMD SVM) per-VM and per-vCPU state, and what guest images must be. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include <x86/sev_types.h>
#include <x86/debug_regs.h>
#include <x86/debug_trace.h>
#include <x86/x2apic.h>
#include <x86/ioapic.h>
#include <x86/pit.h>
#include <x86/pic8259.h>

/* Payloads are multiboot v1 images: ELF32 (converted from ELF64), EM_386, little endian. */
#define ARCH_ELF_MACHINE 3
#define ARCH_ELF_CLASS 1
#define ARCH_ELF_DATA 1
#define ARCH_GUEST_RAM_BASE 0x0ull
#define ARCH_GUEST_RAM_DEFAULT (16ull << 20)
/* ... or bzImages (Linux boot protocol), as QEMU's -kernel takes them (docs/x86.md). */
#define ARCH_LINUX_IMAGE LINUX_IMAGE_X86_BZIMAGE

struct vmcb;

/* Guest general registers VMRUN does not switch (RAX, RSP, RIP live in the VMCB). The
 * layout is known to vmrun.asm. */
struct svm_gprs {
	uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

/* What makes the VM's vCPUs exit (VMCB 0x008-0x010): testvisor's defaults (vcpu.c)
 * plus what the VM's features need (Secure TSC: RDTSC/RDTSCP). */
struct svm_intercepts {
	uint32_t exceptions, misc1, misc2;
};

struct arch_vm {
	paddr_t npt_root;        /* nested page tables (PML4) */
	unsigned asid;
	paddr_t msrpm, iopm;     /* MSR and I/O permission maps, shared by the VM's vCPUs */
	struct svm_intercepts intercepts;
	uint64_t cpuid_hidden;   /* cpu_features[] the VM's configuration hides (x86/cpu_view.h) */
	bool boot_data_available; /* mb_boot_data=available: boot data listed as RAM, as QEMU does */
	uint32_t sev_cpuid[4];   /* CPUID 0x8000001F as this VM sees it (SEV, issue 5) */
	struct sev_vm sev;       /* SEV-SNP launch state (issue 5) */
	struct break_config breaks; /* break= (debug_break.c) */
	struct ioapic ioapic;    /* at 0xFEC00000 (x86/ioapic.h) */
	struct pit pit;          /* ports 0x40-0x43, 0x61 (x86/pit.h) */
	struct pic8259 pic[2];   /* master 0x20, slave 0xA0 (x86/pic8259.h) */
};

/* The last guest page-table walk for the code page (guest_state.c): valid while CR3 and
 * every entry it read are unchanged, which is checked on each use, so it is never stale. */
struct walk_cache {
	uint64_t cr3, gva_page;      /* guest CR3 and virtual page */
	ipaddr_t gpa_page;
	const uint8_t *host_page;    /* the code page in testvisor's view (NULL: not RAM) */
	const uint64_t *entry[5];    /* 5 levels with CR4.LA57 */
	uint64_t value[5];
	unsigned nr_entries;         /* 0: empty */
	bool cr4_la57;               /* the walk had 5 levels */
};

struct arch_vcpu {
	struct vmcb *vmcb;
	paddr_t vmcb_pa;
	struct svm_gprs gprs;
	void *fpu;               /* the guest's FXSAVE image (512 bytes, page of its own) */
	uint64_t msr_tsc_writes; /* IA32_TSC writes seen, for reports */
	uint32_t tsc_aux;        /* TSC_AUX (msr_view.c), loaded before VMRUN */
	struct walk_cache code_walk;
	uint64_t insn_len_nrip;    /* instruction lengths taken from nRIP */
	uint64_t insn_len_decoded; /* ... and from the decoder */
	bool clean_snap_valid;     /* clean_snap holds the VMCB as the last #VMEXIT left it */
	uint8_t clean_snap[320];   /* VMCB_CLEAN_SNAPSHOT_MAX (x86/exit_assist.h) */
	struct x86_guest_drs drs; /* DR0-DR3: not in the VMCB (x86/debug_regs.h) */
	struct trace_state trace; /* trace= (x86/debug_trace.h) */
	struct x2apic apic;       /* its local APIC (x86/x2apic.h) */
	bool wait_for_sipi;       /* an AP after INIT: a STARTUP IPI starts it */
	bool yield;               /* give the CPU to the other vCPUs after this exit */
	bool nmi_blocked;         /* from an NMI's delivery until its IRET completes */
	bool nmi_iret;            /* the handler's IRET exited at nmi_iret_rip: it completes */
	uint64_t nmi_iret_rip;    /* when RIP is elsewhere (vapic.c) */
	/* An SEV-ES/SNP vCPU's registers while testvisor handles its exit: on hardware they
	 * stay in the encrypted VMSA, so exit handlers find gprs, the VMCB's RAX zeroed and its
	 * RFLAGS at the reset value 2
	 * (sev_es_cpu.c seals them after the exit and unseals them before VMRUN). */
	struct sev_vcpu sev;      /* its SEV-ES/SNP state (x86/sev_types.h) */
	struct {
		struct svm_gprs gprs;
		uint64_t rax, rflags;
		bool sealed;
	} sev_es_vmsa;
};

#endif
