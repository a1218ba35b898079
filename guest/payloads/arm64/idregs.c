/* The CPU a payload sees: ID registers are stable and self-consistent, EL2 is invisible
 * from EL1, EL2 control registers cannot be touched. vm=1 (guest mode) also checks what
 * testvisor never gives a VM: SVE, SME, AMU, MPAM and an EL2 are announced absent;
 * fields=<reg>:<shift>:<value>,... checks 4-bit fields against the VM's configuration. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "arm64.h"
#include "probe.h"

#define ID(name, enc) { name, ({ uint64_t v; __asm__ volatile("mrs %0, " #enc : "=r"(v)); v; }) }

static void hcr_write(void) { __asm__ volatile("msr hcr_el2, xzr" ::: "memory"); }
static void hcrx_read(void) { __asm__ volatile("mrs x0, s3_4_c1_c2_2" ::: "x0", "memory"); }
static void vttbr_read(void) { __asm__ volatile("mrs x0, vttbr_el2" ::: "x0", "memory"); }

int main(int argc, char **argv)
{
	struct { const char *name; uint64_t v; } regs[] = {
		ID("pfr0", s3_0_c0_c4_0), ID("pfr1", s3_0_c0_c4_1), ID("zfr0", s3_0_c0_c4_4),
		ID("smfr0", s3_0_c0_c4_5), ID("dfr0", s3_0_c0_c5_0), ID("isar0", s3_0_c0_c6_0),
		ID("isar1", s3_0_c0_c6_1), ID("isar2", s3_0_c0_c6_2), ID("mmfr0", s3_0_c0_c7_0),
		ID("mmfr1", s3_0_c0_c7_1), ID("mmfr2", s3_0_c0_c7_2), ID("mmfr3", s3_0_c0_c7_3),
	};
	unsigned n = sizeof(regs) / sizeof(regs[0]);
	for (unsigned i = 0; i < n; i++)
		report_info("ID_AA64%s_EL1 = %#018lx", regs[i].name, (unsigned long)regs[i].v);
	report(read_sysreg(s3_0_c0_c4_0) == regs[0].v && read_sysreg(s3_0_c0_c7_1) == regs[9].v,
	       "ID registers read the same twice");
	uint64_t pfr0 = regs[0].v;
	report(id_field_of(pfr0, 0) >= 1 && id_field_of(pfr0, 4) >= 1, "EL0 and EL1 are AArch64");
	report(id_field_of(pfr0, 8) == 0, "EL2 is not announced to EL1 software");
	report(read_sysreg(mpidr_el1) & (1ull << 31), "MPIDR_EL1 bit 31 is RES1");
	report(id_field_of(pfr0, 32) != 0 || regs[2].v == 0, "ID_AA64ZFR0_EL1 is zero without SVE");
	report(probe_ec(hcr_write) == 0, "HCR_EL2 cannot be written from EL1");
	report(probe_ec(hcrx_read) == 0, "HCRX_EL2 cannot be read from EL1");
	report(probe_ec(vttbr_read) == 0, "VTTBR_EL2 cannot be read from EL1");

	if (tv_arg(argc, argv, "vm")) {
		report(id_field_of(pfr0, 32) == 0 && regs[2].v == 0, "a VM is not offered SVE");
		report(id_field_of(regs[1].v, 24) == 0 && regs[3].v == 0, "a VM is not offered SME");
		report(id_field_of(pfr0, 44) == 0, "a VM is not offered the AMU");
		report(id_field_of(pfr0, 40) == 0 && id_field_of(regs[1].v, 16) == 0,
		       "a VM is not offered MPAM");
	}
	const char *fields = tv_arg(argc, argv, "fields");
	while (fields && *fields) {
		char name[16] = "";
		unsigned shift = 0, want = 0;
		int used = 0;
		if (sscanf(fields, "%15[a-z0-9]:%u:%u%n", name, &shift, &want, &used) != 3) {
			report_fail("malformed fields= item at '%s'", fields);
			break;
		}
		bool found = false;
		for (unsigned i = 0; i < n && !found; i++) {
			if (strcmp(regs[i].name, name))
				continue;
			found = true;
			report(id_field_of(regs[i].v, shift) == want,
			       "ID_AA64%s_EL1 field at bit %u is %u as configured", name, shift, want);
		}
		if (!found)
			report_fail("fields=: no ID register named %s", name);
		fields += used;
		fields += *fields == ',';
	}
	return report_summary();
}
