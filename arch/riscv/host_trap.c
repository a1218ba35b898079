/* Traps taken while testvisor itself runs (not the guest's): a guarded access gets its
 * fix-up; the host timer interrupt is consumed (the run loop looks at the clock); anything
 * else is a testvisor bug: print the registers and end the machine with a failure. */
#include <hv/arch_if.h>
#include <stdio.h>
#include <riscv_csr.h>
#include <rv_host.h>
#include <rv_virt.h>

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
	"a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void dump(const struct host_frame *f)
{
	printf("testvisor: unexpected trap in testvisor: scause=0x%lx stval=0x%lx sepc=0x%lx\n",
	       (unsigned long)f->scause, (unsigned long)f->stval, (unsigned long)f->sepc);
	/* The hypervisor CSRs exist only with the H extension. */
	if (rv_caps.h)
		printf("testvisor:   sstatus=0x%lx hstatus=0x%lx htval=0x%lx\n",
		       (unsigned long)f->sstatus, csr_read(hstatus), csr_read(htval));
	else
		printf("testvisor:   sstatus=0x%lx\n", (unsigned long)f->sstatus);
	for (int i = 0; i < 32; i += 4)
		printf("testvisor:   %-4s=%016lx %-4s=%016lx %-4s=%016lx %-4s=%016lx\n",
		       reg_names[i], (unsigned long)f->regs[i], reg_names[i + 1],
		       (unsigned long)f->regs[i + 1], reg_names[i + 2],
		       (unsigned long)f->regs[i + 2], reg_names[i + 3],
		       (unsigned long)f->regs[i + 3]);
}

void host_trap(struct host_frame *f)
{
	if (!(f->scause & CAUSE_INTERRUPT) && rv_fixup_pc) {
		f->sepc = rv_fixup_pc;
		rv_fixup_cause = f->scause;
		rv_fixup_pc = 0;
		return;
	}
	if (f->scause == (CAUSE_INTERRUPT | IRQ_S_TIMER)) {
		rv_host_timer_set(UINT64_MAX);
		return;
	}
	/* A trap while reporting a trap: stop at once rather than loop. */
	static bool reporting;
	if (reporting)
		arch_machine_exit(3);
	reporting = true;
	dump(f);
	arch_machine_exit(3);
}
