/* What a VM's trapped MSR/MRS/SYS access means (arch/arm64/sysreg_rules.c), for views built
 * from QEMU max's ID registers and a configuration. Register encodings are written here
 * from the Arm ARM's system register descriptions (op0, op1, CRn, CRm, op2), not taken from
 * testvisor's tables. On QEMU most ERX* registers UNDEF at EL1 before EL2 sees them, so
 * these rules can only fail here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/config.h>
#include <arm64/cpu_view.h>
#include <arm64/fgt.h>
#include <arm64/sysreg_rules.h>

#define ENC(op0, op1, crn, crm, op2) \
	((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

#include "qemu_max_idregs.h"

static struct cpu_view view(const char *spec)
{
	struct vm_config cfg;
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(vm_config_parse(&cfg, spec, err, sizeof(err)), 0);
	assert_int_equal(cpu_view_build(qemu_max, &cfg, &v, &t, err, sizeof(err)), 0);
	return v;
}

static enum sysreg_outcome rd(const struct cpu_view *v, uint32_t enc)
{
	return sysreg_classify(v, enc, true).outcome;
}
static enum sysreg_outcome wr(const struct cpu_view *v, uint32_t enc)
{
	return sysreg_classify(v, enc, false).outcome;
}

/* Arm ARM: ERRIDR_EL1, ERRSELR_EL1, ERXFR/CTLR/STATUS/ADDR/MISC0/MISC1_EL1 are "present only
 * when FEAT_RAS is implemented", ERXMISC2/3_EL1 and ERXPFGF/ERXPFGCTL/ERXPFGCDN_EL1 "only
 * when FEAT_RASv1p1 is implemented"; otherwise accesses are UNDEFINED. With no records
 * (ERRIDR_EL1.NUM = 0), ERRSELR_EL1 may be RES0 and the ERX* registers RAZ/WI: testvisor's
 * choice. */
