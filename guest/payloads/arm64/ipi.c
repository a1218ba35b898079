/* An SGI between CPUs: CPU 1, started with PSCI CPU_ON, writes ICC_SGI1R_EL1 to send SGI 1
 * to CPU 0 and turns itself off; CPU 0 takes the interrupt through the GIC. Under
 * testvisor the write traps (HCR_EL2.IMO) and the SGI is queued in CPU 0's list registers.
 * Needs cpus=2 (QEMU -smp 2, config vcpus=2). */
#include <libtv.h>
#include <stdlib.h>
#include "arm64.h"
#include "gic.h"
#include "psci_ids.h"
#include "trap.h"

#define SGI_NUM 1

/* CPU 1, MMU off: enable the system-register interface, SGI 1 -> CPU 0 (Aff0 0), off. */
extern char ipi_entry_hvc[], ipi_entry_smc[];
#define IPI_ENTRY(conduit) \
	"ipi_entry_" #conduit ":\n" \
	"  mrs x2, s3_0_c12_c12_5\n  orr x2, x2, #1\n  msr s3_0_c12_c12_5, x2\n  isb\n" \
	"  mov x1, #(1 << 24)\n  orr x1, x1, #1\n  msr s3_0_c12_c11_5, x1\n  isb\n" \
	"  movz w0, #0x8400, lsl #16\n  orr w0, w0, #2\n  " #conduit " #0\n  b .\n"
__asm__(".text\n.balign 4\n" IPI_ENTRY(hvc) IPI_ENTRY(smc));

static volatile unsigned sgis, others;

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	if (intid == SGI_NUM)
		sgis++;
	else if (intid < 1020)
		others++;
	if (intid < 1020)
		gic_eoi(intid);
	return true;
}

int main(int argc, char **argv)
{
	const char *cpus = tv_arg(argc, argv, "cpus");
	if (!cpus || atoi(cpus) < 2) {
		report_skip("needs a second CPU (cpus=2)");
		return report_summary();
	}
	if (!gic_init(0)) {
		report_skip("no GICv3 in the device tree");
		return report_summary();
	}
	gic_enable_private(0, SGI_NUM, 0x80);
	trap_install(TRAP_IRQ, on_irq);
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	struct smccc_res r;
	char *entry = psci_conduit_is_smc() ? ipi_entry_smc : ipi_entry_hvc;
	smccc_call(PSCI_CPU_ON | FN64, 1, (uint64_t)(uintptr_t)entry, 0, &r);
	report((int64_t)r.a0 == PSCI_RET_SUCCESS, "CPU 1 started");
	for (unsigned i = 0; i < 100000000 && !sgis; i++)
		__asm__ volatile("wfi");
	__asm__ volatile("msr daifset, #2" ::: "memory");
	report(sgis == 1, "SGI %u from CPU 1 arrived at CPU 0", SGI_NUM);
	report(others == 0, "no other interrupt arrived");
	unsigned off = 0;
	for (unsigned i = 0; i < 2000000 && !off; i++) {
		smccc_call(PSCI_AFFINITY_INFO | FN64, 1, 0, 0, &r);
		off = (int64_t)r.a0 == 1;
	}
	report(off, "CPU 1 turned itself off");
	return report_summary();
}
