/* The exception fix-up table and the instructions that use it (see x86/fixup.h). */
#include <stddef.h>
#include <trap_frame.h>
#include <x86/fixup.h>

extern const struct x86_fixup __x86_fixup_start[], __x86_fixup_end[];

const struct x86_fixup *x86_fixup_find(uint64_t rip, uint64_t vector)
{
	for (const struct x86_fixup *f = __x86_fixup_start; f < __x86_fixup_end; f++)
		if (f->insn == rip && f->vector == vector)
			return f;
	return NULL;
}

bool x86_rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo, hi, faulted;
	__asm__ volatile("1:\trdmsr\n\t"
			 "xorl %k[faulted], %k[faulted]\n"
			 "2:\n\t"
			 X86_FIXUP_ENTRY
			 ".pushsection .text.x86_fixup, \"ax\"\n"
			 "3:\txorl %k[lo], %k[lo]\n\t"
			 "xorl %k[hi], %k[hi]\n\t"
			 "movl $1, %k[faulted]\n\t"
			 "jmp 2b\n\t"
			 ".popsection"
			 : [lo] "=a"(lo), [hi] "=d"(hi), [faulted] "=r"(faulted)
			 : "c"(msr), [fixup_vector] "i"(X86_GP)
			 : "cc", "memory");
	*val = (uint64_t)hi << 32 | lo;
	return !faulted;
}
