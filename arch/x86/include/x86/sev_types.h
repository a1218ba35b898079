/* SEV-SNP state of a VM (arch/x86/sev/). */
#ifndef X86_SEV_TYPES_H
#define X86_SEV_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include <x86/snp_launch.h>
#include <x86/sev_switches.h>

#define SEV_SHARED_PAGES_MAX 16

/* Per vCPU: the GHCB MSR lives in each vCPU's VMSA, and each registers its own GHCB. */
struct sev_vcpu {
	uint64_t ghcb_msr;         /* GHCB MSR as the guest reads it (last response) */
	uint64_t ghcb_registered;  /* SNP: the GHCB GPA this vCPU registered (0: none) */
	uint64_t vmsa_gpa;         /* an AP's VMSA, from its creation (0: the launch's) */
	bool hvdb_set;             /* Restricted Injection: a #HV doorbell page registered */
	uint64_t hvdb_gpa;         /* ... at this GPA (x86/hv_doorbell.h) */
};

struct sev_vm {
	int type;                  /* enum sev_guest_type; SEV_GUEST_NONE: a plain guest */
	bool hardware;             /* real SNP backend rather than the emulated one */
	bool launched;             /* LAUNCH_FINISH done: Secure TSC parameters locked */
	bool secure_tsc;
	uint64_t features;         /* SEV_FEATURES the guest runs with (VMSA) */
	uint64_t allowed;          /* ALLOWED_SEV_FEATURES (VMCB 0x138, bit 63 = enabled) */
	uint64_t guest_tsc_hz;     /* Secure TSC: the launch frequency */
	paddr_t gctx;              /* firmware guest context page (pa 0: none) */
	paddr_t vmsa;              /* vCPU 0's VMSA page (pa 0: none); Secure TSC values in it */
	struct snp_launch_params launch;  /* what was launched, for retiring it */
	unsigned ghcb_version;     /* GHCB protocol version the VM speaks (ghcb_version=) */
	/* SNP: pages the guest made shared by page-state changes (a change inside a 2 MiB RMP
	 * entry of `pages` splits it first, docs/x86-sev.md) */
	uint64_t shared_gfns[SEV_SHARED_PAGES_MAX];
	unsigned nr_shared;
	/* Emulated backend: the C-bit as a guest-physical address bit (1 << C-bit). Guest RAM
	 * is mapped a second time at it (the private view); an SNP guest's view without it
	 * holds only the pages it made shared (svm/vm.c). */
	uint64_t cbit_mask;
	/* Emulated SNP: each RAM page's validated, VMSA and 2 MiB-entry state in the modelled
	 * RMP (PVALIDATE, RMPADJUST; x86/snp_rmp_insn.h), one per 4 KiB page. */
	struct snp_page *pages;
	paddr_t pages_pa;
	unsigned pages_alloc;
	uint64_t secrets_gpa;      /* SNP: the secrets page the launch fills (0: none) */
	uint32_t switches;         /* the flipped switches (x86/sev_switches.h) */
	/* Reserved bits of the nested entries mapping emulated device pages, so that the
	 * guest's MMIO is #VC (svm/vm.c); 0 with sev_mmio_npt=absent: not present, an
	 * automatic exit testvisor can only stop the guest at. */
	uint64_t mmio_npt_reserved;
	unsigned tsc_change_refusals;  /* hypervisor TSC changes without effect (Secure TSC) */
	char invalid_reason[112];  /* why the modelled VMRUN check failed */
};

#endif
