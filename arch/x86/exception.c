/* testvisor's own exceptions: the preemption tick is acknowledged; an instruction listed
 * in the fix-up table resumes where the table says; anything else is fatal and reported
 * with the registers. */
#include <hv/arch_if.h>
#include <stdio.h>
#include <cpu.h>
#include <x86/fixup.h>
#include <x86/host.h>

#define EXIT_STATUS_HV_FAULT 3

static void dump_frame(const struct trap_frame *f)
{
	printf("testvisor: unexpected exception %s (vector %lu) error code %#lx\n",
	       x86_vector_name((unsigned)f->vector), f->vector, f->error_code);
	printf("  RIP %016lx  CS %04lx  RFLAGS %016lx  RSP %016lx  SS %04lx\n",
	       f->rip, f->cs, f->rflags, f->rsp, f->ss);
	printf("  RAX %016lx  RBX %016lx  RCX %016lx  RDX %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	printf("  RSI %016lx  RDI %016lx  RBP %016lx  R8  %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	printf("  R9  %016lx  R10 %016lx  R11 %016lx  R12 %016lx\n", f->r9, f->r10, f->r11, f->r12);
	printf("  R13 %016lx  R14 %016lx  R15 %016lx\n", f->r13, f->r14, f->r15);
	printf("  CR0 %016lx  CR2 %016lx  CR3 %016lx  CR4 %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void x86_exception(struct trap_frame *f)
{
	if (f->vector == PREEMPT_VECTOR) {
		x86_lapic_eoi();
		return;
	}
	if (f->vector == SPURIOUS_VECTOR ||
	    (f->vector >= LEGACY_PIC_VECTOR && f->vector < LEGACY_PIC_VECTOR + 16))
		return;
	const struct x86_fixup *fix = x86_fixup_find(f->rip, f->vector);
	if (fix) {
		f->rip = fix->resume;
		return;
	}
	dump_frame(f);
	arch_machine_exit(EXIT_STATUS_HV_FAULT);
}
