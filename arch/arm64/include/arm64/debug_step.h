/* testvisor stepping an arm64 guest for trace= and break= (docs/debug.md): MDCR_EL2.TDE routes the
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

/* The guest's own single-step while testvisor steps it: TDE traps its MDSCR_EL1 and OS
 * lock accesses, which testvisor answers from a view of its own (the real MDSCR_EL1.SS is
 * testvisor's), and the step exceptions it is owed are injected into its EL1. Arm ARM
 * D2.12 "Software Step exceptions", D24 MDSCR_EL1 (SS bit 0, KDE bit 13), SPSR (D bit 9,
 * SS bit 21, M[3:2] the EL). */
#define MDSCR_EL1_KDE (1ull << 13)
#define SPSR_D (1ull << 9)
enum step_guest_reg { STEP_REG_MDSCR, STEP_REG_OSLSR, STEP_REG_OSLAR, STEP_REG_OTHER };
/* Which debug register a trapped access (its ISS) is: the ones testvisor answers. */
enum step_guest_reg step_guest_reg(uint64_t iss);
struct step_guest_view {
	uint64_t mdscr;   /* MDSCR_EL1 as the guest wrote it */
	bool oslk;        /* its OS lock (set out of reset) */
};
/* Whether a software step exception from the guest's own step would be taken at its EL1
 * from code running with `pstate` (EL0, or EL1 with KDE and PSTATE.D clear; not with the
 * OS lock set). */
bool step_guest_enabled(const struct step_guest_view *g, uint64_t pstate);
/* What the guest is owed after an exception return (ERET, ERETAA, ERETAB: `insn`) with
 * SPSR_EL1 `spsr` completed: with SPSR.SS=1 a step exception after the instruction it
 * returned to (ISV=1), with SPSR.SS=0 one at once, before it (active-pending, ISV=0). */
enum step_guest_owed { STEP_OWED_NONE, STEP_OWED_STEP, STEP_OWED_PENDING };
/* Where the guest's own step is, seen from testvisor's steps: an ERET of its about to run;
 * the instruction after an ERET with SPSR.SS=1 about to run (active-not-pending: its
 * step exception comes when that one completes); neither. */
enum step_guest_state { STEP_GUEST_NONE, STEP_GUEST_ERET, STEP_GUEST_ACTIVE };
bool step_insn_is_eret(uint32_t insn);
enum step_guest_owed step_guest_after_eret(const struct step_guest_view *g, uint64_t spsr);
/* ESR_EL1 of the software step exception injected into the guest: EC 0x32 from EL0, 0x33
 * from EL1, IL, ISV (bit 24) when the instruction was stepped, IFSC 0x22. */
uint64_t step_guest_esr(uint64_t pstate, bool isv);

#endif
