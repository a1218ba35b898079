/* An interrupt storm: the guest arms its virtual timer at compare value 0 (always met),
 * unmasks it in the GIC (PPI 27) and at the CPU, and its handler acknowledges and ends the
 * interrupt without touching the timer: the timer's output is a level (Arm ARM, "The
 * generic timer": the interrupt stays asserted while ISTATUS is 1 and IMASK is 0), so the
 * interrupt is pending again the moment it ends, forever. testvisor's own tick must still
 * reach it and its time budget stop the guest. Guest mode only (expect=stopped
 * stop_reason=budget). */
#include <libtv.h>
#include "arm64.h"
#include "gic.h"
#include "trap.h"

#define VTIMER_PPI 27
#define CNTV_CTL_ENABLE 1

static volatile uint64_t taken;

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	if (intid < 1020)
		gic_eoi(intid);
	taken++;
	return true;
}

int main(int argc, char **argv)
{
	if (!gic_init(0)) {
		report_skip("no GICv3 in the device tree");
		return report_summary();
	}
	report_pass("about to take a timer interrupt that never stops firing");
	trap_install(TRAP_IRQ, on_irq);
	gic_enable_private(0, VTIMER_PPI, 0x80);
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	__asm__ volatile("msr daifclr, #2; 1: b 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
