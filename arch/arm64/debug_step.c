/* Pure decisions of stepping a guest for break= (arm64/debug_step.h). EC values: Arm ARM
 * D24 ESR_EL2 ("Exception Class"). */
#include <arm64/debug_step.h>

enum step_exit step_exit_kind(unsigned ec)
{
	switch (ec) {
	case 0x32: return STEP_EXIT_OURS;
	case 0x3c: return STEP_EXIT_GUEST_BRK;
	case 0x30: case 0x34: case 0x3a: return STEP_EXIT_UNSUPPORTED;
	default: return STEP_EXIT_OTHER;
	}
}

bool step_pc_ipa(bool mmu_on, uint64_t par, uint64_t pc, uint64_t *ipa)
{
	if (!mmu_on) {
		*ipa = pc;
		return true;
	}
	if (par & PAR_EL1_F)
		return false;
	*ipa = (par & PAR_EL1_PA) | (pc & 0xfff);
	return true;
}

bool step_iss_is_debug_register(uint64_t iss)
{
	return ((iss >> 20) & 3) == 2;
}

/* MDSCR_EL1 S2_0_C0_C2_2, OSLAR_EL1 S2_0_C1_C0_4, OSLSR_EL1 S2_0_C1_C1_4 (Arm ARM D24);
 * ISS: op0 [21:20], op2 [19:17], op1 [16:14], CRn [13:10], CRm [4:1]. */
enum step_guest_reg step_guest_reg(uint64_t iss)
{
	unsigned op0 = (iss >> 20) & 3, op2 = (iss >> 17) & 7, op1 = (iss >> 14) & 7;
	unsigned crn = (iss >> 10) & 15, crm = (iss >> 1) & 15;
	if (op0 != 2 || op1 != 0)
		return STEP_REG_OTHER;
	if (crn == 0 && crm == 2 && op2 == 2)
		return STEP_REG_MDSCR;
	if (crn == 1 && crm == 1 && op2 == 4)
		return STEP_REG_OSLSR;
	if (crn == 1 && crm == 0 && op2 == 4)
		return STEP_REG_OSLAR;
	return STEP_REG_OTHER;
}

bool step_guest_enabled(const struct step_guest_view *g, uint64_t pstate)
{
	if (!(g->mdscr & MDSCR_EL1_SS) || g->oslk)
		return false;
	unsigned el = (pstate >> 2) & 3;
	return el == 0 || (el == 1 && (g->mdscr & MDSCR_EL1_KDE) && !(pstate & SPSR_D));
}

bool step_insn_is_eret(uint32_t insn)
{
	return insn == 0xd69f03e0 || insn == 0xd69f0bff || insn == 0xd69f0fff;
}

enum step_guest_owed step_guest_after_eret(const struct step_guest_view *g, uint64_t spsr)
{
	if (!step_guest_enabled(g, spsr))
		return STEP_OWED_NONE;
	return (spsr & SPSR_SS) ? STEP_OWED_STEP : STEP_OWED_PENDING;
}

uint64_t step_guest_esr(uint64_t pstate, bool isv)
{
	uint64_t ec = ((pstate >> 2) & 3) == 0 ? 0x32 : 0x33;
	return (ec << 26) | (1ull << 25) | (isv ? 1ull << 24 : 0) | 0x22;
}
