/* A VM's CPU view from its configuration: the host's ID registers minus what testvisor
 * does not virtualize and what the VM hides (hide=lor,pauth,...), its RAS level (ras=),
 * and from those its feature set, FGT values, FGU set and HCR/HCRX values. */
#include <stdio.h>
#include <string.h>
#include <hv/vm.h>
#include <arm64/ctl_bits.h>
#include <arm64/features.h>
#include <arm64/fgt.h>
#include "arm64.h"

static uint64_t host_id[ID_REG_COUNT];
static uint64_t host_features;
static bool host_read;
static bool fgt_table_ok;

#define READ_ID(idx, enc) host_id[idx] = read_sysreg(enc)
static void read_host(void)
{
	if (host_read)
		return;
	READ_ID(ID_AA64PFR0, s3_0_c0_c4_0);
	READ_ID(ID_AA64PFR1, s3_0_c0_c4_1);
	READ_ID(ID_AA64ZFR0, s3_0_c0_c4_4);
	READ_ID(ID_AA64SMFR0, s3_0_c0_c4_5);
	READ_ID(ID_AA64DFR0, s3_0_c0_c5_0);
	READ_ID(ID_AA64DFR1, s3_0_c0_c5_1);
	READ_ID(ID_AA64AFR0, s3_0_c0_c5_4);
	READ_ID(ID_AA64AFR1, s3_0_c0_c5_5);
	READ_ID(ID_AA64ISAR0, s3_0_c0_c6_0);
	READ_ID(ID_AA64ISAR1, s3_0_c0_c6_1);
	READ_ID(ID_AA64ISAR2, s3_0_c0_c6_2);
	READ_ID(ID_AA64MMFR0, s3_0_c0_c7_0);
	READ_ID(ID_AA64MMFR1, s3_0_c0_c7_1);
	READ_ID(ID_AA64MMFR2, s3_0_c0_c7_2);
	READ_ID(ID_AA64MMFR3, s3_0_c0_c7_3);
	READ_ID(ID_AA64MMFR4, s3_0_c0_c7_4);
	host_features = features_of_ids(host_id);
	char err[120];
	fgt_table_ok = fgt_validate(&fgt_builtin, err, sizeof(err)) == 0;
	if (!fgt_table_ok)
		printf("testvisor: FGT table rejected: %s\n", err);
	host_read = true;
}

const uint64_t *cpu_host_ids(void);
const uint64_t *cpu_host_ids(void)
{
	read_host();
	return host_id;
}

uint64_t cpu_host_features(void);
uint64_t cpu_host_features(void)
{
	read_host();
	return host_features;
}

/* Features whose registers testvisor neither switches between VMs nor emulates: a VM
 * never sees them (FGU makes their registers UNDEF). */
