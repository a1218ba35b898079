/* Features and the ID register fields that announce them (Arm ARM field layouts). */
#include <arm64/features.h>

struct id_field_req {
	uint8_t reg;   /* enum id_reg */
	uint8_t shift;
	uint8_t min;   /* field value from which the feature is present */
};

struct feature_desc {
	const char *name;   /* for the hide= configuration key; NULL: a VM cannot hide it */
	struct id_field_req fields[6];
	uint8_t nr_fields;  /* 0: always present */
};

#define F(reg, shift, min) { ID_AA64##reg, shift, min }
static const struct feature_desc features[FEAT_COUNT] = {
	[FEAT_BASE] = { NULL, { { 0 } }, 0 },
	[FEAT_RAS] = { NULL, { F(PFR0, 28, 1) }, 1 },             /* by ras= instead */
	[FEAT_RASV1P1] = { NULL, { F(PFR0, 28, 2), F(PFR1, 12, 1) }, 2 },
	[FEAT_LOR] = { "lor", { F(MMFR1, 16, 1) }, 1 },
	[FEAT_PAUTH] = { "pauth", { F(ISAR1, 4, 1), F(ISAR1, 8, 1), F(ISAR1, 24, 1),
				    F(ISAR1, 28, 1), F(ISAR2, 12, 1), F(ISAR2, 8, 1) }, 6 },
	[FEAT_CSV2_2] = { "csv2", { F(PFR0, 56, 2) }, 1 },
	[FEAT_SPECRES] = { "specres", { F(ISAR1, 40, 1) }, 1 },
	[FEAT_SPECRES2] = { "specres2", { F(ISAR1, 40, 2) }, 1 },
	[FEAT_DPB] = { "dpb", { F(ISAR1, 0, 1) }, 1 },
	[FEAT_DPB2] = { "dpb2", { F(ISAR1, 0, 2) }, 1 },
	[FEAT_PAN2] = { "pan2", { F(MMFR1, 20, 2) }, 1 },
	[FEAT_TLBIOS] = { NULL, { F(ISAR0, 56, 1) }, 1 },
	[FEAT_TLBIRANGE] = { NULL, { F(ISAR0, 56, 2) }, 1 },
	[FEAT_LS64_ACCDATA] = { NULL, { F(ISAR1, 60, 3) }, 1 },
	[FEAT_SME] = { NULL, { F(PFR1, 24, 1) }, 1 },
	[FEAT_THE] = { NULL, { F(PFR1, 48, 1) }, 1 },
	[FEAT_S1PIE] = { NULL, { F(MMFR3, 8, 1) }, 1 },
	[FEAT_S1POE] = { NULL, { F(MMFR3, 16, 1) }, 1 },
	[FEAT_S2POE] = { NULL, { F(MMFR3, 20, 1) }, 1 },
	[FEAT_AIE] = { NULL, { F(MMFR3, 24, 1) }, 1 },
	[FEAT_GICV3] = { NULL, { F(PFR0, 24, 1) }, 1 },
	[FEAT_BRBE] = { NULL, { F(DFR0, 52, 1) }, 1 },
	[FEAT_GCS] = { NULL, { F(PFR1, 44, 1) }, 1 },
	[FEAT_ATS1A] = { NULL, { F(ISAR2, 60, 1) }, 1 },
	[FEAT_SPE] = { NULL, { F(DFR0, 32, 1) }, 1 },
	[FEAT_PMUV3] = { "pmu", { F(DFR0, 8, 1) }, 1 },
	[FEAT_TRACE] = { NULL, { F(DFR0, 4, 1) }, 1 },
	[FEAT_TRF] = { NULL, { F(DFR0, 40, 1) }, 1 },
	[FEAT_TRBE] = { NULL, { F(DFR0, 44, 1) }, 1 },
	[FEAT_TCR2] = { NULL, { F(MMFR3, 0, 1) }, 1 },
	[FEAT_SCTLR2] = { NULL, { F(MMFR3, 4, 1) }, 1 },
	[FEAT_MOPS] = { NULL, { F(ISAR2, 16, 1) }, 1 },
	[FEAT_SVE] = { NULL, { F(PFR0, 32, 1) }, 1 },
	[FEAT_AMU] = { NULL, { F(PFR0, 44, 1) }, 1 },
	[FEAT_PFAR] = { NULL, { F(PFR1, 60, 1) }, 1 },
	[FEAT_RASV2] = { NULL, { F(PFR0, 28, 3) }, 1 },
	[FEAT_SRMASK] = { NULL, { F(MMFR4, 44, 1) }, 1 },
	[FEAT_POPS] = { NULL, { F(MMFR4, 0, 1) }, 1 },
	[FEAT_TRBEV1P1] = { NULL, { F(DFR0, 44, 2) }, 1 },
	[FEAT_DEBUGV8P9] = { NULL, { F(DFR0, 0, 11) }, 1 },
	[FEAT_PMUV3P9] = { NULL, { F(DFR0, 8, 9) }, 1 },
	[FEAT_PMUV3_SS] = { NULL, { F(DFR0, 16, 1) }, 1 },
	[FEAT_SEBEP] = { NULL, { F(DFR0, 24, 1) }, 1 },
	[FEAT_EBEP] = { NULL, { F(DFR1, 48, 1) }, 1 },
	[FEAT_ITE] = { NULL, { F(DFR1, 44, 1) }, 1 },
	[FEAT_PMUV3_ICNTR] = { NULL, { F(DFR1, 36, 1) }, 1 },
	[FEAT_SPMU] = { NULL, { F(DFR1, 32, 1) }, 1 },
};

