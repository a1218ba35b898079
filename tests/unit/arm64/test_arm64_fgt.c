/* The FGT table compiler: the built-in table validates; tables with a bit described twice,
 * a bit in a RES0 position, or an undescribed bit are rejected with the reason; RES0
 * masks, trap values and FGU sets follow the rows and the features. Also the feature
 * table (ID fields, RAS levels) and the HCR/HCRX bit table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <arm64/ctl_bits.h>
#include <arm64/features.h>
#include <arm64/fgt.h>

#define ALL_FEATURES ((1ull << FEAT_COUNT) - 1)

static void builtin_table_is_consistent(void **state)
{
	char err[160] = "";
	assert_int_equal(fgt_validate(&fgt_builtin, err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

static void builtin_res0_matches_architecture(void **state)
{
	for (unsigned reg = 0; reg < FGT_NR_REGS; reg++)
		if (fgt_builtin.described & (1u << reg))
			assert_true(fgt_res0(&fgt_builtin, reg) == fgt_builtin.arch_res0[reg]);
}

/* A small table over one register with a 4-bit architecture: bits 0-2 used, 3 RES0. */
static const uint64_t tiny_res0[FGT_NR_REGS] = { [FGT_HFGRTR] = ~0x7ull };

static int validate_rows(const struct fgt_row *rows, size_t n, char *err, size_t len)
{
	struct fgt_table t = { rows, n, tiny_res0, 1u << FGT_HFGRTR };
	return fgt_validate(&t, err, len);
}

static void rejects_duplicate_bit(void **state)
{
	const struct fgt_row rows[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0 },
		{ FGT_HFGRTR, 1, false, FEAT_LOR, "B", 0, 0 },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "C", 0, 0 },
		{ FGT_HFGRTR, 1, false, FEAT_RAS, "B again", 0, 0 },
	};
	char err[160];
	assert_int_equal(validate_rows(rows, 4, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bit 1 (B again) is described twice"));
}

static void rejects_res0_bit(void **state)
{
	const struct fgt_row rows[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0 },
		{ FGT_HFGRTR, 1, false, FEAT_LOR, "B", 0, 0 },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "C", 0, 0 },
		{ FGT_HFGRTR, 5, false, FEAT_LOR, "in RES0", 0, 0 },
	};
	char err[160];
	assert_int_equal(validate_rows(rows, 4, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bit 5 (in RES0) is RES0"));
}

static void rejects_undescribed_bit(void **state)
{
	const struct fgt_row rows[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0 },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "C", 0, 0 },
	};
	char err[160];
	assert_int_equal(validate_rows(rows, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "HFGRTR_EL2 bit 1 is not RES0 and not described"));
}

static void rejects_row_of_undescribed_register(void **state)
{
	const struct fgt_row rows[] = { { FGT_HAFGRTR, 0, false, FEAT_AMU, "AMU", 0, 0 } };
	struct fgt_table t = { rows, 1, tiny_res0, 1u << FGT_HFGRTR };
	char err[160];
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
}

/* A changed row breaks validation of the built-in table: copy it, move one bit. */
static void builtin_with_moved_row_is_rejected(void **state)
{
	static struct fgt_row copy[512];
	assert_true(fgt_builtin.nr_rows <= 512);
	memcpy(copy, fgt_builtin.rows, fgt_builtin.nr_rows * sizeof(copy[0]));
	struct fgt_table t = fgt_builtin;
	t.rows = copy;
	copy[0].bit = 51; /* HFGRTR nAMAIR2 (bit 63) moved into the RES0 bit 51 */
	char err[160];
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
}

/* The FEAT_FGT2 registers' RES0 masks as Linux's arch/arm64/tools/sysreg gives them
 * (DDI0601 2024-12), written here apart from the table's own copy. */
static void fgt2_res0_matches_sysreg_description(void **state)
{
	static const struct { unsigned reg; uint64_t res0; } want[] = {
		{ FGT_HFGRTR2, 0xffffffffffff8000ull },  /* 63:15 */
		{ FGT_HFGWTR2, 0xffffffffffff8002ull },  /* 63:15, 1 (ERXGSR_EL1 is read-only) */
		{ FGT_HFGITR2, 0xfffffffffffffffcull },  /* 63:2 */
		{ FGT_HDFGRTR2, 0xfffffffffe200000ull }, /* 63:25, 21 */
		{ FGT_HDFGWTR2, 0xfffffffffe060040ull }, /* 63:25, 18:17, 6 */
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_true(fgt_builtin.described & (1u << want[i].reg));
		assert_true(fgt_res0(&fgt_builtin, want[i].reg) == want[i].res0);
		assert_true(fgt_builtin.arch_res0[want[i].reg] == want[i].res0);
	}
}

