/* The two SEV-SNP backends behind one launch path: hardware (a real EPYC with SNP,
 * sev/sev_hw.c) and emulated (everything else, sev/sev_emul.c). */
#ifndef X86_SEV_BACKEND_H
#define X86_SEV_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <x86/psp.h>
#include <x86/sev_policy.h>
#include <x86/snp_launch.h>
#include <hv/addr.h>

struct vcpu;

struct sev_backend {
	const char *name;
	bool hardware;
	struct sev_caps caps;        /* what the real or modelled CPU offers */
	struct psp_transport psp;    /* mailbox or model PSP */
	struct snp_rmp rmp;          /* RMPUPDATE: the instruction or the model's table */
	/* Runs the vCPU from its launched VMSA: on hardware the VMCB's VMSA pointer and the
	 * SEV and SEV-ES enable bits; the emulated backend keeps running it from the VMCB. */
	void (*use_vmsa)(struct vcpu *vcpu, paddr_t vmsa);
};

/* Hardware backend: true when the CPU, the firmware and the PSP allow real SNP guests
 * (every path is guarded by CPUID, SYSCFG.SNPEn, the RMP MSRs and a PSP on PCI);
 * otherwise `why` says what is missing. */
bool sev_hw_probe(struct sev_backend *b, char *why, size_t len);
/* Emulated backend: a modelled SNP CPU (Secure TSC, ALLOWED_SEV_FEATURES) and model PSP. */
void sev_emul_init(struct sev_backend *b, unsigned nr_asids);

#endif
