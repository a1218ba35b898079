/* The host CPU's ID registers, and a VM's CPU view loaded into the trap registers
 * (the view itself is computed by cpu_view_build.c). */
#include <arm64/debug_step.h>
#include <arm64/debug_regs.h>
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
	if (id_field(host_id[ID_AA64MMFR0], 56) < 2) {
		/* The FGT2 registers are UNDEF here: never touched. Their features' registers
		 * keep the coarse traps (ERXGSR_EL1: HCR_EL2.TERR) or stay as they are. */
		uint64_t lost = host_features & fgt_features_of(&fgt_builtin, FGT_REGS_V2) &
				~FEAT_BIT(FEAT_RASV2);
		printf("testvisor: no FEAT_FGT2 on this CPU: HFGRTR2/HFGWTR2/HFGITR2/HDFGRTR2/"
		       "HDFGWTR2_EL2 are not used; features only they trap: %s (mask %#lx)\n",
		       lost ? "left untrapped" : "none present", (unsigned long)lost);
	}
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

int cpu_view_init(struct vm *vm, char *err, size_t errlen)
{
	read_host();
	if (!fgt_table_ok) {
		snprintf(err, errlen, "the FGT table is inconsistent (see the boot log)");
		return -1;
	}
	struct cpu_traps traps;
	if (cpu_view_build(host_id, &vm->cfg, &vm->arch.view, &traps, err, errlen))
		return -1;
	vm->arch.hcr = traps.hcr;
	vm->arch.hcrx = traps.hcrx;
	vm->arch.mdcr_traps = traps.mdcr;
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
	/* debug_table.c; TDE for trace= and break= only (debug_break.c). */
	write_sysreg(mdcr_el2, mdcr_debug_apply((host_mdcr & ~((1ull << 6) | (1ull << 5))) |
						vm->arch.mdcr_traps) |
			       (vm->arch.steps ? MDCR_EL2_TDE : 0));
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
	if (v->fgt_regs_present & (1u << FGT_HFGRTR2)) {
		write_sysreg(HFGRTR2_EL2, v->fgt[FGT_HFGRTR2]);
		write_sysreg(HFGWTR2_EL2, v->fgt[FGT_HFGWTR2]);
		write_sysreg(HFGITR2_EL2, v->fgt[FGT_HFGITR2]);
		write_sysreg(HDFGRTR2_EL2, v->fgt[FGT_HDFGRTR2]);
		write_sysreg(HDFGWTR2_EL2, v->fgt[FGT_HDFGWTR2]);
	}
	if (id_field(host_id[ID_AA64MMFR1], 40))
		write_sysreg(HCRX_EL2, vm->arch.hcrx);
}
