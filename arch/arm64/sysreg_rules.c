/* The rules for a VM's trapped system register accesses, by register class:
 *  - the ID register space (HCR_EL2.TID3): answered from the VM's view, writes UNDEF;
 *  - ICC_SGI1R/SGI0R/ASGI1R_EL1 writes (HCR_EL2.IMO/FMO): SGIs of Group 1 or 0;
 *  - the RAS error record registers (HCR_EL2.TERR, and FIEN = 0 for ERXPFG*): UNDEF below
 *    the RAS level each needs, RAZ/WI from it on (no error records: ERRIDR_EL1.NUM = 0);
 *  - anything an FGT row names (or a coarse trap catches: MDCR_EL2.TPM/TPMCR, HCR_EL2.TLOR,
 *    APK, EnSCXT): UNDEF when the row's feature is not the VM's (FGU), RAZ/WI when the row
 *    emulates it, otherwise unexpected (an exposed feature is not trapped).
 * Sources per rule: docs/arm64-traps.md. */
#include <stddef.h>
#include <arm64/fgt.h>
#include <arm64/sysreg_rules.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int sysreg_id_index(uint32_t enc)
{
	static const struct { uint32_t enc; enum id_reg idx; } map[] = {
		{ SYS_ENC(3, 0, 0, 4, 0), ID_AA64PFR0 }, { SYS_ENC(3, 0, 0, 4, 1), ID_AA64PFR1 },
		{ SYS_ENC(3, 0, 0, 4, 4), ID_AA64ZFR0 }, { SYS_ENC(3, 0, 0, 4, 5), ID_AA64SMFR0 },
		{ SYS_ENC(3, 0, 0, 5, 0), ID_AA64DFR0 }, { SYS_ENC(3, 0, 0, 5, 1), ID_AA64DFR1 },
		{ SYS_ENC(3, 0, 0, 5, 4), ID_AA64AFR0 }, { SYS_ENC(3, 0, 0, 5, 5), ID_AA64AFR1 },
		{ SYS_ENC(3, 0, 0, 6, 0), ID_AA64ISAR0 }, { SYS_ENC(3, 0, 0, 6, 1), ID_AA64ISAR1 },
		{ SYS_ENC(3, 0, 0, 6, 2), ID_AA64ISAR2 }, { SYS_ENC(3, 0, 0, 7, 0), ID_AA64MMFR0 },
		{ SYS_ENC(3, 0, 0, 7, 1), ID_AA64MMFR1 }, { SYS_ENC(3, 0, 0, 7, 2), ID_AA64MMFR2 },
		{ SYS_ENC(3, 0, 0, 7, 3), ID_AA64MMFR3 }, { SYS_ENC(3, 0, 0, 7, 4), ID_AA64MMFR4 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(map); i++)
		if (map[i].enc == enc)
			return (int)map[i].idx;
	return -1;
}

/* op0=3 op1=0 CRn=0 CRm=1..7: the ID space HCR_EL2.TID3 traps. */
static bool id_space(uint32_t enc)
{
	return (enc & ~SYS_ENC(0, 0, 0, 7, 7)) == SYS_ENC(3, 0, 0, 0, 0) && ((enc >> 3) & 0xf) >= 1;
}

/* The registers HCR_EL2.TERR (and, for ERXPFG*, HCR_EL2.FIEN = 0) trap, with the RAS level
 * from which each exists (Arm ARM: "present only when FEAT_RAS / FEAT_RASv1p1 is
 * implemented. Otherwise, direct accesses ... are UNDEFINED"). */
static const struct {
	uint32_t enc, mask;
	enum ras_level needs;
	const char *name;
} ras_regs[] = {
	{ SYS_ENC(3, 0, 5, 3, 0), 0, RAS_V1, "ERRIDR_EL1" },
	{ SYS_ENC(3, 0, 5, 3, 1), 0, RAS_V1, "ERRSELR_EL1" },
	{ SYS_ENC(3, 0, 5, 4, 0), 3, RAS_V1, "ERXFR/ERXCTLR/ERXSTATUS/ERXADDR_EL1" },
	{ SYS_ENC(3, 0, 5, 4, 4), 3, RAS_V1P1, "ERXPFGF/ERXPFGCTL/ERXPFGCDN_EL1" },
	{ SYS_ENC(3, 0, 5, 5, 0), 1, RAS_V1, "ERXMISC0/1_EL1" },
	{ SYS_ENC(3, 0, 5, 5, 2), 1, RAS_V1P1, "ERXMISC2/3_EL1" },
};

/* The FGT row naming the access: the registers of its direction first (HFGITR/HFGITR2 for
 * SYS instructions, the read or write registers for MRS/MSR); then any row with that
 * encoding, for a coarse trap that catches a direction no FGT bit covers (PMCR_EL0 reads
 * under MDCR_EL2.TPMCR take the feature of HDFGWTR_EL2.PMCR_EL0). */
static const struct fgt_row *fgt_row_of(uint32_t enc, bool read, bool *other_direction)
{
	static const uint8_t insn_regs[] = { FGT_HFGITR, FGT_HFGITR2 };
	static const uint8_t write_regs[] = { FGT_HFGWTR, FGT_HDFGWTR, FGT_HFGWTR2, FGT_HDFGWTR2 };
	static const uint8_t read_regs[] = { FGT_HFGRTR, FGT_HDFGRTR, FGT_HAFGRTR, FGT_HFGRTR2,
					     FGT_HDFGRTR2 };
	const struct { const uint8_t *regs; size_t n; } by_kind[3] = {
		{ write_regs, ARRAY_LEN(write_regs) }, { read_regs, ARRAY_LEN(read_regs) },
		{ insn_regs, ARRAY_LEN(insn_regs) },
	};
	unsigned kind = (enc >> 14) == 1 ? 2 : read ? 1 : 0;
	const struct fgt_row *r = NULL;
	for (size_t i = 0; i < by_kind[kind].n && !r; i++)
		r = fgt_find(&fgt_builtin, by_kind[kind].regs[i], enc);
	*other_direction = !r;
	for (unsigned reg = 0; reg < FGT_NR_REGS && !r; reg++)
		r = fgt_find(&fgt_builtin, reg, enc);
	return r;
}

struct sysreg_decision sysreg_classify(const struct cpu_view *v, uint32_t enc, bool read)
{
	if (id_space(enc))
		return (struct sysreg_decision){ read ? SR_ID_READ : SR_UNDEF, "ID register space" };
	static const struct { uint32_t enc; enum sysreg_outcome outcome; const char *name; } sgi[] = {
		{ SYS_ENC(3, 0, 12, 11, 5), SR_SGI1, "ICC_SGI1R_EL1" },
		{ SYS_ENC(3, 0, 12, 11, 6), SR_SGI0, "ICC_ASGI1R_EL1" },
		{ SYS_ENC(3, 0, 12, 11, 7), SR_SGI0, "ICC_SGI0R_EL1" },
	};
	for (unsigned i = 0; i < ARRAY_LEN(sgi) && !read; i++)
		if (enc == sgi[i].enc)
			return (struct sysreg_decision){ sgi[i].outcome, sgi[i].name };
	for (unsigned i = 0; i < ARRAY_LEN(ras_regs); i++)
		if ((enc & ~ras_regs[i].mask) == ras_regs[i].enc)
			return (struct sysreg_decision){ v->ras < ras_regs[i].needs ? SR_UNDEF : SR_RAZWI,
							 ras_regs[i].name };
	bool other_direction;
	const struct fgt_row *row = fgt_row_of(enc, read, &other_direction);
	if (!row)
		return (struct sysreg_decision){ SR_UNEXPECTED, "no rule" };
	if (!(v->features & FEAT_BIT(row->feature)))
		return (struct sysreg_decision){ SR_UNDEF, row->name }; /* FGU, or a coarse trap */
	/* An exposed feature traps only where its row emulates it, in that direction. */
	bool emulated = row->action == FGT_RAZWI && !other_direction;
	return (struct sysreg_decision){ emulated ? SR_RAZWI : SR_UNEXPECTED, row->name };
}