static size_t row_index(const struct fgt_row *rows, size_t n, unsigned reg, unsigned bit)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].reg == reg && rows[i].bit == bit)
			return i;
	fail_msg("no row for register %u bit %u", reg, bit);
	return 0;
}

/* Inconsistent FGT2 rows in the built-in table are rejected, naming register and bit. */
static void fgt2_inconsistent_rows_are_rejected(void **state)
{
	static struct fgt_row copy[512];
	size_t n = fgt_builtin.nr_rows;
	struct fgt_table t = fgt_builtin;
	t.rows = copy;
	char err[160];

	memcpy(copy, fgt_builtin.rows, n * sizeof(copy[0]));
	copy[row_index(copy, n, FGT_HFGWTR2, 0)].bit = 1; /* nPFAR_EL1 onto the RES0 bit 1 */
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "HFGWTR2_EL2 bit 1 (nPFAR_EL1) is RES0"));

	memcpy(copy, fgt_builtin.rows, n * sizeof(copy[0]));
	copy[row_index(copy, n, FGT_HDFGRTR2, 5)].bit = 4; /* nMDSELR_EL1 onto nPMUACR_EL1 */
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "HDFGRTR2_EL2 bit 4"));
	assert_non_null(strstr(err, "described twice"));

	memcpy(copy, fgt_builtin.rows, n * sizeof(copy[0]));
	size_t i = row_index(copy, n, FGT_HFGITR2, 1);      /* drop nDCCIVAPS */
	copy[i] = copy[n - 1];
	t.nr_rows = n - 1;
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "HFGITR2_EL2 bit 1 is not RES0 and not described"));
}

/* FGT2 trap values follow polarity: nXXX bits of hidden features are 0 (trap). */
static void fgt2_compile(void **state)
{
	uint64_t fgt[FGT_NR_REGS], fgu[FGT_NR_REGS];
	uint64_t host = FEAT_BIT(FEAT_BASE) | FEAT_BIT(FEAT_PFAR) | FEAT_BIT(FEAT_POPS) |
			FEAT_BIT(FEAT_TRBEV1P1);
	uint64_t vm = FEAT_BIT(FEAT_BASE) | FEAT_BIT(FEAT_POPS);
	fgt_compile(&fgt_builtin, host, vm, fgt, fgu);
	assert_true(fgt[FGT_HFGRTR2] == 0 && fgu[FGT_HFGRTR2] == 1);   /* nPFAR_EL1 traps */
	assert_true(fgt[FGT_HFGITR2] == 3 && fgu[FGT_HFGITR2] == 1);   /* TSBCSYNC traps */
	assert_true(fgt[FGT_HDFGRTR2] == 0 && fgu[FGT_HDFGRTR2] == 0); /* nothing present */
	assert_ptr_equal(fgt_find(&fgt_builtin, FGT_HFGRTR2, SYS_ENC(3, 0, 5, 3, 2)),
			 &fgt_builtin.rows[row_index(fgt_builtin.rows, fgt_builtin.nr_rows,
						     FGT_HFGRTR2, 1)]);
}

static void compile_polarity_and_fgu(void **state)
{
	const struct fgt_row rows[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0 },
		{ FGT_HFGRTR, 1, false, FEAT_LOR, "B", 0, 0 },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "nC", 0, 0 },
		{ FGT_HFGITR, 7, true, FEAT_SME, "nD", 0, 0 },
	};
	struct fgt_table t = { rows, 4, tiny_res0, 0x3f };
	uint64_t fgt[FGT_NR_REGS], fgu[FGT_NR_REGS];
	uint64_t host = FEAT_BIT(FEAT_BASE) | FEAT_BIT(FEAT_LOR) | FEAT_BIT(FEAT_PAUTH);
	/* Everything exposed: positive bits clear, negative bits set, nothing UNDEFs. */
	fgt_compile(&t, host, host, fgt, fgu);
	assert_true(fgt[FGT_HFGRTR] == 0x4 && fgu[FGT_HFGRTR] == 0);
	/* LOR and PAuth hidden: B traps (1), nC traps (0), both in FGU. */
	fgt_compile(&t, host, FEAT_BIT(FEAT_BASE), fgt, fgu);
	assert_true(fgt[FGT_HFGRTR] == 0x2 && fgu[FGT_HFGRTR] == 0x6);
	/* A feature the host lacks (SME) leaves its bit 0 and out of FGU. */
	assert_true(fgt[FGT_HFGITR] == 0 && fgu[FGT_HFGITR] == 0);
}

