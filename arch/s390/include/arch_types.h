/* s390x per-VM and per-vCPU state. A guest runs either in problem state under a DAT
 * table testvisor builds (no SIE: every privileged instruction is emulated) or under SIE
 * where the facility exists; see docs/s390.md. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include "per_event.h"
#include <break_config.h>
#include <trace_config.h>
#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include "chp_events.h"
#include "css.h"
#include "shadow_dat.h"

#define ARCH_ELF_MACHINE 22 /* EM_S390 */
#define ARCH_ELF_CLASS 2
#define ARCH_ELF_DATA 2
#define ARCH_GUEST_RAM_BASE 0x0ULL
#define ARCH_GUEST_RAM_DEFAULT (32ULL * 1024 * 1024)
/* -kernel takes raw images too: at 0, Linux ones ("S390EP") entered at 0x10000. */
#define ARCH_LINUX_IMAGE LINUX_IMAGE_S390
/* -initrd at 8 MiB, 1 MiB higher per MiB of kernel beyond 7 (hw/s390x/ipl.c). */
#define ARCH_INITRD_FIXED_START 0x800000ULL
#define ARCH_INITRD_STEP 0x100000ULL

/* What the entry code saves and loads around a guest run (offsets used by entry.S). */
struct guest_ctx {
	uint64_t gprs[16];      /* 0x00 */
	uint64_t psw_mask;      /* 0x80: the real PSW to load / the old PSW at exit */
	uint64_t psw_addr;      /* 0x88 */
	uint64_t host_regs[10]; /* 0x90: r6..r15 of the host */
	uint64_t exit_kind;     /* 0xe0: enum guest_exit_kind */
};

enum guest_exit_kind { EXIT_PGM = 1, EXIT_EXT, EXIT_SVC, EXIT_IO, EXIT_MCCK };

/* Interruptions waiting to be presented to the guest. */
struct pending_irqs {
	bool service_signal;
	uint32_t service_param;
	bool emergency;
	uint16_t emergency_cpu;
	bool external_call;
	bool clock_comp;
	bool cpu_timer;
	bool crw;               /* channel report pending machine check */
};

struct arch_vcpu {
	struct guest_ctx ctx;
	uint64_t psw_mask, psw_addr; /* the guest's own (virtual) PSW */
	uint64_t cr[16];
	bool real_cr0_stale;    /* the guest loaded CR0: the real one must follow */
	uint64_t real_cr0;      /* what the real CR0 holds while the guest runs */
	uint32_t prefix;
	uint64_t ckc;           /* clock comparator */
	int64_t cpu_timer_at;   /* TOD value at which the guest's CPU timer reaches 0 */
	uint64_t tod_epoch;     /* added to the host TOD clock (SCK) */
	struct pending_irqs irq;
	uint16_t insn_pgm;      /* program exception of the instruction being emulated */
	uint64_t last_pgm_code; /* of the last host-side program interruption */
	uint64_t last_tea;
	uint64_t emulated;      /* privileged instructions emulated */
	uint64_t reflected;     /* program interruptions passed to the guest */
	unsigned pgm_loop;      /* consecutive ones raised at the program new PSW */
	struct per_event per_emulated; /* PER event of an emulated instruction (debug_per.c) */
	struct per_trace trace;       /* trace= (debug_per_trace.c) */
	/* Resources, kept across resets: */
	paddr_t segment_table;  /* the vCPU's real space (problem-state backend) */
	paddr_t prefix_page_tables; /* its private page tables for the prefix swap */
	paddr_t sie_block;      /* SIE backend: the state description (one page) */
	struct shadow_dat shadow; /* problem-state backend, guest DAT on (shadow_dat.c) */
	uint64_t host_asce[3];  /* what the real CR1, CR7, CR13 hold while the guest runs */
};

struct guest_backend;

struct arch_vm {
	const struct guest_backend *backend;
	paddr_t segment_table;  /* 2048 entries: guest real addresses below 2 GiB */
	paddr_t page_tables;    /* one 2 KiB page table per MiB of guest RAM */
	size_t page_table_pages;
	struct css css;         /* the virtual channel subsystem */
	struct chp_schedule chp_events; /* channel-path changes testvisor plays (config) */
	uint64_t start_tod;     /* when vCPU 0 was set up: the events' time base */
	uint32_t sclp_event_mask;
	/* Assumptions the guest's configuration can switch (docs/s390.md, config_keys.c): */
	char vm_name[9];        /* STSI 3.2.2 VM name (stsi_vm_name) */
	bool stop_loops;        /* stop a guest whose interruptions cannot reach a handler */
	struct break_config breaks; /* break= (debug_per_break.c) */
};

#endif
