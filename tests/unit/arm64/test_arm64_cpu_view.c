/* A VM's CPU view from the host's ID registers and its configuration: what is never
 * offered, hide= and ras= in the ID registers, FGU and trap bits that follow, refused
 * configurations, and the fallback without FEAT_FGT. Host values are QEMU max's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/config.h>
#include <arm64/cpu_view.h>
#include <arm64/features.h>
#include <arm64/fgt.h>

#include "qemu_max_idregs.h"

static int build(const char *spec, const uint64_t *host, struct cpu_view *v,
		 struct cpu_traps *t, char *err)
{
	struct vm_config cfg;
	char perr[120];
	assert_int_equal(vm_config_parse(&cfg, spec, perr, sizeof(perr)), 0);
	return cpu_view_build(host, &cfg, v, t, err, 160);
}

static void never_offered(void **state)
{
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a", qemu_max, &v, &t, err), 0);
	assert_int_equal(id_field(v.id[ID_AA64PFR0], 32), 0); /* SVE */
	assert_int_equal(v.id[ID_AA64ZFR0], 0);
	assert_int_equal(v.id[ID_AA64SMFR0], 0);
	assert_int_equal(id_field(v.id[ID_AA64PFR1], 24), 0); /* SME */
	assert_int_equal(id_field(v.id[ID_AA64PFR0], 8), 0);  /* EL2 */
	assert_true(v.features & FEAT_BIT(FEAT_LOR));
	assert_int_equal(v.ras, RAS_V1P1);                    /* the host's level */
	assert_true(t.hcr & (1ull << 18));                    /* TID3 */
	assert_false(t.hcr & (1ull << 47));                   /* FIEN */
	assert_int_equal(t.mdcr, 0);                          /* PMU exposed */
}

static void hide_and_ras(void **state)
{
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a ras=v1 hide=lor,pmu", qemu_max, &v, &t, err), 0);
	assert_int_equal(id_field(v.id[ID_AA64MMFR1], 16), 0);
	assert_int_equal(id_field(v.id[ID_AA64PFR0], 28), 1);
	assert_int_equal(id_field(v.id[ID_AA64PFR1], 12), 0);
	assert_false(v.features & FEAT_BIT(FEAT_LOR));
	assert_false(v.features & FEAT_BIT(FEAT_RASV1P1));
	assert_true(v.fgu[FGT_HFGRTR] & (1ull << 21));       /* LORID_EL1 UNDEFs */
	assert_true(v.fgu[FGT_HFGRTR] & (1ull << 48));       /* ERXPFGCDN: v1p1 hidden */
	assert_false(v.fgu[FGT_HFGRTR] & (1ull << 40));      /* ERRIDR: RAS v1 exposed */
	assert_true(v.fgu[FGT_HDFGRTR] & (1ull << 15));      /* PMCCNTR_EL0 */
	assert_true(t.hcr & (1ull << 35));                    /* TLOR */
	assert_int_equal(t.mdcr, (1ull << 6) | (1ull << 5)); /* TPM, TPMCR */
}

static void refused(void **state)
{
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a hide=sve", qemu_max, &v, &t, err), -1);
	assert_non_null(strstr(err, "hide=sve"));
	assert_int_equal(build("name=a ras=v2", qemu_max, &v, &t, err), -1);
	uint64_t no_ras[ID_REG_COUNT];
	memcpy(no_ras, qemu_max, sizeof(no_ras));
	no_ras[ID_AA64PFR0] = id_field_set(no_ras[ID_AA64PFR0], 28, 0);
	assert_int_equal(build("name=a ras=v1", no_ras, &v, &t, err), -1);
	assert_non_null(strstr(err, "no RAS"));
}

static void without_fgt(void **state)
{
	uint64_t host[ID_REG_COUNT];
	memcpy(host, qemu_max, sizeof(host));
	host[ID_AA64MMFR0] = id_field_set(host[ID_AA64MMFR0], 56, 0);
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a hide=lor,dpb", host, &v, &t, err), 0);
	assert_int_equal(v.fgt_regs_present, 0);
	assert_int_equal(id_field(v.id[ID_AA64MMFR1], 16), 0); /* LOR: coarse TLOR */
	assert_true(t.hcr & (1ull << 35));
	assert_true(v.features & FEAT_BIT(FEAT_DPB));         /* no coarse trap: stays */
	for (unsigned r = 0; r < FGT_NR_REGS; r++)
		assert_true(v.fgt[r] == 0 && v.fgu[r] == 0);
	/* LOR exposed is LOR emulated with no regions (RAZ/WI): without FGT only HCR_EL2.TLOR
	 * keeps the guest off the CPU's own, unswitched LOR registers (KVM sets TLOR for every
	 * guest: HCR_GUEST_FLAGS, arch/arm64/include/asm/kvm_arm.h). */
	assert_int_equal(build("name=a", host, &v, &t, err), 0);
	assert_true(v.features & FEAT_BIT(FEAT_LOR));
	assert_true(t.hcr & (1ull << 35));
}

/* QEMU max has FGT without FGT2: the FGT2 registers are neither present nor computed. */
static void fgt2_absent_on_qemu_max(void **state)
{
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a", qemu_max, &v, &t, err), 0);
	assert_int_equal(v.fgt_regs_present & FGT_REGS_V2, 0);
	assert_int_equal(v.fgt_regs_present & FGT_REGS_V1, FGT_REGS_V1);
	for (unsigned r = FGT_HFGRTR2; r <= FGT_HDFGWTR2; r++)
		assert_true(v.fgt[r] == 0 && v.fgu[r] == 0);
}

/* A host with FGT2, PFAR, RASv2 and PoPS: PFAR and ERXGSR_EL1 UNDEF (never offered / RAS
 * capped at v1p1), DC CIVAPS passes through. */
static void fgt2_present(void **state)
{
	uint64_t host[ID_REG_COUNT];
	memcpy(host, qemu_max, sizeof(host));
	host[ID_AA64MMFR0] = id_field_set(host[ID_AA64MMFR0], 56, 2);
	host[ID_AA64PFR1] = id_field_set(host[ID_AA64PFR1], 60, 1);
	host[ID_AA64PFR0] = id_field_set(host[ID_AA64PFR0], 28, 3);
	host[ID_AA64MMFR4] = id_field_set(host[ID_AA64MMFR4], 0, 1);
	struct cpu_view v;
	struct cpu_traps t;
	char err[160];
	assert_int_equal(build("name=a", host, &v, &t, err), 0);
	assert_int_equal(v.fgt_regs_present & FGT_REGS_V2, FGT_REGS_V2);
	assert_int_equal(id_field(v.id[ID_AA64PFR1], 60), 0);         /* PFAR not offered */
	assert_true(v.fgu[FGT_HFGRTR2] == 0x3 && v.fgt[FGT_HFGRTR2] == 0);
	assert_true(v.fgu[FGT_HFGWTR2] == 0x1 && v.fgt[FGT_HFGWTR2] == 0);
	assert_true(v.fgu[FGT_HFGITR2] == 0 && v.fgt[FGT_HFGITR2] == 0x2); /* nDCCIVAPS = 1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(never_offered),
		cmocka_unit_test(hide_and_ras),
		cmocka_unit_test(refused),
		cmocka_unit_test(without_fgt),
		cmocka_unit_test(fgt2_absent_on_qemu_max),
		cmocka_unit_test(fgt2_present),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