static const char *const feature_names[FEAT_COUNT] = {
	[FEAT_BASE] = "base", [FEAT_RAS] = "RAS", [FEAT_RASV1P1] = "RASv1p1",
	[FEAT_LOR] = "LOR", [FEAT_PAUTH] = "PAuth", [FEAT_CSV2_2] = "CSV2_2",
	[FEAT_SPECRES] = "SPECRES", [FEAT_SPECRES2] = "SPECRES2", [FEAT_DPB] = "DPB",
	[FEAT_DPB2] = "DPB2", [FEAT_PAN2] = "PAN2", [FEAT_TLBIOS] = "TLBIOS",
	[FEAT_TLBIRANGE] = "TLBIRANGE", [FEAT_LS64_ACCDATA] = "LS64_ACCDATA", [FEAT_SME] = "SME",
	[FEAT_THE] = "THE", [FEAT_S1PIE] = "S1PIE", [FEAT_S1POE] = "S1POE", [FEAT_S2POE] = "S2POE",
	[FEAT_AIE] = "AIE", [FEAT_GICV3] = "GICv3", [FEAT_BRBE] = "BRBE", [FEAT_GCS] = "GCS",
	[FEAT_ATS1A] = "ATS1A", [FEAT_SPE] = "SPE", [FEAT_PMUV3] = "PMUv3", [FEAT_TRACE] = "ETE",
	[FEAT_TRF] = "TRF", [FEAT_TRBE] = "TRBE", [FEAT_TCR2] = "TCR2", [FEAT_SCTLR2] = "SCTLR2",
	[FEAT_MOPS] = "MOPS", [FEAT_SVE] = "SVE", [FEAT_AMU] = "AMU", [FEAT_PFAR] = "PFAR",
	[FEAT_RASV2] = "RASv2", [FEAT_SRMASK] = "SRMASK", [FEAT_POPS] = "PoPS",
	[FEAT_TRBEV1P1] = "TRBEv1p1", [FEAT_DEBUGV8P9] = "Debugv8p9", [FEAT_PMUV3P9] = "PMUv3p9",
	[FEAT_PMUV3_SS] = "PMUv3_SS", [FEAT_SEBEP] = "SEBEP", [FEAT_EBEP] = "EBEP",
	[FEAT_ITE] = "ITE", [FEAT_PMUV3_ICNTR] = "PMUv3_ICNTR", [FEAT_SPMU] = "SPMU",
};

const char *feature_name(enum cpu_feature f) { return f < FEAT_COUNT ? feature_names[f] : "?"; }

uint64_t features_never_exposed(void)
{
	return FEAT_BIT(FEAT_SVE) | FEAT_BIT(FEAT_SME) | FEAT_BIT(FEAT_AMU);
}

static bool field_present(const uint64_t id[ID_REG_COUNT], const struct id_field_req *r)
{
	unsigned v = id_field(id[r->reg], r->shift);
	/* PMUVer 0xf means an IMPLEMENTATION DEFINED PMU, not PMUv3. */
	if (r->reg == ID_AA64DFR0 && r->shift == 8 && v == 0xf)
		return false;
	return v >= r->min;
}

