/* RAS as the ID registers announce it (ras=none|v1|v1p1 names the configured level):
 * no RAS -> the error record registers UNDEF; RAS -> they read as zero records and ignore
 * writes; the RASv1p1 registers (ERXMISC2/3, ERXPFG*) only with v1p1. QEMU implements
 * only ERRIDR_EL1 of them (the rest UNDEF even with RAS): those checks are known failures
 * on a software CPU model (MIDR implementer 0). */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "probe.h"

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

static const char *const level_names[] = { "none", "v1", "v1p1" };

int main(int argc, char **argv)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1), pfr1 = read_sysreg(id_aa64pfr1_el1);
	unsigned ras = id_field_of(pfr0, 28), frac = id_field_of(pfr1, 12);
	unsigned level = ras >= 2 || (ras == 1 && frac >= 1) ? 2 : ras == 1 ? 1 : 0;
	bool software_model = (read_sysreg(midr_el1) >> 24) == 0;
	report_info("ID_AA64PFR0_EL1.RAS=%u ID_AA64PFR1_EL1.RAS_frac=%u: RAS %s", ras, frac,
		    level_names[level]);
	const char *want = tv_arg(argc, argv, "ras");
	if (want)
		report(!strcmp(want, level_names[level]), "the ID registers announce the configured RAS level");

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
	report_kfail(level == 2 && software_model, level == 2 ? ec == -1 : ec == 0,
		     "ERXMISC2_EL1 (RASv1p1) is %s", level == 2 ? "readable" : "undefined");
	ec = probe_ec(erxpfgf);
	report_kfail(level == 2 && software_model, level == 2 ? ec == -1 : ec == 0,
		     "ERXPFGF_EL1 (RASv1p1) is %s", level == 2 ? "readable" : "undefined");
	ec = probe_ec(erxpfgctl_write);
	report_kfail(level == 2 && software_model, level == 2 ? ec == -1 : ec == 0,
		     "ERXPFGCTL_EL1 writes are %s", level == 2 ? "ignored" : "undefined");
	report(probe_ec(esb) == -1, "ESB executes (a hint without RAS)");
	return report_summary();
}
