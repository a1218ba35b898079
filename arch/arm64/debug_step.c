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
