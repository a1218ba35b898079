/* The FGT table compiler: validation, RES0 masks, per-VM trap values and FGU sets. */
#include <stdio.h>
#include <arm64/fgt.h>

const char *const fgt_reg_names[FGT_NR_REGS] = {
	"HFGRTR_EL2", "HFGWTR_EL2", "HFGITR_EL2", "HDFGRTR_EL2", "HDFGWTR_EL2", "HAFGRTR_EL2",
	"HFGRTR2_EL2", "HFGWTR2_EL2", "HFGITR2_EL2", "HDFGRTR2_EL2", "HDFGWTR2_EL2",
};

int fgt_validate(const struct fgt_table *t, char *err, size_t errlen)
{
	uint64_t seen[FGT_NR_REGS] = { 0 };
	for (size_t i = 0; i < t->nr_rows; i++) {
		const struct fgt_row *r = &t->rows[i];
		if (r->reg >= FGT_NR_REGS || r->bit > 63 || r->feature >= FEAT_COUNT ||
		    !(t->described & (1u << r->reg)) || (r->action == FGT_RAZWI && !r->nr_encs)) {
			snprintf(err, errlen, "row %zu (%s): bad register, bit, feature, or an "
				 "emulated row without an encoding", i, r->name);
			return -1;
		}
		uint64_t bit = 1ull << r->bit;
		if (seen[r->reg] & bit) {
			snprintf(err, errlen, "%s bit %u (%s) is described twice",
				 fgt_reg_names[r->reg], r->bit, r->name);
			return -1;
		}
		if (t->arch_res0[r->reg] & bit) {
			snprintf(err, errlen, "%s bit %u (%s) is RES0 in the architecture",
				 fgt_reg_names[r->reg], r->bit, r->name);
			return -1;
		}
		seen[r->reg] |= bit;
	}
	for (unsigned reg = 0; reg < FGT_NR_REGS; reg++) {
		if (!(t->described & (1u << reg)))
			continue;
		uint64_t missing = ~(seen[reg] | t->arch_res0[reg]);
		if (missing) {
			snprintf(err, errlen, "%s bit %d is not RES0 and not described",
				 fgt_reg_names[reg], __builtin_ctzll(missing));
			return -1;
		}
	}
	/* A hidden feature's access must be recognisable to be made UNDEF (FGU). */
	for (size_t i = 0; i < t->nr_rows; i++) {
		const struct fgt_row *r = &t->rows[i];
		if (r->feature != FEAT_BASE && !r->nr_encs && !r->enc_unknown) {
			snprintf(err, errlen, "%s bit %u (%s) names no trapped encoding",
				 fgt_reg_names[r->reg], r->bit, r->name);
			return -1;
		}
	}
	return 0;
}

uint64_t fgt_features_of(const struct fgt_table *t, uint32_t regs)
{
	uint64_t features = 0;
	for (size_t i = 0; i < t->nr_rows; i++)
		if (regs & (1u << t->rows[i].reg))
			features |= 1ull << t->rows[i].feature;
	return features;
}

uint64_t fgt_res0(const struct fgt_table *t, unsigned reg)
{
	uint64_t described = 0;
	for (size_t i = 0; i < t->nr_rows; i++)
		if (t->rows[i].reg == reg)
			described |= 1ull << t->rows[i].bit;
	return ~described;
}

void fgt_compile(const struct fgt_table *t, uint64_t host_features, uint64_t vm_features,
		 uint64_t fgt[FGT_NR_REGS], uint64_t fgu[FGT_NR_REGS])
{
	for (unsigned reg = 0; reg < FGT_NR_REGS; reg++)
		fgt[reg] = fgu[reg] = 0;
	for (size_t i = 0; i < t->nr_rows; i++) {
		const struct fgt_row *r = &t->rows[i];
		uint64_t bit = 1ull << r->bit, feat = 1ull << r->feature;
		if (!(host_features & feat))
			continue;
		bool hidden = !(vm_features & feat);
		bool trap = hidden || r->action == FGT_RAZWI;
		if (hidden)
			fgu[r->reg] |= bit;
		if (trap != r->negative)
			fgt[r->reg] |= bit;
	}
}

const struct fgt_row *fgt_find(const struct fgt_table *t, unsigned reg, uint32_t enc)
{
	const struct fgt_row *best = NULL;
	int best_varying = 17;
	for (size_t i = 0; i < t->nr_rows; i++) {
		const struct fgt_row *r = &t->rows[i];
		for (unsigned e = 0; r->reg == reg && e < r->nr_encs; e++) {
			const struct sysreg_enc *x = &r->encs[e];
			int varying = __builtin_popcount(x->mask);
			if ((enc & ~x->mask) == (x->enc & ~x->mask) && varying < best_varying) {
				best = r;
				best_varying = varying;
			}
		}
	}
	return best;
}
