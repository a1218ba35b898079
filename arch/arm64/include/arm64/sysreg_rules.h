/* What a trapped MSR/MRS/SYS access (ESR_EL2.EC 0x18) of a VM means, decided from the VM's
 * CPU view alone: pure logic (sysreg_rules.c), host unit-tested. sysreg_trap.c carries it
 * out. Rules and sources: docs/arm64-traps.md. */
#ifndef ARM64_SYSREG_RULES_H
#define ARM64_SYSREG_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <arm64/cpu_view.h>

enum sysreg_outcome {
	SR_ID_READ,    /* an ID register read: answered from the view (sysreg_id_index) */
	SR_UNDEF,      /* the VM does not have it: inject UNDEF */
	SR_RAZWI,      /* emulated: reads give 0, writes are ignored */
	SR_SGI1,       /* ICC_SGI1R_EL1 write: a Group 1 SGI request through the guest's GIC */
	SR_SGI0,       /* ICC_SGI0R_EL1 or ICC_ASGI1R_EL1 write: a Group 0 SGI request */
	SR_UNEXPECTED, /* a trap no rule explains: stop the guest */
};

struct sysreg_decision {
	enum sysreg_outcome outcome;
	const char *rule; /* the table row or rule that decided, for logs and tests */
};

/* `enc` is SYS_ENC(op0, op1, CRn, CRm, op2) of the access, `read` its direction (MRS or
 * SYSL). */
struct sysreg_decision sysreg_classify(const struct cpu_view *v, uint32_t enc, bool read);

/* Index of an AArch64 ID register in the view (enum id_reg), or -1 for the rest of the
 * TID3 space (AArch32 and reserved ID registers, which read as zero). */
int sysreg_id_index(uint32_t enc);

#endif
