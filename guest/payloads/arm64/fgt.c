/* Registers and instructions that fine-grained traps control, one class per feature: an
 * access works exactly when the ID registers announce the feature, and UNDEFs otherwise
 * (testvisor: FGU). hidden=a,b names what the VM's configuration hides (they must be
 * announced absent); present=a,b what must be announced (the exposed half of each pair). */
#include <libtv.h>
#include <string.h>
#include "arm64.h"
#include "probe.h"

static void lor_read(void) { __asm__ volatile("mrs x0, s3_0_c10_c4_7" ::: "x0", "memory"); }   /* LORID_EL1 */
static void lor_write(void) { __asm__ volatile("msr s3_0_c10_c4_3, xzr" ::: "memory"); }       /* LORC_EL1 */
static void pauth_read(void) { __asm__ volatile("mrs x0, s3_0_c2_c1_0" ::: "x0", "memory"); }  /* APIAKeyLo_EL1 */
static void pauth_write(void) { __asm__ volatile("mrs x0, s3_0_c2_c1_0\n msr s3_0_c2_c1_0, x0" ::: "x0", "memory"); }
static void csv2_read(void) { __asm__ volatile("mrs x0, s3_0_c13_c0_7" ::: "x0", "memory"); }  /* SCXTNUM_EL1 */
static void csv2_write(void) { __asm__ volatile("msr s3_0_c13_c0_7, xzr" ::: "memory"); }
static void specres_insn(void) { __asm__ volatile("mov x0, #0\n .inst 0xd50b7380" ::: "x0", "memory"); } /* CFP RCTX, x0 */
static uint64_t dpb_line[8] __attribute__((aligned(64)));
static void dpb_insn(void) /* DC CVAP, x0 on a line of our own RAM */
{
	__asm__ volatile("mov x0, %0\n .inst 0xd50b7c20" : : "r"(dpb_line) : "x0", "memory");
}
static void pmu_read(void) { __asm__ volatile("mrs x0, s3_3_c9_c13_0" ::: "x0", "memory"); }   /* PMCCNTR_EL0 */
static void pmu_write(void) { __asm__ volatile("msr s3_3_c9_c12_5, xzr" ::: "memory"); }       /* PMSELR_EL0 */

struct fgt_class {
	const char *name;        /* the config name of the feature */
	const char *what;        /* the trap register(s) controlling it */
	bool (*announced)(void); /* what the ID registers say */
	void (*access[2])(void);
};

static bool has_lor(void) { return id_field_of(read_sysreg(id_aa64mmfr1_el1), 16) >= 1; }
static bool has_pauth(void)
{
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1), isar2 = read_sysreg(s3_0_c0_c6_2);
	return id_field_of(isar1, 4) || id_field_of(isar1, 8) || id_field_of(isar2, 12);
}
static bool has_csv2_2(void) { return id_field_of(read_sysreg(id_aa64pfr0_el1), 56) >= 2; }
static bool has_specres(void) { return id_field_of(read_sysreg(id_aa64isar1_el1), 40) >= 1; }
static bool has_dpb(void) { return id_field_of(read_sysreg(id_aa64isar1_el1), 0) >= 1; }
static bool has_pmuv3(void)
{
	unsigned v = id_field_of(read_sysreg(id_aa64dfr0_el1), 8);
	return v >= 1 && v != 0xf;
}

static const struct fgt_class classes[] = {
	{ "lor", "HFGRTR/HFGWTR LOR*", has_lor, { lor_read, lor_write } },
	{ "pauth", "HFGRTR/HFGWTR AP*Key", has_pauth, { pauth_read, pauth_write } },
	{ "csv2", "HFGRTR/HFGWTR SCXTNUM", has_csv2_2, { csv2_read, csv2_write } },
	{ "specres", "HFGITR CFPRCTX", has_specres, { specres_insn, NULL } },
	{ "dpb", "HFGITR DCCVAP", has_dpb, { dpb_insn, NULL } },
	{ "pmu", "HDFGRTR/HDFGWTR PMU", has_pmuv3, { pmu_read, pmu_write } },
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
		report_info("%s: %s", c->what, announced ? "announced" : "absent");
		if (in_list(hidden, c->name))
			report(!announced, "hidden by the configuration: ID registers announce it absent");
		if (in_list(present, c->name))
			report(announced, "exposed: ID registers announce it");
		for (unsigned a = 0; a < 2 && c->access[a]; a++) {
			int ec = probe_ec(c->access[a]);
			if (announced)
				report(ec == -1, "%s works, as announced", a ? "write" : "access");
			else
				report(ec == 0, "%s is undefined, as announced", a ? "write" : "access");
			if (ec > 0)
				report_info("trapped with EC %#x", (unsigned)ec);
		}
		report_prefix_pop();
	}
	return report_summary();
}