static const uint32_t ras_v1_regs[] = {
	ENC(3, 0, 5, 3, 0), /* ERRIDR_EL1 */
	ENC(3, 0, 5, 3, 1), /* ERRSELR_EL1 */
	ENC(3, 0, 5, 4, 0), /* ERXFR_EL1 */
	ENC(3, 0, 5, 4, 1), /* ERXCTLR_EL1 */
	ENC(3, 0, 5, 4, 2), /* ERXSTATUS_EL1 */
	ENC(3, 0, 5, 4, 3), /* ERXADDR_EL1 */
	ENC(3, 0, 5, 5, 0), /* ERXMISC0_EL1 */
	ENC(3, 0, 5, 5, 1), /* ERXMISC1_EL1 */
};
static const uint32_t ras_v1p1_regs[] = {
	ENC(3, 0, 5, 5, 2), /* ERXMISC2_EL1 */
	ENC(3, 0, 5, 5, 3), /* ERXMISC3_EL1 */
	ENC(3, 0, 5, 4, 4), /* ERXPFGF_EL1 */
	ENC(3, 0, 5, 4, 5), /* ERXPFGCTL_EL1 */
	ENC(3, 0, 5, 4, 6), /* ERXPFGCDN_EL1 */
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void ras_none_undefs_everything(void **state)
{
	struct cpu_view v = view("name=a ras=none");
	for (unsigned i = 0; i < N(ras_v1_regs); i++) {
		assert_int_equal(rd(&v, ras_v1_regs[i]), SR_UNDEF);
		assert_int_equal(wr(&v, ras_v1_regs[i]), SR_UNDEF);
	}
	for (unsigned i = 0; i < N(ras_v1p1_regs); i++) {
		assert_int_equal(rd(&v, ras_v1p1_regs[i]), SR_UNDEF);
		assert_int_equal(wr(&v, ras_v1p1_regs[i]), SR_UNDEF);
	}
}

static void ras_v1_undefs_v1p1_registers(void **state)
{
	struct cpu_view v = view("name=a ras=v1");
	for (unsigned i = 0; i < N(ras_v1_regs); i++) {
		assert_int_equal(rd(&v, ras_v1_regs[i]), SR_RAZWI);
		assert_int_equal(wr(&v, ras_v1_regs[i]), SR_RAZWI);
	}
	for (unsigned i = 0; i < N(ras_v1p1_regs); i++) {
		assert_int_equal(rd(&v, ras_v1p1_regs[i]), SR_UNDEF);
		assert_int_equal(wr(&v, ras_v1p1_regs[i]), SR_UNDEF);
	}
}

/* Both forms of RASv1p1 give the same register behaviour. */
static void ras_v1p1_both_forms_razwi(void **state)
{
	static const char *const specs[] = { "name=a ras=v1p1", "name=a ras=v1p1-frac", "name=a" };
	for (unsigned s = 0; s < N(specs); s++) {
		struct cpu_view v = view(specs[s]);
		assert_int_equal(v.ras, RAS_V1P1);
		for (unsigned i = 0; i < N(ras_v1_regs); i++)
			assert_int_equal(rd(&v, ras_v1_regs[i]), SR_RAZWI);
		for (unsigned i = 0; i < N(ras_v1p1_regs); i++) {
			assert_int_equal(rd(&v, ras_v1p1_regs[i]), SR_RAZWI);
			assert_int_equal(wr(&v, ras_v1p1_regs[i]), SR_RAZWI);
		}
	}
	struct cpu_view v = view("name=a ras=v1p1");
	assert_int_equal((v.id[ID_AA64PFR0] >> 28) & 0xf, 2);
	assert_int_equal((v.id[ID_AA64PFR1] >> 12) & 0xf, 0);
	v = view("name=a ras=v1p1-frac");
	assert_int_equal((v.id[ID_AA64PFR0] >> 28) & 0xf, 1);
	assert_int_equal((v.id[ID_AA64PFR1] >> 12) & 0xf, 1);
}

/* Every PMUv3 register a hidden PMU traps (HDFGRTR/HDFGWTR_EL2 rows, and MDCR_EL2.TPM/TPMCR
 * for PMCR_EL0) is UNDEF, as FGU means; exposed, they are not trapped at all. */
static const uint32_t pmu_regs[] = {
	ENC(3, 3, 9, 12, 0),  /* PMCR_EL0 */
	ENC(3, 3, 9, 12, 1),  /* PMCNTENSET_EL0 */
	ENC(3, 3, 9, 12, 2),  /* PMCNTENCLR_EL0 */
	ENC(3, 3, 9, 12, 3),  /* PMOVSCLR_EL0 */
	ENC(3, 3, 9, 12, 5),  /* PMSELR_EL0 */
	ENC(3, 3, 9, 12, 6),  /* PMCEID0_EL0 */
	ENC(3, 3, 9, 12, 7),  /* PMCEID1_EL0 */
	ENC(3, 3, 9, 13, 0),  /* PMCCNTR_EL0 */
	ENC(3, 3, 9, 13, 1),  /* PMXEVTYPER_EL0 */
	ENC(3, 3, 9, 13, 2),  /* PMXEVCNTR_EL0 */
	ENC(3, 3, 9, 14, 0),  /* PMUSERENR_EL0 */
	ENC(3, 0, 9, 14, 1),  /* PMINTENSET_EL1 */
	ENC(3, 0, 9, 14, 2),  /* PMINTENCLR_EL1 */
	ENC(3, 3, 9, 14, 3),  /* PMOVSSET_EL0 */
	ENC(3, 0, 9, 14, 6),  /* PMMIR_EL1 */
	ENC(3, 3, 14, 8, 0),  /* PMEVCNTR0_EL0 */
	ENC(3, 3, 14, 11, 6), /* PMEVCNTR30_EL0 */
	ENC(3, 3, 14, 12, 0), /* PMEVTYPER0_EL0 */
	ENC(3, 3, 14, 15, 6), /* PMEVTYPER30_EL0 */
	ENC(3, 3, 14, 15, 7), /* PMCCFILTR_EL0 */
};

static void hidden_pmu_undefs(void **state)
{
	struct cpu_view hidden = view("name=a hide=pmu"), shown = view("name=a");
	for (unsigned i = 0; i < N(pmu_regs); i++) {
		assert_int_equal(rd(&hidden, pmu_regs[i]), SR_UNDEF);
		assert_int_equal(rd(&shown, pmu_regs[i]), SR_UNEXPECTED);
	}
	assert_int_equal(wr(&hidden, ENC(3, 3, 9, 12, 4)), SR_UNDEF); /* PMSWINC_EL0 */
	assert_int_equal(wr(&hidden, ENC(3, 3, 9, 12, 2)), SR_UNDEF); /* PMCNTENCLR_EL0 */
	/* PMCCFILTR_EL0 sits in PMEVTYPER<n>'s encoding range: its own row decides. */
	assert_string_equal(sysreg_classify(&hidden, ENC(3, 3, 14, 15, 7), true).rule,
			    "PMCCFILTR_EL0");
}

/* Registers of features testvisor never offers are UNDEF where the host has them. */
static void never_offered_undef(void **state)
{
	struct cpu_view v = view("name=a");
	assert_int_equal(rd(&v, ENC(3, 3, 13, 0, 5)), SR_UNDEF); /* TPIDR2_EL0 (SME) */
	assert_int_equal(rd(&v, ENC(3, 0, 1, 2, 4)), SR_UNDEF);  /* SMPRI_EL1 (SME) */
	v.features &= ~(FEAT_BIT(FEAT_SPE) | FEAT_BIT(FEAT_TRBE) | FEAT_BIT(FEAT_BRBE) |
			FEAT_BIT(FEAT_GCS) | FEAT_BIT(FEAT_TRACE));
	assert_int_equal(rd(&v, ENC(3, 0, 9, 9, 7)), SR_UNDEF);  /* PMSIDR_EL1 */
	assert_int_equal(rd(&v, ENC(3, 0, 9, 10, 7)), SR_UNDEF); /* PMBIDR_EL1 */
	assert_int_equal(rd(&v, ENC(3, 0, 9, 11, 7)), SR_UNDEF); /* TRBIDR_EL1 */
	assert_int_equal(rd(&v, ENC(2, 1, 9, 2, 0)), SR_UNDEF);  /* BRBIDR0_EL1 */
	assert_int_equal(rd(&v, ENC(2, 1, 8, 5, 4)), SR_UNDEF);  /* BRBINF21_EL1 */
	assert_int_equal(rd(&v, ENC(3, 0, 2, 5, 0)), SR_UNDEF);  /* GCSCR_EL1 */
	assert_int_equal(rd(&v, ENC(2, 1, 0, 8, 7)), SR_UNDEF);  /* TRCIDR0 */
	assert_int_equal(rd(&v, ENC(2, 1, 1, 4, 0)), SR_UNDEF);  /* TRCRSCTLR4 */
	assert_int_equal(wr(&v, ENC(1, 0, 7, 7, 4)), SR_UNDEF);  /* GCSPUSHX */
	assert_int_equal(wr(&v, ENC(1, 1, 7, 2, 4)), SR_UNDEF);  /* BRB IALL */
}

static void id_space_and_emulated(void **state)
{
	struct cpu_view v = view("name=a hide=lor");
	assert_int_equal(rd(&v, ENC(3, 0, 0, 4, 0)), SR_ID_READ);   /* ID_AA64PFR0_EL1 */
	assert_int_equal(wr(&v, ENC(3, 0, 0, 4, 0)), SR_UNDEF);     /* read-only */
	assert_int_equal(rd(&v, ENC(3, 0, 10, 4, 7)), SR_UNDEF);    /* LORID_EL1, hidden */
	v = view("name=a");
	assert_int_equal(rd(&v, ENC(3, 0, 10, 4, 7)), SR_RAZWI);    /* LORID_EL1: no regions */
	assert_int_equal(wr(&v, ENC(3, 0, 10, 4, 3)), SR_RAZWI);    /* LORC_EL1 */
	assert_int_equal(wr(&v, ENC(3, 0, 12, 11, 5)), SR_SGI1);    /* ICC_SGI1R_EL1 */
	/* Well-formed too: a guest writing them is not stopped (sysreg_fuzz found it). */
	assert_int_equal(wr(&v, ENC(3, 0, 12, 11, 6)), SR_SGI0);    /* ICC_ASGI1R_EL1 */
	assert_int_equal(wr(&v, ENC(3, 0, 12, 11, 7)), SR_SGI0);    /* ICC_SGI0R_EL1 */
	assert_int_equal(rd(&v, ENC(3, 0, 1, 0, 0)), SR_UNEXPECTED); /* SCTLR_EL1: not trapped */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ras_none_undefs_everything),
		cmocka_unit_test(ras_v1_undefs_v1p1_registers),
		cmocka_unit_test(ras_v1p1_both_forms_razwi),
		cmocka_unit_test(hidden_pmu_undefs),
		cmocka_unit_test(never_offered_undef),
		cmocka_unit_test(id_space_and_emulated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
