/* RAS as the ID registers announce it. ras=<form> names the configured form; the fields
 * each form must show are written here from the Arm ARM (ID_AA64PFR0_EL1.RAS, bits 31:28;
 * ID_AA64PFR1_EL1.RAS_frac, bits 15:12):
 *   none      RAS = 0b0000                    no RAS
 *   v1        RAS = 0b0001, RAS_frac = 0b0000 FEAT_RAS
 *   v1p1      RAS = 0b0010, RAS_frac = 0b0000 FEAT_RASv1p1, the canonical form
 *   v1p1-frac RAS = 0b0001, RAS_frac = 0b0001 FEAT_RASv1p1, the fractional form
 * A guest must detect both RASv1p1 forms as v1p1: ras_level_of() is that rule, checked on
 * every form before it is applied to this CPU. Then the registers: no RAS -> the error
 * record registers UNDEF; RAS -> they read as zero records and ignore writes; the RASv1p1
 * registers (ERXMISC2/3, ERXPFG*) only with v1p1. QEMU implements only ERRIDR_EL1 of them
 * (the rest UNDEF even with RAS): those checks are known failures on a software CPU model
 * (MIDR implementer 0); the host unit test test_arm64_sysreg_rules checks testvisor's
 * rules for them. */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "probe.h"

enum { LEVEL_NONE, LEVEL_V1, LEVEL_V1P1 };
static const char *const level_names[] = { "none", "v1", "v1p1" };

/* Arm ARM: RAS >= 0b0010 is FEAT_RASv1p1 (or later); with RAS = 0b0001, RAS_frac = 0b0001
 * adds FEAT_RASv1p1; RAS_frac means nothing for other RAS values. */
static unsigned ras_level_of(unsigned ras, unsigned frac)
{
	if (ras >= 2 || (ras == 1 && frac == 1))
		return LEVEL_V1P1;
	return ras == 1 ? LEVEL_V1 : LEVEL_NONE;
}

static const struct { const char *form; unsigned ras, frac, level; } forms[] = {
	{ "none", 0, 0, LEVEL_NONE },
	{ "v1", 1, 0, LEVEL_V1 },
	{ "v1p1", 2, 0, LEVEL_V1P1 },
	{ "v1p1-frac", 1, 1, LEVEL_V1P1 },
};

static void erridr(void) { __asm__ volatile("mrs x0, s3_0_c5_c3_0" ::: "x0", "memory"); }
static uint64_t erridr_value;
static void erridr_read(void)
{
	uint64_t v = 0xdead;
	__asm__ volatile("mrs %0, s3_0_c5_c3_0" : "+r"(v) : : "memory");
	erridr_value = v;
}
static void errselr_write(void) { __asm__ volatile("msr s3_0_c5_c3_1, xzr" ::: "memory"); }
static void erxstatus(void) { __asm__ volatile("mrs x0, s3_0_c5_c4_2" ::: "x0", "memory"); }
static void erxmisc2(void) { __asm__ volatile("mrs x0, s3_0_c5_c5_2" ::: "x0", "memory"); }
static void erxpfgf(void) { __asm__ volatile("mrs x0, s3_0_c5_c4_4" ::: "x0", "memory"); }
static void erxpfgctl_write(void) { __asm__ volatile("msr s3_0_c5_c4_5, xzr" ::: "memory"); }
static void esb(void) { __asm__ volatile("hint #16" ::: "memory"); }

static void check_detection_rule(void)
{
	unsigned wrong = 0;
	for (unsigned i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		wrong += ras_level_of(forms[i].ras, forms[i].frac) != forms[i].level;
	report(wrong == 0, "detection: both RASv1p1 forms are v1p1, v1 and none are told apart");
	report(ras_level_of(2, 1) == LEVEL_V1P1 && ras_level_of(0, 1) == LEVEL_NONE &&
		       ras_level_of(1, 2) == LEVEL_V1,
	       "detection: RAS_frac counts only when RAS is 0b0001, and only its value 0b0001");
}

int main(int argc, char **argv)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1), pfr1 = read_sysreg(id_aa64pfr1_el1);
	unsigned ras = id_field_of(pfr0, 28), frac = id_field_of(pfr1, 12);
	check_detection_rule();
	unsigned level = ras_level_of(ras, frac);
	bool software_model = (read_sysreg(midr_el1) >> 24) == 0;
	report_info("ID_AA64PFR0_EL1.RAS=%u ID_AA64PFR1_EL1.RAS_frac=%u: RAS %s", ras, frac,
		    level_names[level]);
	const char *want = tv_arg(argc, argv, "ras");
	for (unsigned i = 0; want && i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (strcmp(want, forms[i].form))
			continue;
		report(ras == forms[i].ras && frac == forms[i].frac,
		       "ras=%s: RAS = %u and RAS_frac = %u", want, forms[i].ras, forms[i].frac);
		report(level == forms[i].level, "ras=%s is detected as %s", want,
		       level_names[forms[i].level]);
		want = NULL;
	}
	if (want)
		report_fail("ras=%s is not one of none v1 v1p1 v1p1-frac", want);

	int ec = probe_ec(erridr);
	report(level ? ec == -1 : ec == 0, "ERRIDR_EL1 is %s", level ? "readable" : "undefined");
	if (level) {
		probe_ec(erridr_read);
		report(erridr_value == 0, "ERRIDR_EL1 reads zero error records");
	}
	ec = probe_ec(errselr_write);
	report_kfail(level && software_model, level ? ec == -1 : ec == 0,
		     "ERRSELR_EL1 writes are %s", level ? "accepted (ignored)" : "undefined");
	ec = probe_ec(erxstatus);
	report_kfail(level && software_model, level ? ec == -1 : ec == 0,
		     "ERXSTATUS_EL1 is %s", level ? "readable" : "undefined");
	ec = probe_ec(erxmisc2);
	report_kfail(level == LEVEL_V1P1 && software_model, level == LEVEL_V1P1 ? ec == -1 : ec == 0,
		     "ERXMISC2_EL1 (RASv1p1) is %s", level == LEVEL_V1P1 ? "readable" : "undefined");
	ec = probe_ec(erxpfgf);
	report_kfail(level == LEVEL_V1P1 && software_model, level == LEVEL_V1P1 ? ec == -1 : ec == 0,
		     "ERXPFGF_EL1 (RASv1p1) is %s", level == LEVEL_V1P1 ? "readable" : "undefined");
	ec = probe_ec(erxpfgctl_write);
	report_kfail(level == LEVEL_V1P1 && software_model, level == LEVEL_V1P1 ? ec == -1 : ec == 0,
		     "ERXPFGCTL_EL1 writes are %s", level == LEVEL_V1P1 ? "ignored" : "undefined");
	report(probe_ec(esb) == -1, "ESB executes (a hint without RAS)");
	return report_summary();
}