uint64_t features_of_ids(const uint64_t id[ID_REG_COUNT])
{
	uint64_t have = 0;
	for (unsigned f = 0; f < FEAT_COUNT; f++) {
		const struct feature_desc *d = &features[f];
		bool present = d->nr_fields == 0;
		for (unsigned i = 0; i < d->nr_fields && !present; i++)
			present = field_present(id, &d->fields[i]);
		if (present)
			have |= FEAT_BIT(f);
	}
	/* RASv1p1 is RAS == 2, or RAS == 1 with RAS_frac == 1: not "any field". */
	if (ras_level_of_ids(id) != RAS_V1P1)
		have &= ~FEAT_BIT(FEAT_RASV1P1);
	return have;
}

void features_hide(uint64_t id[ID_REG_COUNT], enum cpu_feature feature)
{
	const struct feature_desc *d = &features[feature];
	for (unsigned i = 0; i < d->nr_fields; i++) {
		const struct id_field_req *r = &d->fields[i];
		/* Only where present: an IMPLEMENTATION DEFINED PMU (0xf) is not "PMUv3p9". */
		if (field_present(id, r))
			id[r->reg] = id_field_set(id[r->reg], r->shift, r->min - 1u);
	}
}

bool feature_by_name(const char *name, enum cpu_feature *out)
{
	for (unsigned f = 0; f < FEAT_COUNT; f++) {
		const char *a = features[f].name, *b = name;
		if (!a)
			continue;
		while (*a && *a == *b)
			a++, b++;
		if (!*a && !*b) {
			*out = (enum cpu_feature)f;
			return true;
		}
	}
	return false;
}

/* Arm ARM: RAS_frac counts only when ID_AA64PFR0_EL1.RAS is 0b0001; RAS >= 0b0010 is
 * RASv1p1 (or later) whatever RAS_frac says. */
enum ras_level ras_level_of_ids(const uint64_t id[ID_REG_COUNT])
{
	unsigned ras = id_field(id[ID_AA64PFR0], PFR0_RAS_SHIFT);
	unsigned frac = id_field(id[ID_AA64PFR1], PFR1_RAS_FRAC_SHIFT);
	if (ras >= 2 || (ras == 1 && frac == 1))
		return RAS_V1P1;
	return ras == 1 ? RAS_V1 : RAS_NONE;
}

/* The architected ways to announce each RAS level (Arm ARM ID_AA64PFR0_EL1.RAS and
 * ID_AA64PFR1_EL1.RAS_frac): RASv1p1 is RAS = 0b0010, or RAS = 0b0001 with RAS_frac =
 * 0b0001. The first is canonical (seed: "KVM: arm64: Expose FEAT_RASv1p1 in a canonical
 * manner"), and what ras=v1p1 gives; ras=v1p1-frac gives the other form. */
static const struct ras_form ras_forms[] = {
	{ "none", RAS_NONE, 0, 0 },
	{ "v1", RAS_V1, 1, 0 },
	{ "v1p1", RAS_V1P1, 2, 0 },
	{ "v1p1-frac", RAS_V1P1, 1, 1 },
};

const struct ras_form *ras_form_by_name(const char *s)
{
	for (unsigned i = 0; i < sizeof(ras_forms) / sizeof(ras_forms[0]); i++) {
		const char *a = ras_forms[i].name, *b = s;
		while (*a && *a == *b)
			a++, b++;
		if (!*a && !*b)
			return &ras_forms[i];
	}
	return NULL;
}

/* The first form of each level is its canonical one. */
const struct ras_form *ras_form_canonical(enum ras_level level)
{
	for (unsigned i = 0; i < sizeof(ras_forms) / sizeof(ras_forms[0]); i++)
		if (ras_forms[i].level == level)
			return &ras_forms[i];
	return &ras_forms[0];
}

void ras_form_apply(uint64_t id[ID_REG_COUNT], const struct ras_form *f)
{
	id[ID_AA64PFR0] = id_field_set(id[ID_AA64PFR0], PFR0_RAS_SHIFT, f->ras);
	id[ID_AA64PFR1] = id_field_set(id[ID_AA64PFR1], PFR1_RAS_FRAC_SHIFT, f->frac);
}

void ras_level_set(uint64_t id[ID_REG_COUNT], enum ras_level level)
{
	ras_form_apply(id, ras_form_canonical(level));
}
