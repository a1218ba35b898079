/* Registers and instructions that fine-grained traps control, one class per feature (one
 * FGT row group): every access works exactly when the ID registers announce the feature,
 * and UNDEFs otherwise (testvisor: FGU). hidden=a,b names what the VM's configuration hides
 * (they must be announced absent); present=a,b what must be announced (the exposed half
 * of each pair). The classes without a config name are features testvisor never offers a
 * VM (announced absent, UNDEF) but bare QEMU may (announced, working). Encodings are the
 * Arm ARM's (op0, op1, CRn, CRm, op2), written here, not taken from testvisor. */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "probe.h"

#define MRS(fn, reg) static void fn(void) { __asm__ volatile("mrs x0, " #reg ::: "x0", "memory"); }
#define MSR(fn, reg) static void fn(void) { __asm__ volatile("msr " #reg ", xzr" ::: "memory"); }

MRS(lorid_read, s3_0_c10_c4_7)        /* LORID_EL1 */
MSR(lorc_write, s3_0_c10_c4_3)        /* LORC_EL1 */
MRS(apiakeylo_read, s3_0_c2_c1_0)     /* APIAKeyLo_EL1 */
static void apiakeylo_write(void)
{
	__asm__ volatile("mrs x0, s3_0_c2_c1_0\n msr s3_0_c2_c1_0, x0" ::: "x0", "memory");
}
MRS(scxtnum_read, s3_0_c13_c0_7)      /* SCXTNUM_EL1 */
MSR(scxtnum_write, s3_0_c13_c0_7)
static void cfprctx(void) { __asm__ volatile("mov x0, #0\n .inst 0xd50b7380" ::: "x0", "memory"); } /* CFP RCTX, x0 */
static uint64_t dpb_line[8] __attribute__((aligned(64)));
static void dc_cvap(void) /* DC CVAP, x0 on a line of our own RAM */
{
	__asm__ volatile("mov x0, %0\n .inst 0xd50b7c20" : : "r"(dpb_line) : "x0", "memory");
}
/* PMUv3: one access per HDFGRTR/HDFGWTR row, plus PMCR_EL0 (only MDCR_EL2.TPMCR traps
 * its reads). */
MRS(pmccntr_read, s3_3_c9_c13_0)      /* PMCCNTR_EL0 */
MSR(pmselr_write, s3_3_c9_c12_5)      /* PMSELR_EL0 */
MRS(pmcr_read, s3_3_c9_c12_0)         /* PMCR_EL0 */
MRS(pmcntenset_read, s3_3_c9_c12_1)   /* PMCNTENSET_EL0 */
MSR(pmcntenclr_write, s3_3_c9_c12_2)  /* PMCNTENCLR_EL0 */
MRS(pmovsset_read, s3_3_c9_c14_3)     /* PMOVSSET_EL0 */
MSR(pmovsclr_write, s3_3_c9_c12_3)    /* PMOVSCLR_EL0 */
MRS(pmintenset_read, s3_0_c9_c14_1)   /* PMINTENSET_EL1 */
MSR(pmintenclr_write, s3_0_c9_c14_2)  /* PMINTENCLR_EL1 */
MRS(pmceid0_read, s3_3_c9_c12_6)      /* PMCEID0_EL0 */
MRS(pmceid1_read, s3_3_c9_c12_7)      /* PMCEID1_EL0 */
MRS(pmevcntr0_read, s3_3_c14_c8_0)    /* PMEVCNTR0_EL0 */
MRS(pmevtyper0_read, s3_3_c14_c12_0)  /* PMEVTYPER0_EL0 */
MRS(pmxevtyper_read, s3_3_c9_c13_1)   /* PMXEVTYPER_EL0 */
MRS(pmccfiltr_read, s3_3_c14_c15_7)   /* PMCCFILTR_EL0 */
MRS(pmuserenr_read, s3_3_c9_c14_0)    /* PMUSERENR_EL0 */
MSR(pmswinc_write, s3_3_c9_c12_4)     /* PMSWINC_EL0 */
/* Features testvisor never offers. */
MRS(tpidr2_read, s3_3_c13_c0_5)       /* TPIDR2_EL0 (SME) */
MRS(smpri_read, s3_0_c1_c2_4)         /* SMPRI_EL1 (SME) */
MRS(pmsidr_read, s3_0_c9_c9_7)        /* PMSIDR_EL1 (SPE) */
MRS(pmbidr_read, s3_0_c9_c10_7)       /* PMBIDR_EL1 (SPE) */
MRS(trbidr_read, s3_0_c9_c11_7)       /* TRBIDR_EL1 (TRBE) */
MRS(brbidr0_read, s2_1_c9_c2_0)       /* BRBIDR0_EL1 (BRBE) */
MRS(gcscr_read, s3_0_c2_c5_0)         /* GCSCR_EL1 (GCS) */
MRS(trcidr0_read, s2_1_c0_c8_7)       /* TRCIDR0 (trace unit) */
MRS(trfcr_read, s3_0_c1_c2_1)         /* TRFCR_EL1 (TRF) */
MRS(amcr_read, s3_3_c13_c2_0)         /* AMCR_EL0 (AMU) */

struct access {
	const char *reg;
	void (*fn)(void);
};

struct fgt_class {
	const char *name;        /* the config name of the feature, or the group's name */
	bool (*announced)(void); /* what the ID registers say */
	struct access access[18];
};

