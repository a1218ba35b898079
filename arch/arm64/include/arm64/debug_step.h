/* testvisor stepping an arm64 guest for break= (docs/debug.md): MDCR_EL2.TDE routes the
 * guest's debug exceptions to EL2, MDSCR_EL1.SS with SPSR_EL2.SS set on every entry makes
 * each guest instruction end in a software-step exception at EL2, where the guest-physical
 * address of the next instruction is compared with the break list. The bit positions and
 * decisions here are pure (debug_step.c), host unit-tested. */
#ifndef ARM64_DEBUG_STEP_H
#define ARM64_DEBUG_STEP_H

#include <stdbool.h>
#include <stdint.h>

#define MDCR_EL2_TDE (1ull << 8)   /* Arm ARM D24 MDCR_EL2 */
#define MDSCR_EL1_SS (1ull << 0)   /* Arm ARM D24 MDSCR_EL1 */
#define SPSR_SS (1ull << 21)       /* Arm ARM D1 "SPSR_ELx", PSTATE.SS */
#define OSLSR_EL1_OSLK (1ull << 1)
#define PAR_EL1_F (1ull << 0)      /* Arm ARM D24 PAR_EL1: the translation aborted */
#define PAR_EL1_PA 0x000ffffffffff000ull /* PA[51:12] (bits [47:12] without FEAT_LPA) */
#define SCTLR_EL1_M (1ull << 0)

/* What a debug exception taken to EL2 (ESR_EL2.EC) is while testvisor steps the guest. */
enum step_exit {
	STEP_EXIT_OURS,      /* software step from a lower EL (EC 0x32): testvisor's step */
	STEP_EXIT_GUEST_BRK, /* BRK (EC 0x3c): the guest's own, given back to its EL1 */
	STEP_EXIT_UNSUPPORTED, /* breakpoint (0x30), watchpoint (0x34), vector catch (0x3a) */
	STEP_EXIT_OTHER,     /* not a debug exception */
};
enum step_exit step_exit_kind(unsigned ec);

/* The guest-physical address of the guest's next instruction at `pc`: the address itself
 * with the stage-1 MMU off, else from PAR_EL1 after AT S1E1R; false when it aborted. */
bool step_pc_ipa(bool mmu_on, uint64_t par, uint64_t pc, uint64_t *ipa);

/* A trapped MSR/MRS (EC 0x18) with op0 == 2 (ISS bits [21:20]): a debug or trace register,
 * trapped only because TDE makes TDA/TDOSA/TDRA act as 1. */
bool step_iss_is_debug_register(uint64_t iss);

#endif
