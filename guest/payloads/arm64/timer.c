/* The generic timer: counter frequency and monotonicity, the virtual timer's condition
 * (ISTATUS) for a past and a future compare value, and, where the DTB describes a GICv3,
 * delivery of the virtual timer interrupt (PPI 27). */
#include <libtv.h>
#include "arm64.h"
#include "gic.h"
#include "trap.h"

#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u
#define VTIMER_INTID 27

static volatile unsigned irqs, last_intid;

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	last_intid = intid;
	if (intid == VTIMER_INTID) {
		irqs++;
		write_sysreg(cntv_ctl_el0, CTL_IMASK); /* silence it before EOI */
	}
	if (intid < 1020)
		gic_eoi(intid);
	return true;
}

static void check_interrupt(void)
{
	if (!gic_init(0)) {
		report_skip("timer interrupt: no GICv3 in the device tree");
		return;
	}
	gic_enable_private(0, VTIMER_INTID, 0x80);
	trap_install(TRAP_IRQ, on_irq);
	write_sysreg(cntv_tval_el0, read_sysreg(cntfrq_el0) / 1000); /* 1 ms */
	write_sysreg(cntv_ctl_el0, CTL_ENABLE);
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	for (unsigned i = 0; i < 100000000 && !irqs; i++)
		__asm__ volatile("wfi");
	__asm__ volatile("msr daifset, #2" ::: "memory");
	report(irqs == 1, "the virtual timer interrupt is delivered (INTID %u)", last_intid);
}

int main(int argc, char **argv)
{
	uint64_t hz = read_sysreg(cntfrq_el0);
	report_info("CNTFRQ_EL0 = %lu Hz", (unsigned long)hz);
	report(hz != 0, "the counter frequency is set");
	uint64_t a = read_sysreg(cntvct_el0);
	for (volatile int i = 0; i < 1000; i++)
		;
	uint64_t b = read_sysreg(cntvct_el0);
	report(b > a, "the virtual counter advances");

	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + hz * 100); /* 100 s ahead */
	write_sysreg(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
	isb();
	report(!(read_sysreg(cntv_ctl_el0) & CTL_ISTATUS), "a future compare value is not met");

	write_sysreg(cntv_tval_el0, hz / 10000); /* 100 us */
	isb();
	uint64_t start = read_sysreg(cntvct_el0);
	while (!(read_sysreg(cntv_ctl_el0) & CTL_ISTATUS) && read_sysreg(cntvct_el0) - start < hz)
		;
	report(read_sysreg(cntv_ctl_el0) & CTL_ISTATUS, "the timer condition is met after TVAL ticks");
	report((int64_t)(read_sysreg(cntvct_el0) - start) >= (int64_t)(hz / 10000),
	       "not before TVAL ticks passed");
	write_sysreg(cntv_ctl_el0, 0);
	check_interrupt();
	return report_summary();
}
