/* Fine-grained traps described by data: one row per trap bit of HFGRTR/HFGWTR/HFGITR/
 * HDFGRTR/HDFGWTR/HAFGRTR_EL2 and of their FEAT_FGT2 counterparts (HFGRTR2_EL2 ...), naming the feature that gives the bit its meaning. From the rows:
 * the RES0 mask of each trap register, each VM's trap values and its FGU set (everything
 * of a feature hidden from the VM UNDEFs). Validation rejects a bit described twice, a bit
 * in an architecturally RES0 position, and a register with undescribed non-RES0 bits.
 * Pure logic (fgt.c), host unit-tested; the rows are in fgt_table.c. */
#ifndef ARM64_FGT_H
#define ARM64_FGT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arm64/cpu_view.h>

/* A system register or instruction encoding as a 16-bit key (the ESR_EL2 ISS order of
 * op0:op1:CRn:CRm:op2). */
#define SYS_ENC(op0, op1, crn, crm, op2) \
	((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

enum fgt_action {
	FGT_PASS,   /* exposed: not trapped, the guest reaches the hardware */
	FGT_RAZWI,  /* exposed: trapped and emulated as read-as-zero / writes ignored */
};

/* One trapped register or instruction encoding, with the key bits that vary within a
 * register group (e.g. ERXMISC0..3: op2 bits 1:0). */
struct sysreg_enc {
	uint32_t enc;
	uint32_t mask;
};

struct fgt_row {
	uint8_t reg;        /* enum fgt_reg_id */
	uint8_t bit;
	bool negative;      /* an nXXX bit: 0 traps, 1 does not */
	uint8_t feature;    /* enum cpu_feature */
	const char *name;
	const struct sysreg_enc *encs; /* what the bit traps (Arm ARM encodings) */
	uint8_t nr_encs;
	uint8_t action;     /* enum fgt_action, for an exposed feature */
	bool enc_unknown;   /* a documented gap: no encoding written yet (FGT2 only) */
};

struct fgt_table {
	const struct fgt_row *rows;
	size_t nr_rows;
	const uint64_t *arch_res0; /* [FGT_NR_REGS]: RES0 bits per the architecture */
	uint32_t described;        /* bit per register the table describes */
};

extern const struct fgt_table fgt_builtin;
extern const char *const fgt_reg_names[FGT_NR_REGS];

/* Returns 0, or -1 with the first inconsistency in `err`. Besides the bit layout, every row
 * of a feature other than FEAT_BASE must name what it traps (or be a marked gap), so that
 * an access of a hidden feature can always be recognised and made UNDEF. */
int fgt_validate(const struct fgt_table *t, char *err, size_t errlen);

/* The features the rows of the registers in `regs` (bit per enum fgt_reg_id) belong to. */
uint64_t fgt_features_of(const struct fgt_table *t, uint32_t regs);

/* RES0 mask of `reg` computed from the rows (bits no row describes). */
uint64_t fgt_res0(const struct fgt_table *t, unsigned reg);

/* A VM's trap values and FGU set. Bits of features the host lacks stay 0 (they are RES0
 * on this CPU); bits of features hidden from the VM trap and are in the FGU set; bits of
 * exposed features trap only when their row emulates them (FGT_RAZWI). */
void fgt_compile(const struct fgt_table *t, uint64_t host_features, uint64_t vm_features,
		 uint64_t fgt[FGT_NR_REGS], uint64_t fgu[FGT_NR_REGS]);

/* The row of `reg` that covers encoding `enc`, or NULL; where several match (PMEVTYPER<n>
 * and PMCCFILTR_EL0), the most specific encoding wins. */
const struct fgt_row *fgt_find(const struct fgt_table *t, unsigned reg, uint32_t enc);

#endif
