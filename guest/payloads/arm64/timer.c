/* The generic timer: counter frequency and monotonicity; for the EL1 virtual timer
 * (CNTV_*, PPI 27) and the EL1 physical timer (CNTP_*, PPI 30): the condition (ISTATUS)
 * for a past and a future compare value, IMASK (the condition still shows, no interrupt),
 * and, where the DTB describes a GICv3, delivery of the timer's interrupt, which is
 * level-sensitive: EOI without silencing the timer delivers it again (Arm ARM: the timer
 * output is a level; CNTP_CTL_EL0 / CNTV_CTL_EL0 ENABLE, IMASK, ISTATUS). */
#include <libtv.h>
#include "arm64.h"
#include "gic.h"
#include "trap.h"

#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

struct timer {
	const char *name;
	unsigned intid;
	uint64_t (*ctl)(void);
	void (*set_ctl)(uint64_t);
	void (*set_cval)(uint64_t);
	void (*set_tval)(uint64_t);
	uint64_t (*count)(void);
};

static uint64_t cntv_ctl(void) { return read_sysreg(cntv_ctl_el0); }
static void cntv_set_ctl(uint64_t v) { write_sysreg(cntv_ctl_el0, v); isb(); }
static void cntv_set_cval(uint64_t v) { write_sysreg(cntv_cval_el0, v); isb(); }
static void cntv_set_tval(uint64_t v) { write_sysreg(cntv_tval_el0, v); isb(); }
static uint64_t cntvct(void) { isb(); return read_sysreg(cntvct_el0); }
static uint64_t cntp_ctl(void) { return read_sysreg(cntp_ctl_el0); }
static void cntp_set_ctl(uint64_t v) { write_sysreg(cntp_ctl_el0, v); isb(); }
static void cntp_set_cval(uint64_t v) { write_sysreg(cntp_cval_el0, v); isb(); }
static void cntp_set_tval(uint64_t v) { write_sysreg(cntp_tval_el0, v); isb(); }
static uint64_t cntpct(void) { isb(); return read_sysreg(cntpct_el0); }

static const struct timer timers[] = {
	{ "virtual", 27, cntv_ctl, cntv_set_ctl, cntv_set_cval, cntv_set_tval, cntvct },
	{ "physical", 30, cntp_ctl, cntp_set_ctl, cntp_set_cval, cntp_set_tval, cntpct },
};

static const struct timer *active;
static volatile unsigned irqs, last_intid, wrong;
static unsigned silence_after; /* deliveries before the handler masks the timer */

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	if (intid >= 1020)
		return true;
	last_intid = intid;
	if (intid == active->intid) {
		irqs++;
		if (irqs >= silence_after)
			active->set_ctl(CTL_ENABLE | CTL_IMASK); /* silence it before EOI */
	} else {
		wrong++;
	}
	gic_eoi(intid);
	return true;
}

/* Waits up to `ticks` of counter time for `n` deliveries, interrupts unmasked. A busy
 * wait: WFI with nothing pending would sleep for good on bare QEMU. */
static void wait_irqs(unsigned n, uint64_t ticks)
{
	uint64_t start = cntpct();
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (irqs < n && cntpct() - start < ticks)
		;
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static void check_condition(const struct timer *t, uint64_t hz)
{
	t->set_cval(t->count() + hz * 100); /* 100 s ahead */
	t->set_ctl(CTL_ENABLE | CTL_IMASK);
	report(!(t->ctl() & CTL_ISTATUS), "a future compare value is not met");
	t->set_tval(hz / 10000); /* 100 us */
	uint64_t start = t->count();
	while (!(t->ctl() & CTL_ISTATUS) && t->count() - start < hz)
		;
	report(t->ctl() & CTL_ISTATUS, "the condition is met after TVAL ticks (ISTATUS, masked)");
	report((int64_t)(t->count() - start) >= (int64_t)(hz / 10000), "not before TVAL ticks passed");
	t->set_ctl(0);
}

static void check_interrupt(const struct timer *t, uint64_t hz, bool have_gic)
{
	if (!have_gic) {
		report_skip("interrupt: no GICv3 in the device tree");
		return;
	}
	active = t;
	gic_enable_private(0, t->intid, 0x80);
	/* IMASK: the condition is met, the interrupt is not signalled. */
	irqs = wrong = 0;
	silence_after = 1;
	t->set_tval(0);
	t->set_ctl(CTL_ENABLE | CTL_IMASK);
	wait_irqs(1, hz / 20);
	report(irqs == 0 && (t->ctl() & CTL_ISTATUS), "IMASK set: condition met, no interrupt");
	/* Unmasked: delivered; left asserted through one EOI, delivered again. */
	irqs = wrong = 0;
	silence_after = 2;
	t->set_tval(hz / 1000); /* 1 ms */
	t->set_ctl(CTL_ENABLE);
	wait_irqs(2, hz);
	report(irqs >= 1 && last_intid == t->intid, "the interrupt is delivered (INTID %u)", t->intid);
	report(irqs == 2, "level-sensitive: still asserted after EOI, it is delivered again");
	report(wrong == 0, "no other interrupt arrived");
	t->set_ctl(0);
}

int main(int argc, char **argv)
{
	uint64_t hz = read_sysreg(cntfrq_el0);
	report_info("CNTFRQ_EL0 = %lu Hz", (unsigned long)hz);
	report(hz != 0, "the counter frequency is set");
	uint64_t a = cntvct();
	for (volatile int i = 0; i < 1000; i++)
		;
	report(cntvct() > a, "the virtual counter advances");
	bool have_gic = gic_init(0);
	if (have_gic)
		trap_install(TRAP_IRQ, on_irq);
	for (unsigned i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		report_prefix_push(timers[i].name);
		check_condition(&timers[i], hz);
		check_interrupt(&timers[i], hz, have_gic);
		report_prefix_pop();
	}
	return report_summary();
}
