/* testvisor's VMMCALL interface on x86_64, shared by testvisor and the payloads:
 * RAX = call number, RBX/RCX/RDX = arguments; RAX returns the result. An unknown call
 * stops the guest (it is a bug in the payload, not something to paper over). */
#ifndef X86_HYPERCALL_H
#define X86_HYPERCALL_H

enum tv_hypercall {
	HC_NOP = 0,                    /* returns 0: the exit round-trip benchmark */
	HC_SEV_HV_SET_TSC_OFFSET = 0x10, /* RBX = new offset: the hypervisor tries to change
					  * the guest's TSC; returns 0 applied, 1 refused */
	HC_SEV_TRY_LAUNCH = 0x11,      /* RBX = SEV_FEATURES, RCX = ALLOWED_SEV_FEATURES
					  * (bit 63 = enabled), RDX = 1 for an SEV-ES (not SNP)
					  * guest: the VMRUN-time check; returns HC_LAUNCH_* */
	HC_SEV_GUEST_FEATURES = 0x12,  /* returns the VMCB's GUEST_SEV_FEATURES (0x140) */
	HC_ASID = 0x13,                /* returns the guest's ASID (SEV ASID ranges) */
	HC_TIME_NS = 0x20,             /* testvisor's clock in ns: a reference for TSC checks */
};

enum hc_launch_result {
	HC_LAUNCH_RUNS = 0,            /* VMRUN would enter the guest */
	HC_LAUNCH_VMEXIT_INVALID = 1,  /* VMRUN fails with VMEXIT_INVALID */
};

#endif
