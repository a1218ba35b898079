/* The guest's self-hosted debug state at EL2 (docs/debug.md): which MDCR_EL2 debug
 * controls testvisor sets for a guest (a table, like the FGT rows), and the breakpoint,
 * watchpoint and OS-lock registers it switches with the vCPU. */
#ifndef ARM64_DEBUG_REGS_H
#define ARM64_DEBUG_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARM64_MAX_BRPS 16 /* ID_AA64DFR0_EL1.BRPs is 4 bits: up to 16 */
#define ARM64_MAX_WRPS 16

struct arm64_debug_regs {
	uint64_t bvr[ARM64_MAX_BRPS], bcr[ARM64_MAX_BRPS];
	uint64_t wvr[ARM64_MAX_WRPS], wcr[ARM64_MAX_WRPS];
	bool os_lock; /* OSLSR_EL1.OSLK, set through OSLAR_EL1 */
};

/* One MDCR_EL2 debug control and the value a guest runs with. */
struct mdcr_debug_rule {
	unsigned bit;
	const char *name;
	bool value;         /* the bit while a guest runs */
	const char *reason; /* why (source in docs/debug.md) */
};
extern const struct mdcr_debug_rule mdcr_debug_rules[];
extern const size_t mdcr_debug_rule_count;

/* MDCR_EL2 with every bit of the table set to its value (others as given). */
uint64_t mdcr_debug_apply(uint64_t mdcr);

/* Breakpoints and watchpoints the CPU has (ID_AA64DFR0_EL1.BRPs/WRPs + 1). */
unsigned debug_brps(uint64_t id_aa64dfr0);
unsigned debug_wrps(uint64_t id_aa64dfr0);

/* vCPU reset state: registers 0, the OS lock set (OSLSR_EL1.OSLK resets to 1 on a cold
 * reset, Arm ARM D24 OSLSR_EL1). */
void arm64_debug_reset(struct arm64_debug_regs *r);
/* The CPU's registers into *r / *r into the CPU (EL2, with the guest's EL1 state). */
void arm64_debug_save(struct arm64_debug_regs *r);
void arm64_debug_restore(const struct arm64_debug_regs *r);

#endif
