/* The register frame built by the shared vector entry (vectors.inc), used by
 * testvisor's exception handler and by the payloads' trap handlers. */
#ifndef X86_TRAP_FRAME_H
#define X86_TRAP_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t vector, error_code;
	/* Pushed by the CPU. */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trap_frame) == 22 * 8, "frame layout must match vectors.inc");

enum x86_vector {
	X86_DE = 0, X86_DB = 1, X86_NMI = 2, X86_BP = 3, X86_OF = 4, X86_BR = 5, X86_UD = 6,
	X86_NM = 7, X86_DF = 8, X86_TS = 10, X86_NP = 11, X86_SS = 12, X86_GP = 13,
	X86_PF = 14, X86_MF = 16, X86_AC = 17, X86_MC = 18, X86_XM = 19, X86_VE = 20,
	X86_CP = 21, X86_VC = 29, X86_SX = 30,
};

/* Mnemonic of an exception vector ("#GP"), or "IRQ" above 31. */
static inline const char *x86_vector_name(unsigned v)
{
	static const char *const names[32] = {
		"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#09", "#TS",
		"#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
		"#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
	};
	return v < 32 ? names[v] : "IRQ";
}

#endif