static const struct sysreg_enc lorid_el1[] = { { SYS_ENC(3, 0, 10, 4, 7), 0 } };

static void emulated_rows_trap_when_exposed(void **state)
{
	const struct fgt_row rows[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0, FGT_PASS },
		{ FGT_HFGRTR, 1, false, FEAT_LOR, "B", lorid_el1, 1, FGT_RAZWI },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "nC", 0, 0, FGT_PASS },
	};
	struct fgt_table t = { rows, 3, tiny_res0, 1u << FGT_HFGRTR };
	uint64_t fgt[FGT_NR_REGS], fgu[FGT_NR_REGS];
	uint64_t host = FEAT_BIT(FEAT_BASE) | FEAT_BIT(FEAT_LOR) | FEAT_BIT(FEAT_PAUTH);
	fgt_compile(&t, host, host, fgt, fgu);
	assert_true(fgt[FGT_HFGRTR] == 0x6 && fgu[FGT_HFGRTR] == 0); /* B traps, not FGU */
	fgt_compile(&t, host, host & ~FEAT_BIT(FEAT_LOR), fgt, fgu);
	assert_true(fgu[FGT_HFGRTR] == 0x2);
	/* An emulated row must name what it emulates. */
	const struct fgt_row bad[] = {
		{ FGT_HFGRTR, 0, false, FEAT_BASE, "A", 0, 0, FGT_PASS },
		{ FGT_HFGRTR, 1, false, FEAT_LOR, "B", 0, 0, FGT_RAZWI },
		{ FGT_HFGRTR, 2, true, FEAT_PAUTH, "nC", 0, 0, FGT_PASS },
	};
	char err[160];
	assert_int_equal(validate_rows(bad, 3, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "(B)"));
}

static void find_by_encoding(void **state)
{
	const struct fgt_row *r = fgt_find(&fgt_builtin, FGT_HFGRTR, SYS_ENC(3, 0, 10, 4, 7));
	assert_non_null(r);
	assert_string_equal(r->name, "LORID_EL1");
	assert_int_equal(r->feature, FEAT_LOR);
	r = fgt_find(&fgt_builtin, FGT_HFGRTR, SYS_ENC(3, 0, 5, 5, 3)); /* ERXMISC3 */
	assert_non_null(r);
	assert_string_equal(r->name, "ERXMISCn_EL1");
	assert_null(fgt_find(&fgt_builtin, FGT_HFGWTR, SYS_ENC(3, 0, 10, 4, 7))); /* read-only */
}

/* Every row of a feature a VM can lack names what it traps, so that FGU can make the access
 * UNDEF; the only rows without are marked gaps: FGT2 bits (never present on QEMU max) and
 * nGCSSTR_EL1, whose trap is a GCS exception rather than an MSR/MRS trap. */
static void rows_name_their_encodings(void **state)
{
	for (size_t i = 0; i < fgt_builtin.nr_rows; i++) {
		const struct fgt_row *r = &fgt_builtin.rows[i];
		if (r->feature == FEAT_BASE)
			continue;
		if (r->enc_unknown) {
			bool fgt2 = (FGT_REGS_V2 >> r->reg) & 1;
			if (!fgt2 && strcmp(r->name, "nGCSSTR_EL1"))
				fail_msg("%s: a gap outside FGT2", r->name);
			continue;
		}
		if (!r->nr_encs)
			fail_msg("%s has no encoding", r->name);
		for (unsigned e = 0; e < r->nr_encs; e++)
			assert_non_null(fgt_find(&fgt_builtin, r->reg, r->encs[e].enc));
	}
	/* A row that loses its encodings is rejected with its register and name. */
	static struct fgt_row copy[512];
	size_t n = fgt_builtin.nr_rows;
	struct fgt_table t = fgt_builtin;
	t.rows = copy;
	memcpy(copy, fgt_builtin.rows, n * sizeof(copy[0]));
	size_t i = row_index(copy, n, FGT_HDFGRTR, 16); /* PMCNTEN */
	copy[i].nr_encs = 0;
	char err[160];
	assert_int_equal(fgt_validate(&t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "HDFGRTR_EL2 bit 16 (PMCNTEN) names no trapped encoding"));
}

