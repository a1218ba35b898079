/* HCR_EL2 / HCRX_EL2 values per VM, from rows. */
#include <arm64/ctl_bits.h>

#define ROW(r, b, f, e, h, n) { CTL_##r, b, FEAT_##f, e, h, n }
const struct ctl_row ctl_rows[] = {
	ROW(HCR, 0, BASE, 1, 1, "VM"),        /* stage 2 on */
	ROW(HCR, 1, BASE, 1, 1, "SWIO"),
	ROW(HCR, 3, BASE, 1, 1, "FMO"),       /* physical FIQ/IRQ/SError to EL2 */
	ROW(HCR, 4, BASE, 1, 1, "IMO"),
	ROW(HCR, 5, BASE, 1, 1, "AMO"),
	ROW(HCR, 9, BASE, 1, 1, "FB"),
	ROW(HCR, 10, BASE, 1, 1, "BSU_IS"),
	ROW(HCR, 13, BASE, 1, 1, "TWI"),
	ROW(HCR, 18, BASE, 1, 1, "TID3"),     /* ID registers answered from the VM's view */
	ROW(HCR, 19, BASE, 1, 1, "TSC"),      /* SMC never reaches the firmware */
	ROW(HCR, 31, BASE, 1, 1, "RW"),
	ROW(HCR, 35, LOR, 1, 1, "TLOR"),      /* LOR hidden: UNDEF; exposed: emulated RAZ/WI */
	ROW(HCR, 36, RAS, 1, 1, "TERR"),      /* RAS registers emulated or UNDEF */
	ROW(HCR, 37, RAS, 1, 1, "TEA"),
	ROW(HCR, 40, PAUTH, 1, 0, "APK"),     /* 0 traps the key registers */
	ROW(HCR, 41, PAUTH, 1, 0, "API"),     /* 0 traps the PAC instructions */
	ROW(HCR, 47, RAS, 0, 0, "FIEN"),      /* never: no error injection by a guest */
	ROW(HCR, 53, CSV2_2, 1, 0, "EnSCXT"), /* 0 traps SCXTNUM_EL0/EL1 */
	ROW(HCRX, 11, MOPS, 1, 0, "MSCEn"),
	ROW(HCRX, 14, TCR2, 1, 0, "TCR2En"),
	ROW(HCRX, 15, SCTLR2, 1, 0, "SCTLR2En"),
};
const size_t ctl_rows_len = sizeof(ctl_rows) / sizeof(ctl_rows[0]);

void ctl_compile(const struct ctl_row *rows, size_t n, uint64_t host_features,
		 uint64_t vm_features, uint64_t out[CTL_NR_REGS])
{
	for (unsigned r = 0; r < CTL_NR_REGS; r++)
		out[r] = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t feat = FEAT_BIT(rows[i].feature);
		if (!(host_features & feat))
			continue;
		if ((vm_features & feat) ? rows[i].exposed : rows[i].hidden)
			out[rows[i].reg] |= 1ull << rows[i].bit;
	}
}
