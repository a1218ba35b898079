/* VMCB clean bits (see x86/exit_assist.h; the nRIP rules are inline there). Pure: no
 * VMCB access beyond the byte image handed in. */
#include <string.h>
#include <x86/exit_assist.h>

/* AMD APM vol. 2, 15.15 (VMCB state caching: the VMCB Clean field); offsets from appendix
 * B, tables B-1 and B-2 (the state save area starts at 0x400). NP_ENABLE counts with NP
 * as Linux groups it (arch/x86/include/asm/svm.h, VMCB_NPT): it can only make fewer
 * groups clean. */
const struct vmcb_clean_group vmcb_clean_groups[] = {
	{ "I", 0, { { 0x000, 0x18 }, { 0x03c, 0x04 }, { 0x050, 0x08 } } }, /* intercepts, pause filter, TSC offset */
	{ "IOPM", 1, { { 0x040, 0x10 } } },                              /* IOPM_BASE_PA, MSRPM_BASE_PA */
	{ "ASID", 2, { { 0x058, 0x04 } } },
	{ "TPR", 3, { { 0x060, 0x08 } } },                               /* V_TPR, V_IRQ, V_INTR_* */
	{ "NP", 4, { { 0x090, 0x01 }, { 0x0b0, 0x08 }, { 0x668, 0x08 } } }, /* NP_ENABLE, N_CR3, G_PAT */
	{ "CRx", 5, { { 0x4d0, 0x08 }, { 0x548, 0x18 } } },              /* EFER; CR4, CR3, CR0 */
	{ "DRx", 6, { { 0x560, 0x10 } } },                               /* DR7, DR6 */
	{ "DT", 7, { { 0x460, 0x10 }, { 0x480, 0x10 } } },               /* GDTR, IDTR */
	{ "SEG", 8, { { 0x400, 0x40 }, { 0x4cb, 0x01 } } },              /* ES, CS, SS, DS; CPL */
	{ "CR2", 9, { { 0x640, 0x08 } } },
	{ "LBR", 10, { { 0x670, 0x28 } } },                              /* DBGCTL, BR_FROM/TO, LASTEXCP_FROM/TO */
};
const unsigned vmcb_clean_group_count = sizeof(vmcb_clean_groups) / sizeof(vmcb_clean_groups[0]);

size_t vmcb_clean_snapshot_size(void)
{
	size_t n = 0;
	for (unsigned g = 0; g < vmcb_clean_group_count; g++)
		for (unsigned r = 0; r < 4 && vmcb_clean_groups[g].ranges[r].size; r++)
			n += vmcb_clean_groups[g].ranges[r].size;
	return n;
}

/* Walks every covered range in table order, copying into or comparing with `snap`. */
static uint32_t walk_ranges(const uint8_t *vmcb, uint8_t *snap, bool copy)
{
	uint32_t clean = 0;
	size_t at = 0;
	for (unsigned g = 0; g < vmcb_clean_group_count; g++) {
		const struct vmcb_clean_group *grp = &vmcb_clean_groups[g];
		bool same = true;
		for (unsigned r = 0; r < 4 && grp->ranges[r].size; r++) {
			const struct vmcb_range *rg = &grp->ranges[r];
			if (copy)
				memcpy(snap + at, vmcb + rg->offset, rg->size);
			else if (memcmp(snap + at, vmcb + rg->offset, rg->size))
				same = false;
			at += rg->size;
		}
		if (same)
			clean |= 1u << grp->bit;
	}
	return clean;
}

void vmcb_clean_snapshot(const void *vmcb, uint8_t *snap)
{
	walk_ranges(vmcb, snap, true);
}

uint32_t vmcb_clean_bits(const void *vmcb, const uint8_t *snap, bool snap_valid)
{
	return snap_valid ? walk_ranges(vmcb, (uint8_t *)snap, false) : 0;
}
