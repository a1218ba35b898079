/* Decoding ESR_EL2 syndromes of the exits testvisor emulates: data aborts with a valid
 * instruction syndrome (MMIO) and trapped MSR/MRS/SYS. Pure logic, host unit-tested. */
#ifndef ARM64_SYNDROME_H
#define ARM64_SYNDROME_H

#include <stdbool.h>
#include <stdint.h>

struct dabt_access {
	unsigned size;      /* bytes: 1, 2, 4, 8 */
	unsigned reg;       /* Xt; 31 = XZR */
	bool write;
	bool sign_extend;
	bool sixty_four;    /* the register is 64-bit (SF) */
};

/* False when the abort has no valid instruction syndrome (ISV = 0). */
bool dabt_decode(uint64_t esr, struct dabt_access *out);
/* The value a load of `raw` (size bytes) leaves in the register. */
uint64_t dabt_load_value(const struct dabt_access *a, uint64_t raw);
/* The faulting IPA from HPFAR_EL2 and FAR_EL2. */
uint64_t dabt_ipa(uint64_t hpfar, uint64_t far);

struct sysreg_access {
	uint32_t enc;       /* SYS_ENC(op0, op1, CRn, CRm, op2) */
	unsigned rt;
	bool read;          /* MRS (or SYSL) */
};

void sysreg_decode(uint64_t esr, struct sysreg_access *out);

/* ESR_EL1 of a synchronous External abort injected into a guest: an instruction abort
 * (`fetch`) or a data abort (WnR from `write`), taken from EL0 or from EL1, FSC 0b010000. */
uint64_t sea_syndrome(bool fetch, bool from_el0, bool write);

#endif