/* Encodings written here from the Arm ARM find their rows; the most specific wins. */
static void pmu_encodings_find_rows(void **state)
{
	static const struct { uint32_t enc; const char *row; } want[] = {
		{ SYS_ENC(3, 3, 9, 12, 1), "PMCNTEN" },        /* PMCNTENSET_EL0 */
		{ SYS_ENC(3, 3, 9, 12, 2), "PMCNTEN" },        /* PMCNTENCLR_EL0 */
		{ SYS_ENC(3, 3, 9, 14, 3), "PMOVS" },          /* PMOVSSET_EL0 */
		{ SYS_ENC(3, 3, 9, 12, 3), "PMOVS" },          /* PMOVSCLR_EL0 */
		{ SYS_ENC(3, 0, 9, 14, 1), "PMINTEN" },        /* PMINTENSET_EL1 */
		{ SYS_ENC(3, 0, 9, 14, 2), "PMINTEN" },        /* PMINTENCLR_EL1 */
		{ SYS_ENC(3, 3, 14, 9, 3), "PMEVCNTRn_EL0" },  /* PMEVCNTR11_EL0 */
		{ SYS_ENC(3, 3, 9, 13, 2), "PMEVCNTRn_EL0" },  /* PMXEVCNTR_EL0 */
		{ SYS_ENC(3, 3, 14, 13, 0), "PMEVTYPERn_EL0" }, /* PMEVTYPER8_EL0 */
		{ SYS_ENC(3, 3, 14, 15, 7), "PMCCFILTR_EL0" },
		{ SYS_ENC(3, 3, 9, 12, 7), "PMCEIDn_EL0" },    /* PMCEID1_EL0 */
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct fgt_row *r = fgt_find(&fgt_builtin, FGT_HDFGRTR, want[i].enc);
		assert_non_null(r);
		assert_string_equal(r->name, want[i].row);
	}
}

static void features_and_hiding(void **state)
{
	uint64_t id[ID_REG_COUNT] = { 0 };
	id[ID_AA64MMFR1] = 1ull << 16;          /* LO = 1 */
	id[ID_AA64ISAR1] = (2ull << 40) | 0x11; /* SPECRES2, DPB, APA */
	id[ID_AA64DFR0] = 0xfull << 8;          /* IMPDEF PMU is not PMUv3 */
	uint64_t f = features_of_ids(id);
	assert_true(f & FEAT_BIT(FEAT_LOR));
	assert_true(f & FEAT_BIT(FEAT_SPECRES2));
	assert_true(f & FEAT_BIT(FEAT_PAUTH));
	assert_false(f & FEAT_BIT(FEAT_PMUV3));
	features_hide(id, FEAT_SPECRES2);
	assert_int_equal(id_field(id[ID_AA64ISAR1], 40), 1);
	f = features_of_ids(id);
	assert_true((f & FEAT_BIT(FEAT_SPECRES)) && !(f & FEAT_BIT(FEAT_SPECRES2)));
	features_hide(id, FEAT_PAUTH);
	assert_int_equal(id_field(id[ID_AA64ISAR1], 4), 0);
	enum cpu_feature x;
	assert_true(feature_by_name("lor", &x) && x == FEAT_LOR);
	assert_false(feature_by_name("sve", &x)); /* never exposed: not hideable either */
}

/* RASv1p1 has two architected forms (Arm ARM ID_AA64PFR0_EL1.RAS = 0b0010, or RAS =
 * 0b0001 with ID_AA64PFR1_EL1.RAS_frac = 0b0001); both are detected as v1p1, and ras=v1p1
 * gives the canonical one (RAS = 2, RAS_frac = 0), ras=v1p1-frac the other. */
