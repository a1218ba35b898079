/* The CPU a VM sees: its ID register values, the features exposed to it, its RAS level
 * and the fine-grained trap (FGT) values and FGU sets compiled from the trap tables
 * (arch/arm64/fgt_table.c, docs/arm64-traps.md). */
#ifndef ARM64_CPU_VIEW_H
#define ARM64_CPU_VIEW_H

#include <stdbool.h>
#include <stdint.h>

/* Features that give fine-grained trap bits their meaning; a VM exposes a subset. */
enum cpu_feature {
	FEAT_BASE,      /* always present (ARMv8.0 registers and instructions) */
	FEAT_RAS,       /* ERR* / ERX* registers */
	FEAT_RASV1P1,   /* ERXMISC2/3, ERXPFG* (fault injection) */
	FEAT_LOR,       /* LORSA/LOREA/LORN/LORC/LORID_EL1 */
	FEAT_PAUTH,     /* AP*Key registers */
	FEAT_CSV2_2,    /* SCXTNUM_EL0/EL1 */
	FEAT_SPECRES,   /* CFP/DVP/CPP RCTX */
	FEAT_SPECRES2,  /* COSP RCTX */
	FEAT_DPB,       /* DC CVAP */
	FEAT_DPB2,      /* DC CVADP */
	FEAT_PAN2,      /* AT S1E1RP/WP */
	FEAT_TLBIOS,    /* outer-shareable TLBI */
	FEAT_TLBIRANGE, /* range TLBI */
	FEAT_LS64_ACCDATA,
	FEAT_SME,       /* SMPRI_EL1, TPIDR2_EL0 (SME itself is always trapped) */
	FEAT_THE,       /* RCWMASK_EL1 */
	FEAT_S1PIE,     /* PIRE0_EL1, PIR_EL1 */
	FEAT_S1POE,     /* POR_EL0, POR_EL1 */
	FEAT_S2POE,     /* S2POR_EL1 */
	FEAT_AIE,       /* MAIR2_EL1, AMAIR2_EL1 */
	FEAT_GICV3,     /* ICC_IGRPEN<n>_EL1 */
	FEAT_BRBE,
	FEAT_GCS,
	FEAT_ATS1A,
	FEAT_SPE,
	FEAT_PMUV3,
	FEAT_TRACE,     /* ETE / ETM system registers */
	FEAT_TRF,       /* TRFCR_EL1 */
	FEAT_TRBE,
	FEAT_TCR2,
	FEAT_SCTLR2,
	FEAT_MOPS,
	FEAT_SVE,       /* always trapped (CPTR_EL2.TZ): hidden from every VM */
	FEAT_AMU,       /* never exposed (its HAFGRTR_EL2 bits form an FGU set) */
	/* Features of FGT2 bits (HFGRTR2_EL2 ...), described even where FGT2 is absent. */
	FEAT_PFAR,      /* PFAR_EL1 */
	FEAT_RASV2,     /* ERXGSR_EL1 */
	FEAT_SRMASK,    /* *MASK_EL1 / *ALIAS_EL1 registers */
	FEAT_POPS,      /* DC CIVAPS */
	FEAT_TRBEV1P1,  /* TSB CSYNC trap */
	FEAT_DEBUGV8P9, /* MDSELR_EL1 */
	FEAT_PMUV3P9,   /* PMUACR_EL1, PMZR_EL0 */
	FEAT_PMUV3_SS,  /* PMSSCR_EL1, PMSSDATA */
	FEAT_SEBEP,     /* PMIAR_EL1 */
	FEAT_EBEP,      /* PMECR_EL1 */
	FEAT_ITE,       /* TRCITECR_EL1 */
	FEAT_PMUV3_ICNTR, /* PMICNTR_EL0, PMICFILTR_EL0 */
	FEAT_SPMU,      /* SPM* (System PMU) registers */
	FEAT_COUNT
};
#define FEAT_BIT(f) (1ull << (f))

enum fgt_reg_id { FGT_HFGRTR, FGT_HFGWTR, FGT_HFGITR, FGT_HDFGRTR, FGT_HDFGWTR, FGT_HAFGRTR,
		  FGT_HFGRTR2, FGT_HFGWTR2, FGT_HFGITR2, FGT_HDFGRTR2, FGT_HDFGWTR2, FGT_NR_REGS };
#define FGT_REGS_V1 ((1u << FGT_HFGRTR) | (1u << FGT_HFGWTR) | (1u << FGT_HFGITR) | \
		     (1u << FGT_HDFGRTR) | (1u << FGT_HDFGWTR))
#define FGT_REGS_V2 ((1u << FGT_HFGRTR2) | (1u << FGT_HFGWTR2) | (1u << FGT_HFGITR2) | \
		     (1u << FGT_HDFGRTR2) | (1u << FGT_HDFGWTR2))

enum ras_level { RAS_NONE, RAS_V1, RAS_V1P1 };

/* ID registers in the TID3 space a VM reads from its view (op0=3 op1=0 CRn=0 CRm=4..7). */
enum id_reg {
	ID_AA64PFR0, ID_AA64PFR1, ID_AA64ZFR0, ID_AA64SMFR0, ID_AA64DFR0, ID_AA64DFR1,
	ID_AA64AFR0, ID_AA64AFR1, ID_AA64ISAR0, ID_AA64ISAR1, ID_AA64ISAR2, ID_AA64MMFR0,
	ID_AA64MMFR1, ID_AA64MMFR2, ID_AA64MMFR3, ID_AA64MMFR4, ID_REG_COUNT
};

struct cpu_view {
	uint64_t id[ID_REG_COUNT];
	enum ras_level ras;
	uint64_t features;            /* FEAT_BIT set of what the VM sees */
	uint64_t fgt[FGT_NR_REGS];    /* trap register values while the VM runs */
	uint64_t fgu[FGT_NR_REGS];    /* trap bits whose accesses UNDEF in the VM */
	uint32_t fgt_regs_present;    /* bit per enum fgt_reg_id the host CPU has */
};

/* The trap control values a VM runs with, besides the FGT registers in its view. */
struct cpu_traps {
	uint64_t hcr, hcrx, mdcr;
};

struct vm_config;
/* Builds a VM's view and trap values from the host's ID registers and the VM's
 * configuration (ras=, hide=); 0, or -1 with the reason in `err`. */
int cpu_view_build(const uint64_t host_id[ID_REG_COUNT], const struct vm_config *cfg,
		   struct cpu_view *v, struct cpu_traps *traps, char *err, size_t errlen);

#endif
