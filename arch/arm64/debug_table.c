/* MDCR_EL2 debug controls for a guest (arm64/debug_regs.h). Bit positions: Arm ARM
 * (DDI 0487) D24 "MDCR_EL2". The guest owns its self-hosted debug: exceptions go to its
 * EL1 and its register accesses are not trapped, because testvisor switches the
 * registers with the vCPU (debug_regs.c). */
#include <arm64/debug_regs.h>

const struct mdcr_debug_rule mdcr_debug_rules[] = {
	{ 8, "TDE", false, "debug exceptions from EL1/EL0 go to the guest's EL1, not EL2" },
	{ 9, "TDA", false, "DBGBVR/BCR/WVR/WCR, MDSCR_EL1 accesses run at EL1: switched per vCPU" },
	{ 10, "TDOSA", false, "OSLAR/OSLSR/OSDLR accesses run at EL1: the OS lock is switched per vCPU" },
	{ 11, "TDRA", false, "debug ROM address registers (MDRAR_EL1) read at EL1" },
};
const size_t mdcr_debug_rule_count = sizeof(mdcr_debug_rules) / sizeof(mdcr_debug_rules[0]);

uint64_t mdcr_debug_apply(uint64_t mdcr)
{
	for (size_t i = 0; i < mdcr_debug_rule_count; i++) {
		uint64_t bit = 1ull << mdcr_debug_rules[i].bit;
		mdcr = mdcr_debug_rules[i].value ? (mdcr | bit) : (mdcr & ~bit);
	}
	return mdcr;
}

/* ID_AA64DFR0_EL1: BRPs bits [15:12], WRPs bits [23:20], each "number minus one". */
unsigned debug_brps(uint64_t dfr0) { return (unsigned)((dfr0 >> 12) & 0xf) + 1; }
unsigned debug_wrps(uint64_t dfr0) { return (unsigned)((dfr0 >> 20) & 0xf) + 1; }

void arm64_debug_reset(struct arm64_debug_regs *r)
{
	*r = (struct arm64_debug_regs){ .os_lock = true };
}