static void ras_levels(void **state)
{
	uint64_t id[ID_REG_COUNT] = { 0 };
	id[ID_AA64PFR0] = 2ull << 28; /* QEMU max: RAS = 2 */
	assert_int_equal(ras_level_of_ids(id), RAS_V1P1);
	ras_level_set(id, RAS_V1);
	assert_int_equal(ras_level_of_ids(id), RAS_V1);
	assert_int_equal(id_field(id[ID_AA64PFR0], 28), 1);
	assert_int_equal(id_field(id[ID_AA64PFR1], 12), 0);
	ras_level_set(id, RAS_V1P1);
	assert_int_equal(id_field(id[ID_AA64PFR0], 28), 2);  /* canonical */
	assert_int_equal(id_field(id[ID_AA64PFR1], 12), 0);
	assert_int_equal(ras_level_of_ids(id), RAS_V1P1);
	assert_true(features_of_ids(id) & FEAT_BIT(FEAT_RASV1P1));
	ras_level_set(id, RAS_NONE);
	assert_false(features_of_ids(id) & FEAT_BIT(FEAT_RAS));
	/* The fractional form. */
	id[ID_AA64PFR0] = 1ull << 28;
	id[ID_AA64PFR1] = 1ull << 12;
	assert_int_equal(ras_level_of_ids(id), RAS_V1P1);
	assert_true(features_of_ids(id) & FEAT_BIT(FEAT_RASV1P1));
	/* RAS_frac means nothing unless RAS is 0b0001. */
	id[ID_AA64PFR0] = 0;
	assert_int_equal(ras_level_of_ids(id), RAS_NONE);
	id[ID_AA64PFR0] = 2ull << 28;
	assert_int_equal(ras_level_of_ids(id), RAS_V1P1);
	/* RAS_frac values other than 0b0001 are reserved: not v1p1. */
	id[ID_AA64PFR0] = 1ull << 28;
	id[ID_AA64PFR1] = 2ull << 12;
	assert_int_equal(ras_level_of_ids(id), RAS_V1);
	const struct ras_form *f = ras_form_by_name("v1p1");
	assert_true(f && f->level == RAS_V1P1 && f->ras == 2 && f->frac == 0);
	f = ras_form_by_name("v1p1-frac");
	assert_true(f && f->level == RAS_V1P1 && f->ras == 1 && f->frac == 1);
	assert_null(ras_form_by_name("v2"));
}

static void hcr_bits(void **state)
{
	uint64_t out[CTL_NR_REGS];
	uint64_t host = ALL_FEATURES;
	ctl_compile(ctl_rows, ctl_rows_len, host, host, out);
	assert_true(out[CTL_HCR] & (1ull << 18));   /* TID3 */
	assert_true(out[CTL_HCR] & (1ull << 41));   /* API: PAuth exposed */
	assert_false(out[CTL_HCR] & (1ull << 47));  /* FIEN never */
	assert_true(out[CTL_HCR] & (1ull << 35));   /* TLOR: LOR is emulated when exposed */
	ctl_compile(ctl_rows, ctl_rows_len, host, host & ~(FEAT_BIT(FEAT_PAUTH) | FEAT_BIT(FEAT_LOR)), out);
	assert_false(out[CTL_HCR] & (1ull << 41));
	assert_true(out[CTL_HCR] & (1ull << 35));
	assert_false(out[CTL_HCR] & (1ull << 47));
	/* A host without RAS: TERR/TEA are RES0 there and stay clear. */
	ctl_compile(ctl_rows, ctl_rows_len, host & ~FEAT_BIT(FEAT_RAS), host, out);
	assert_false(out[CTL_HCR] & (1ull << 36));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_table_is_consistent),
		cmocka_unit_test(builtin_res0_matches_architecture),
		cmocka_unit_test(rejects_duplicate_bit),
		cmocka_unit_test(rejects_res0_bit),
		cmocka_unit_test(rejects_undescribed_bit),
		cmocka_unit_test(rejects_row_of_undescribed_register),
		cmocka_unit_test(builtin_with_moved_row_is_rejected),
		cmocka_unit_test(fgt2_res0_matches_sysreg_description),
		cmocka_unit_test(fgt2_inconsistent_rows_are_rejected),
		cmocka_unit_test(fgt2_compile),
		cmocka_unit_test(compile_polarity_and_fgu),
		cmocka_unit_test(emulated_rows_trap_when_exposed),
		cmocka_unit_test(find_by_encoding),
		cmocka_unit_test(features_and_hiding),
		cmocka_unit_test(ras_levels),
		cmocka_unit_test(rows_name_their_encodings),
		cmocka_unit_test(pmu_encodings_find_rows),
		cmocka_unit_test(hcr_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
