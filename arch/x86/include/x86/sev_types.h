/* SEV-SNP state of a VM (filled by arch/x86/sev/). */
#ifndef X86_SEV_TYPES_H
#define X86_SEV_TYPES_H

#include <stdbool.h>
#include <stdint.h>

struct sev_vm {
	bool enabled;              /* the VM is an (emulated or real) SNP guest */
	bool hardware;             /* real SNP backend rather than the emulated one */
	bool launched;             /* LAUNCH_FINISH done: TSC parameters locked */
	uint64_t sev_features;     /* SEV_FEATURES the guest runs with (VMSA) */
	uint64_t allowed_features; /* VMCB 0x138 value (bit 63 = check enabled) */
	uint64_t guest_tsc_hz;     /* Secure TSC: the launch frequency */
	uint64_t tsc_offset;       /* locked at launch with Secure TSC */
	uint64_t ghcb_msr;         /* last value the guest wrote to MSR 0xC0010130 */
	unsigned tsc_change_refusals; /* hypervisor TSC changes refused after launch */
};

#endif
