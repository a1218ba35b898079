/* A VM's CPU view from the host's ID registers and the VM's configuration: the host's
 * values minus what testvisor does not virtualize and what the VM hides (hide=), its RAS
 * level (ras=), and from those its feature set, FGT values, FGU set and HCR/HCRX/MDCR
 * trap bits. Pure logic (the hardware is read and written in cpu_view.c), unit-tested. */
#include <stdio.h>
#include <string.h>
#include <hv/config.h>
#include <arm64/cpu_view.h>
#include <arm64/ctl_bits.h>
#include <arm64/features.h>
#include <arm64/fgt.h>

/* Features whose registers testvisor neither switches between VMs nor emulates: a VM
 * never sees them (FGU makes their registers UNDEF). */
static const enum cpu_feature unswitched[] = {
	FEAT_SVE, FEAT_SME, FEAT_AMU, FEAT_THE, FEAT_S1PIE, FEAT_S1POE, FEAT_S2POE, FEAT_AIE,
	FEAT_GCS, FEAT_SPE, FEAT_TRBE, FEAT_TRACE, FEAT_TRF, FEAT_BRBE, FEAT_LS64_ACCDATA,
	FEAT_TCR2, FEAT_SCTLR2, FEAT_PFAR, FEAT_SRMASK, FEAT_TRBEV1P1, FEAT_DEBUGV8P9,
	FEAT_PMUV3P9, FEAT_PMUV3_SS, FEAT_SEBEP, FEAT_EBEP, FEAT_ITE, FEAT_PMUV3_ICNTR, FEAT_SPMU,
};

/* Features a VM can still hide without FEAT_FGT, through a coarse trap (HCR_EL2.TLOR,
 * APK/API, EnSCXT, TERR; MDCR_EL2.TPM for the PMU). */
static const uint64_t coarse_trappable = FEAT_BIT(FEAT_LOR) | FEAT_BIT(FEAT_PAUTH) |
	FEAT_BIT(FEAT_CSV2_2) | FEAT_BIT(FEAT_RAS) | FEAT_BIT(FEAT_RASV1P1) | FEAT_BIT(FEAT_PMUV3);

static int apply_hide_list(uint64_t *id, const char *list, bool have_fgt, const char *vm_name,
			   char *err, size_t errlen)
{
	char name[24];
	while (list && *list) {
		size_t n = strcspn(list, ",");
		if (n >= sizeof(name)) {
			snprintf(err, errlen, "hide=: feature name too long");
			return -1;
		}
		memcpy(name, list, n);
		name[n] = '\0';
		enum cpu_feature f;
		if (!feature_by_name(name, &f)) {
			snprintf(err, errlen, "hide=%s: not a feature a VM can hide "
				 "(lor pauth csv2 specres specres2 dpb dpb2 pan2 pmu)", name);
			return -1;
		}
		if (have_fgt || (coarse_trappable & FEAT_BIT(f)))
			features_hide(id, f);
		else
			printf("testvisor: guest %s: hide=%s needs FEAT_FGT, which this CPU lacks: "
			       "%s stays exposed\n", vm_name, name, feature_name(f));
		list += n + (list[n] == ',');
	}
	return 0;
}

int cpu_view_build(const uint64_t host_id[ID_REG_COUNT], const struct vm_config *cfg,
		   struct cpu_view *v, struct cpu_traps *traps, char *err, size_t errlen)
{
	uint64_t host_features = features_of_ids(host_id);
	memcpy(v->id, host_id, sizeof(v->id));
	for (unsigned i = 0; i < sizeof(unswitched) / sizeof(unswitched[0]); i++)
		features_hide(v->id, unswitched[i]);
	v->id[ID_AA64ZFR0] = v->id[ID_AA64SMFR0] = 0;
	v->id[ID_AA64PFR0] = id_field_set(v->id[ID_AA64PFR0], 8, 0);   /* no EL2 in the VM */
	v->id[ID_AA64PFR0] = id_field_set(v->id[ID_AA64PFR0], 40, 0);  /* no MPAM */
	v->id[ID_AA64PFR1] = id_field_set(v->id[ID_AA64PFR1], 16, 0);  /* MPAM_frac */

	enum ras_level host_ras = ras_level_of_ids(host_id);
	const char *ras_cfg = vm_config_get(cfg, "ras");
	const struct ras_form *ras = ras_cfg ? ras_form_by_name(ras_cfg) : ras_form_canonical(host_ras);
	if (!ras) {
		snprintf(err, errlen, "ras=%s: expected none, v1, v1p1 or v1p1-frac", ras_cfg);
		return -1;
	}
	if (ras->level > host_ras) {
		snprintf(err, errlen, "ras=%s asked, but this CPU only has %s", ras_cfg,
			 host_ras == RAS_NONE ? "no RAS" : "RASv1");
		return -1;
	}
	v->ras = ras->level;
	ras_form_apply(v->id, ras);
	unsigned fgt = id_field(host_id[ID_AA64MMFR0], 56);
	if (apply_hide_list(v->id, vm_config_get(cfg, "hide"), fgt >= 1, cfg->name, err,
			    errlen))
		return -1;
	v->features = features_of_ids(v->id) & host_features;
	/* MDCR_EL2.TPM/TPMCR: the PMU's coarse trap, also used alongside FGT. */
	traps->mdcr = (host_features & ~v->features & FEAT_BIT(FEAT_PMUV3)) ?
			      (1ull << 6) | (1ull << 5) : 0;

	/* ID_AA64MMFR0_EL1.FGT: 1 = FEAT_FGT, 2 = FEAT_FGT2 as well. */
	v->fgt_regs_present = 0;
	if (fgt >= 1)
		v->fgt_regs_present = FGT_REGS_V1;
	if (fgt >= 1 && (host_features & FEAT_BIT(FEAT_AMU)))
		v->fgt_regs_present |= 1u << FGT_HAFGRTR;
	if (fgt >= 2)
		v->fgt_regs_present |= FGT_REGS_V2;
	fgt_compile(&fgt_builtin, host_features, v->features, v->fgt, v->fgu);
	/* A register the CPU lacks is never written and traps nothing. */
	for (unsigned reg = 0; reg < FGT_NR_REGS; reg++)
		if (!(v->fgt_regs_present & (1u << reg)))
			v->fgt[reg] = v->fgu[reg] = 0;
	if (!v->fgt_regs_present) {
		/* Without FEAT_FGT only the coarse traps remain; features testvisor never
		 * exposes but cannot trap stay reachable (their ID fields say absent). */
		uint64_t lost = host_features & ~v->features & ~coarse_trappable;
		if (lost)
			printf("testvisor: guest %s: no FEAT_FGT on this CPU: registers of unexposed "
			       "features without a coarse trap (mask %#lx) are not trapped\n",
			       cfg->name, (unsigned long)lost);
	}
	uint64_t ctl[CTL_NR_REGS];
	ctl_compile(ctl_rows, ctl_rows_len, host_features, v->features, ctl);
	traps->hcr = ctl[CTL_HCR];
	traps->hcrx = id_field(host_id[ID_AA64MMFR1], 40) ? ctl[CTL_HCRX] : 0;
	return 0;
}

