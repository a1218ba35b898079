/* Exception fix-ups for testvisor's own code: an instruction that may fault on some CPUs
 * (RDMSR of an MSR the CPU lacks) is listed in the .x86_fixup table with the exception it
 * may raise and where execution resumes. The exception handler looks the faulting RIP up
 * there (exception.c); anything not listed stays fatal. */
#ifndef X86_FIXUP_H
#define X86_FIXUP_H

#include <stdbool.h>
#include <stdint.h>

struct x86_fixup {
	uint64_t insn;    /* address of the instruction that may fault */
	uint64_t resume;  /* where execution goes on after that exception */
	uint64_t vector;  /* the exception expected there */
};

/* Inline-asm text of a table entry: label 1 is the instruction, label 3 the resume
 * point, operand [fixup_vector] ("i") the vector. */
#define X86_FIXUP_ENTRY                                                   \
	".pushsection .x86_fixup, \"a\"\n\t.balign 8\n\t"                 \
	".quad 1b, 3f, %c[fixup_vector]\n\t.popsection\n\t"

/* The entry for `vector` raised at `rip`, or NULL. */
const struct x86_fixup *x86_fixup_find(uint64_t rip, uint64_t vector);

/* RDMSR that survives #GP (the CPU lacks the MSR): false and *val = 0 then. */
bool x86_rdmsr_safe(uint32_t msr, uint64_t *val);

#endif