static const enum cpu_feature unswitched[] = {
	FEAT_SVE, FEAT_SME, FEAT_AMU, FEAT_THE, FEAT_S1PIE, FEAT_S1POE, FEAT_S2POE, FEAT_AIE,
	FEAT_GCS, FEAT_SPE, FEAT_TRBE, FEAT_TRACE, FEAT_TRF, FEAT_BRBE, FEAT_LS64_ACCDATA,
	FEAT_TCR2, FEAT_SCTLR2,
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

int cpu_view_init(struct vm *vm, char *err, size_t errlen)
{
	read_host();
	struct cpu_view *v = &vm->arch.view;
	memcpy(v->id, host_id, sizeof(v->id));
	if (!fgt_table_ok) {
		snprintf(err, errlen, "the FGT table is inconsistent (see the boot log)");
		return -1;
	}
	for (unsigned i = 0; i < sizeof(unswitched) / sizeof(unswitched[0]); i++)
		features_hide(v->id, unswitched[i]);
	v->id[ID_AA64ZFR0] = v->id[ID_AA64SMFR0] = 0;
	v->id[ID_AA64PFR0] = id_field_set(v->id[ID_AA64PFR0], 8, 0);   /* no EL2 in the VM */
	v->id[ID_AA64PFR0] = id_field_set(v->id[ID_AA64PFR0], 40, 0);  /* no MPAM */
	v->id[ID_AA64PFR1] = id_field_set(v->id[ID_AA64PFR1], 16, 0);  /* MPAM_frac */

	enum ras_level host_ras = ras_level_of_ids(host_id), ras = host_ras;
	const char *ras_cfg = vm_config_get(&vm->cfg, "ras");
	if (ras_cfg && !ras_level_parse(ras_cfg, &ras)) {
		snprintf(err, errlen, "ras=%s: expected none, v1 or v1p1", ras_cfg);
		return -1;
	}
	if (ras > host_ras) {
		snprintf(err, errlen, "ras=%s asked, but this CPU only has %s", ras_cfg,
			 host_ras == RAS_NONE ? "no RAS" : "RASv1");
		return -1;
	}
	v->ras = ras;
	ras_level_set(v->id, ras);
	unsigned fgt = id_field(host_id[ID_AA64MMFR0], 56);
	if (apply_hide_list(v->id, vm_config_get(&vm->cfg, "hide"), fgt >= 1, vm->cfg.name, err,
			    errlen))
		return -1;
	v->features = features_of_ids(v->id) & host_features;
	/* MDCR_EL2.TPM/TPMCR: the PMU's coarse trap, also used alongside FGT. */
	vm->arch.mdcr_traps = (host_features & ~v->features & FEAT_BIT(FEAT_PMUV3)) ?
			      (1ull << 6) | (1ull << 5) : 0;

	v->fgt_regs_present = 0;
	if (fgt >= 1)
		v->fgt_regs_present = (1u << FGT_HFGRTR) | (1u << FGT_HFGWTR) | (1u << FGT_HFGITR) |
				      (1u << FGT_HDFGRTR) | (1u << FGT_HDFGWTR);
	if (fgt >= 1 && (host_features & FEAT_BIT(FEAT_AMU)))
		v->fgt_regs_present |= 1u << FGT_HAFGRTR;
	fgt_compile(&fgt_builtin, host_features, v->features, v->fgt, v->fgu);
	if (!v->fgt_regs_present) {
		/* Without FEAT_FGT only the coarse traps remain; features testvisor never
		 * exposes but cannot trap stay reachable (their ID fields say absent). */
		uint64_t lost = host_features & ~v->features & ~coarse_trappable;
		if (lost)
			printf("testvisor: guest %s: no FEAT_FGT on this CPU: registers of unexposed "
			       "features without a coarse trap (mask %#lx) are not trapped\n",
			       vm->cfg.name, (unsigned long)lost);
		memset(v->fgt, 0, sizeof(v->fgt));
		memset(v->fgu, 0, sizeof(v->fgu));
	}
	uint64_t ctl[CTL_NR_REGS];
	ctl_compile(ctl_rows, ctl_rows_len, host_features, v->features, ctl);
	vm->arch.hcr = ctl[CTL_HCR];
	vm->arch.hcrx = id_field(host_id[ID_AA64MMFR1], 40) ? ctl[CTL_HCRX] : 0;
	return 0;
}

void cpu_view_load(const struct vm *vm)
{
	static uint64_t host_mdcr;
	static bool mdcr_read;
	if (!mdcr_read) {
		host_mdcr = read_sysreg(mdcr_el2); /* keeps HPMN as firmware set it */
		mdcr_read = true;
	}
	write_sysreg(mdcr_el2, (host_mdcr & ~((1ull << 6) | (1ull << 5))) | vm->arch.mdcr_traps);
	const struct cpu_view *v = &vm->arch.view;
	if (v->fgt_regs_present & (1u << FGT_HFGRTR)) {
		write_sysreg(HFGRTR_EL2, v->fgt[FGT_HFGRTR]);
		write_sysreg(HFGWTR_EL2, v->fgt[FGT_HFGWTR]);
		write_sysreg(HFGITR_EL2, v->fgt[FGT_HFGITR]);
		write_sysreg(HDFGRTR_EL2, v->fgt[FGT_HDFGRTR]);
		write_sysreg(HDFGWTR_EL2, v->fgt[FGT_HDFGWTR]);
	}
	if (v->fgt_regs_present & (1u << FGT_HAFGRTR))
		write_sysreg(HAFGRTR_EL2, v->fgt[FGT_HAFGRTR]);
	if (id_field(host_id[ID_AA64MMFR1], 40))
		write_sysreg(HCRX_EL2, vm->arch.hcrx);
}