static unsigned field(uint64_t v, unsigned shift) { return id_field_of(v, shift); }
static bool has_lor(void) { return field(read_sysreg(id_aa64mmfr1_el1), 16) >= 1; }
static bool has_pauth(void)
{
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1), isar2 = read_sysreg(s3_0_c0_c6_2);
	return field(isar1, 4) || field(isar1, 8) || field(isar2, 12);
}
static bool has_csv2_2(void) { return field(read_sysreg(id_aa64pfr0_el1), 56) >= 2; }
static bool has_specres(void) { return field(read_sysreg(id_aa64isar1_el1), 40) >= 1; }
static bool has_dpb(void) { return field(read_sysreg(id_aa64isar1_el1), 0) >= 1; }
/* ID_AA64DFR0_EL1.PMUVer: 0xf is an IMPLEMENTATION DEFINED PMU, not PMUv3. */
static bool has_pmuv3(void)
{
	unsigned v = field(read_sysreg(id_aa64dfr0_el1), 8);
	return v >= 1 && v != 0xf;
}
static bool has_sme(void) { return field(read_sysreg(id_aa64pfr1_el1), 24) >= 1; }
static bool has_spe(void) { return field(read_sysreg(id_aa64dfr0_el1), 32) >= 1; }
static bool has_trbe(void) { return field(read_sysreg(id_aa64dfr0_el1), 44) >= 1; }
static bool has_brbe(void) { return field(read_sysreg(id_aa64dfr0_el1), 52) >= 1; }
static bool has_gcs(void) { return field(read_sysreg(id_aa64pfr1_el1), 44) >= 1; }
static bool has_trace(void) { return field(read_sysreg(id_aa64dfr0_el1), 4) >= 1; }
static bool has_trf(void) { return field(read_sysreg(id_aa64dfr0_el1), 40) >= 1; }
static bool has_amu(void) { return field(read_sysreg(id_aa64pfr0_el1), 44) >= 1; }

static const struct fgt_class classes[] = {
	{ "lor", has_lor, { { "LORID_EL1", lorid_read }, { "LORC_EL1 write", lorc_write } } },
	{ "pauth", has_pauth, { { "APIAKeyLo_EL1", apiakeylo_read },
				{ "APIAKeyLo_EL1 write", apiakeylo_write } } },
	{ "csv2", has_csv2_2, { { "SCXTNUM_EL1", scxtnum_read },
				{ "SCXTNUM_EL1 write", scxtnum_write } } },
	{ "specres", has_specres, { { "CFP RCTX", cfprctx } } },
	{ "dpb", has_dpb, { { "DC CVAP", dc_cvap } } },
	{ "pmu", has_pmuv3, {
		{ "PMCCNTR_EL0", pmccntr_read }, { "PMSELR_EL0 write", pmselr_write },
		{ "PMCR_EL0", pmcr_read }, { "PMCNTENSET_EL0", pmcntenset_read },
		{ "PMCNTENCLR_EL0 write", pmcntenclr_write }, { "PMOVSSET_EL0", pmovsset_read },
		{ "PMOVSCLR_EL0 write", pmovsclr_write }, { "PMINTENSET_EL1", pmintenset_read },
		{ "PMINTENCLR_EL1 write", pmintenclr_write }, { "PMCEID0_EL0", pmceid0_read },
		{ "PMCEID1_EL0", pmceid1_read }, { "PMEVCNTR0_EL0", pmevcntr0_read },
		{ "PMEVTYPER0_EL0", pmevtyper0_read }, { "PMXEVTYPER_EL0", pmxevtyper_read },
		{ "PMCCFILTR_EL0", pmccfiltr_read }, { "PMUSERENR_EL0", pmuserenr_read },
		{ "PMSWINC_EL0 write", pmswinc_write } } },
	{ "sme", has_sme, { { "TPIDR2_EL0", tpidr2_read }, { "SMPRI_EL1", smpri_read } } },
	{ "spe", has_spe, { { "PMSIDR_EL1", pmsidr_read }, { "PMBIDR_EL1", pmbidr_read } } },
	{ "trbe", has_trbe, { { "TRBIDR_EL1", trbidr_read } } },
	{ "brbe", has_brbe, { { "BRBIDR0_EL1", brbidr0_read } } },
	{ "gcs", has_gcs, { { "GCSCR_EL1", gcscr_read } } },
	{ "trace", has_trace, { { "TRCIDR0", trcidr0_read } } },
	{ "trf", has_trf, { { "TRFCR_EL1", trfcr_read } } },
	{ "amu", has_amu, { { "AMCR_EL0", amcr_read } } },
};

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

int main(int argc, char **argv)
{
	const char *hidden = tv_arg(argc, argv, "hidden"), *present = tv_arg(argc, argv, "present");
	for (unsigned i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		const struct fgt_class *c = &classes[i];
		report_prefix_push(c->name);
		bool announced = c->announced();
		report_info("%s", announced ? "announced" : "absent");
		if (in_list(hidden, c->name))
			report(!announced, "hidden by the configuration: ID registers announce it absent");
		if (in_list(present, c->name))
			report(announced, "exposed: ID registers announce it");
		for (unsigned a = 0; a < 18 && c->access[a].fn; a++) {
			int ec = probe_ec(c->access[a].fn);
			/* One wording for both outcomes: bare QEMU and testvisor may announce a
			 * never-offered feature differently, and their lines are compared. */
			report(announced ? ec == -1 : ec == 0, "%s behaves as announced",
			       c->access[a].reg);
			if (ec != -1)
				report_info("%s raised EC %#x", c->access[a].reg, (unsigned)ec);
		}
		report_prefix_pop();
	}
	return report_summary();
}
