/* The local APIC of an SEV-ES/SNP guest, in x2APIC mode, written from the specifications:
 * every x2APIC register access is RDMSR/WRMSR, which the hypervisor intercepts, so on an
 * SEV-ES guest it raises #VC (error code 0x7C) and the library's handler asks through the
 * GHCB (GHCB specification "MSR Protocol" NAE event 0x7C); interrupts come through the
 * VMCB's EVENTINJ/V_IRQ as for any guest (AMD APM vol. 2 §15.35), the guest's IDT handler
 * ends them with an x2APIC EOI write (SDM vol. 3 §10.8.5, §10.12.1: MSR 0x80B, value 0),
 * again through #VC. CR8 is not intercepted for such a guest (the hypervisor cannot
 * intercept its CR accesses): MOV to CR8 raises no #VC and still sets TPR[7:4].
 * With RestrictedInjection (SEV_FEATURES bit 3, SEV_STATUS bit 5: APM vol. 2 Table B-4,
 * §15.36.16) the hypervisor may inject only #HV: interrupts stay pending in IRR until the
 * guest registers a #HV doorbell page, then come through it (restricted_checks).
 * Arguments: type=snp|es; injection=restricted for a guest launched with it;
 * doorbell_nmi=hold when the hypervisor posts no NMI to the doorbell (hv_doorbell_nmi). */
#include <libtv.h>
#include <string.h>
#include <cpu.h>
#include "sev_guest.h"
#include "trap.h"
#include "x86_guest.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EN (1ull << 11)
#define APIC_BASE_EXTD (1ull << 10)
#define SEV_STATUS_RESTRICTED_INJECTION (1ull << 5) /* SEV_FEATURES bit 3, shifted by 2 */
#define EXIT_MSR 0x7c
enum {
	X2_ID = 0x802, X2_VERSION = 0x803, X2_TPR = 0x808, X2_PPR = 0x80A, X2_EOI = 0x80B,
	X2_SVR = 0x80F, X2_ISR = 0x810, X2_IRR = 0x820, X2_LVT_TIMER = 0x832, X2_TMICT = 0x838,
	X2_TMCCT = 0x839, X2_TDCR = 0x83E, X2_SELF_IPI = 0x83F, X2_ICR = 0x830,
};
#define ICR_SELF_NMI (1ull << 18 | 4ull << 8) /* shorthand self, delivery mode NMI */
#define NAE_NMI_COMPLETE 0x80000003u       /* GHCB specification "NMI Complete" */
#define NAE_HV_DOORBELL 0x80000014ull     /* GHCB specification "#HV Doorbell Page" */
enum { HVDB_GET_PREFERRED = 0, HVDB_SET = 1, HVDB_QUERY = 2 };
#define SVR_ENABLE 0x100
#define SPURIOUS 0xFF
#define LVT_PERIODIC (1u << 17)
#define TDCR_DIV1 0xB
#define WAIT_CYCLES 4000000000ull /* TSC cycles: a few seconds at most */
/* Nothing prints while interrupts are on (x86_wait_with_irqs, x86_irq_window): printing
 * holds the GHCB, which an interrupt handler's EOI needs too. */

enum { V_SELF = 0x40, V_TPR_LOW = 0x45, V_TPR_HIGH = 0x65, V_ONESHOT = 0x80,
       V_PERIODIC = 0x81, V_HLT = 0x83 };

static volatile unsigned hits[256];
static volatile bool in_service[256];
static volatile uint32_t oneshot_count = 0xFFFFFFFFu;
static volatile uint64_t irq_rip[256];

static bool isr_bit(unsigned v) { return rdmsr(X2_ISR + v / 32) >> (v % 32) & 1; }
static bool irr_bit(unsigned v) { return rdmsr(X2_IRR + v / 32) >> (v % 32) & 1; }

/* Interrupt gates: IF is 0 here, so the #VC of each RDMSR/WRMSR nests inside. */
static bool on_irq(struct trap_frame *f)
{
	unsigned v = (unsigned)f->vector;
	in_service[v] = isr_bit(v);
	irq_rip[v] = f->rip;
	if (v == V_ONESHOT)
		oneshot_count = (uint32_t)rdmsr(X2_TMCCT);
	hits[v]++;
	wrmsr(X2_EOI, 0);
	return true;
}



static void set_cr8(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr8" :: "r"(v) : "memory");
}

static void register_checks(void)
{
	unsigned long before = sev_vc_count(EXIT_MSR);
	uint64_t id = rdmsr(X2_ID);
	report(id == 0 && sev_vc_count(EXIT_MSR) == before + 1,
	       "x2APIC ID through one #VC (0x7C) and the GHCB: %lu", (unsigned long)id);
	/* SDM §10.4.8: version 0x1X for an integrated APIC, bits 23:16 the highest LVT entry
	 * (at least 5: timer, thermal, performance, LINT0, LINT1, error on x2APIC parts). */
	uint64_t ver = rdmsr(X2_VERSION);
	report((ver & 0xF0) == 0x10 && (ver >> 16 & 0xFF) >= 5,
	       "x2APIC version %#lx: integrated (0x1X), %lu LVT entries", (unsigned long)ver,
	       (unsigned long)(ver >> 16 & 0xFF) + 1);
	before = sev_vc_count(EXIT_MSR);
	wrmsr(X2_TPR, 0x20);
	report(rdmsr(X2_TPR) == 0x20 && sev_vc_count(EXIT_MSR) == before + 2,
	       "TPR written and read back, one #VC each");
	wrmsr(X2_TPR, 0);
}

static void self_ipi_checks(void)
{
	wrmsr(X2_SELF_IPI, V_SELF);
	report(irr_bit(V_SELF) && hits[V_SELF] == 0, "SELF IPI: pending in IRR while IF=0");
	x86_irq_window();
	report(hits[V_SELF] == 1, "SELF IPI: injected once with vector %#x", V_SELF);
	report(in_service[V_SELF], "SELF IPI: in service (ISR) in the handler");
	report(!isr_bit(V_SELF) && !irr_bit(V_SELF) && rdmsr(X2_PPR) == 0,
	       "the handler's EOI (WRMSR through #VC) retired it: ISR and IRR clear, PPR 0");
}

static void tpr_checks(void)
{
	wrmsr(X2_TPR, 0x50);
	wrmsr(X2_SELF_IPI, V_TPR_LOW);
	x86_irq_window();
	report(hits[V_TPR_LOW] == 0 && irr_bit(V_TPR_LOW),
	       "TPR 0x50 holds vector %#x (class 4) in IRR", V_TPR_LOW);
	wrmsr(X2_SELF_IPI, V_TPR_HIGH);
	x86_irq_window();
	report(hits[V_TPR_HIGH] == 1, "TPR 0x50 lets vector %#x (class 6) through", V_TPR_HIGH);
	wrmsr(X2_TPR, 0);
	x86_irq_window();
	report(hits[V_TPR_LOW] == 1, "TPR 0: the held vector is delivered");

	/* CR8 is TPR[7:4] (SDM §10.8.6.1) and is not intercepted for an SEV-ES guest. */
	unsigned long before = sev_vc_count(EXIT_MSR);
	set_cr8(5);
	unsigned long after_cr8 = sev_vc_count(EXIT_MSR);
	report(after_cr8 == before && rdmsr(X2_TPR) == 0x50,
	       "MOV to CR8 raised no #VC and set TPR[7:4] (TPR %#lx)", (unsigned long)rdmsr(X2_TPR));
	wrmsr(X2_SELF_IPI, V_TPR_LOW);
	x86_irq_window();
	report(hits[V_TPR_LOW] == 1, "CR8 5 holds a class-4 vector");
	/* Lowered without an exit, the hypervisor learns of it at the next exit (on hardware
	 * the CR8 write trap is one): the vector comes within the wait. */
	set_cr8(0);
	report(x86_wait_with_irqs(&hits[V_TPR_LOW], 2, WAIT_CYCLES) == 2,
	       "CR8 0: the held vector is delivered");
}

static void timer_checks(void)
{
	const uint32_t interval = 10000000; /* 10 ms at 1 GHz */
	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_LVT_TIMER, V_ONESHOT);
	wrmsr(X2_TMICT, interval);
	uint32_t c1 = (uint32_t)rdmsr(X2_TMCCT);
	report(c1 > 0 && c1 <= interval, "timer: current count %u of %u", c1, interval);
	unsigned n = x86_wait_with_irqs(&hits[V_ONESHOT], 1, WAIT_CYCLES);
	report(n == 1, "one-shot timer: its interrupt arrived at vector %#x", V_ONESHOT);
	report(oneshot_count == 0, "one-shot timer: not before its count (current count 0 in the handler)");
	uint64_t t0 = rdtsc();
	__asm__ volatile("sti" ::: "memory");
	while (rdtsc() - t0 < 100000000ull)
		__asm__ volatile("pause");
	__asm__ volatile("cli" ::: "memory");
	report(hits[V_ONESHOT] == 1, "one-shot timer: fired once only");

	wrmsr(X2_LVT_TIMER, LVT_PERIODIC | V_PERIODIC);
	wrmsr(X2_TMICT, interval / 4);
	n = x86_wait_with_irqs(&hits[V_PERIODIC], 4, WAIT_CYCLES);
	wrmsr(X2_TMICT, 0);
	report(n >= 4, "periodic timer: %u interrupts, each ended by EOI", n);

	/* HLT is an automatic exit: the hypervisor sees IF only through the VMCB's
	 * GUEST_INTERRUPT_MASK, and the interrupt returns right after the HLT. */
	uint64_t after;
	wrmsr(X2_LVT_TIMER, V_HLT);
	wrmsr(X2_TMICT, 1000000); /* 1 ms */
	__asm__ volatile("leaq 1f(%%rip), %0\n\tsti\n\thlt\n1:\tcli" : "=r"(after) :: "memory");
	report(hits[V_HLT] == 1 && irq_rip[V_HLT] == after,
	       "HLT: the timer interrupt wakes the halted vCPU and returns after the HLT");
}

/* NMIs: delivered whatever IF says (SDM vol. 3 §6.7.1) and held while one's handler runs;
 * an SEV-ES guest ends that with the GHCB's NMI complete, not an (intercepted) IRET. The
 * first NMI comes as the WRMSR's VMGEXIT returns, inside the #VC handler that holds the
 * GHCB: the handler only counts, and the payload says NMI complete afterwards. */
static volatile unsigned nmis;
static bool on_nmi(struct trap_frame *f)
{
	(void)f;
	nmis++;
	return true;
}

static void settle(void)
{
	uint64_t t0 = rdtsc();
	while (rdtsc() - t0 < 200000000ull)
		__asm__ volatile("pause" ::: "memory");
}

static void nmi_checks(void)
{
	uint64_t answer[2];
	trap_install(2, on_nmi);
	wrmsr(X2_ICR, ICR_SELF_NMI); /* IF is 0 */
	settle();
	unsigned first = nmis;
	wrmsr(X2_ICR, ICR_SELF_NMI);
	settle();
	unsigned held = nmis;
	sev_ghcb_request(NAE_NMI_COMPLETE, 0, 0, NULL, answer);
	settle();
	unsigned after = nmis;
	uint64_t result = answer[0];
	sev_ghcb_request(NAE_NMI_COMPLETE, 0, 0, NULL, answer);
	report(first == 1, "NMI IPI to self through #VC: taken with IF=0 (%u)", first);
	report(held == 1, "a second NMI waits while the first is not completed (%u)", held);
	report((uint32_t)result == 0 && after == 2,
	       "NMI complete (0x80000003) answered (SW_EXITINFO1 %lu), then the held NMI comes (%u)",
	       (unsigned long)result, after);
}

/* An interrupt window an SEV-ES guest's hypervisor sees: HLT is an automatic exit taken
 * with IF set (no #VC), and what is pending wakes it at once. */
static void hlt_window(void)
{
	__asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}

static volatile uint8_t order[4];
static volatile unsigned taken;

static bool on_ordered_irq(struct trap_frame *f)
{
	if (taken < sizeof(order))
		order[taken] = (uint8_t)f->vector;
	taken++;
	wrmsr(X2_EOI, 0);
	return true;
}

/* Restricted Injection: nothing but #HV may be injected; interrupts come only through the
 * #HV doorbell page the guest registers (GHCB specification "#HV Doorbell Page", NAE
 * 0x8000_0014: 0 GET_PREFERRED answers ~0 for no preference, 1 SET echoes the GPA, 2 QUERY
 * gives it, a misaligned page is invalid input, 5, and drops the page), the hypervisor
 * posting the vector in byte 0 (the NMI as bit 0 of byte 1) and signalling #HV. */
static void restricted_checks(bool nmi_held)
{
	wrmsr(X2_SELF_IPI, V_SELF);
	x86_irq_window();
	report(hits[V_SELF] == 0 && irr_bit(V_SELF),
	       "Restricted Injection without a doorbell page: a SELF IPI stays pending in IRR");
	uint64_t a[2];
	sev_ghcb_request(NAE_HV_DOORBELL, HVDB_GET_PREFERRED, 0, NULL, a);
	report((uint32_t)a[0] == 0 && a[1] == ~0ull, "doorbell GET_PREFERRED: no preference (%#lx)",
	       (unsigned long)a[1]);
	uint64_t echoed = 0;
	bool on = sev_hv_doorbell_enable(&echoed);
	report(on, "doorbell SET: the page registered, its GPA echoed (%#lx)", (unsigned long)echoed);
	if (!on)
		return;
	uint64_t gpa = sev_hv_doorbell_gpa();
	sev_ghcb_request(NAE_HV_DOORBELL, HVDB_QUERY, 0, NULL, a);
	report((uint32_t)a[0] == 0 && a[1] == gpa, "doorbell QUERY gives the page (%#lx)", (unsigned long)a[1]);
	hlt_window();
	bool served = in_service[V_SELF];
	report(hits[V_SELF] == 1 && served && !irr_bit(V_SELF) && !isr_bit(V_SELF),
	       "the pending SELF IPI came through #HV: in service in its handler, retired by EOI (%u)",
	       hits[V_SELF]);

	trap_install(V_TPR_LOW, on_ordered_irq);
	trap_install(V_TPR_HIGH, on_ordered_irq);
	wrmsr(X2_SELF_IPI, V_TPR_LOW);
	wrmsr(X2_SELF_IPI, V_TPR_HIGH);
	hlt_window();
	hlt_window();
	report(taken == 2 && order[0] == V_TPR_HIGH && order[1] == V_TPR_LOW,
	       "two pending vectors through the doorbell one at a time, the higher first (%#x, %#x)",
	       order[0], order[1]);

	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_LVT_TIMER, V_ONESHOT);
	wrmsr(X2_TMICT, 1000000);
	hlt_window();
	report(hits[V_ONESHOT] == 1, "the one-shot timer woke HLT and came through #HV (%u)", hits[V_ONESHOT]);

	trap_install(2, on_nmi);
	wrmsr(X2_ICR, ICR_SELF_NMI);
	settle();
	if (nmi_held)
		report(nmis == 0, "hv_doorbell_nmi=hold: a self NMI stays pending (%u taken)", nmis);
	else
		report(nmis == 1, "a self NMI came through the doorbell's NMI bit (%u taken)", nmis);

	sev_ghcb_request(NAE_HV_DOORBELL, HVDB_SET, gpa + 8, NULL, a);
	uint64_t refused[2] = { a[0], a[1] };
	sev_ghcb_request(NAE_HV_DOORBELL, HVDB_QUERY, 0, NULL, a);
	report((uint32_t)refused[0] == 2 && refused[1] == 5 && a[1] == ~0ull,
	       "a misaligned SET is invalid input (%lu, %lu) and drops the page (QUERY %#lx)",
	       (unsigned long)refused[0], (unsigned long)refused[1], (unsigned long)a[1]);
	wrmsr(X2_SELF_IPI, V_SELF);
	x86_irq_window();
	report(hits[V_SELF] == 1 && irr_bit(V_SELF), "without the page a SELF IPI stays in IRR again");
}

int main(int argc, char **argv)
{
	if (sev_es_payload_start(argc, argv) == SEV_PAYLOAD_NONE)
		return report_summary();
	const char *inj = tv_arg(argc, argv, "injection");
	bool want_restricted = inj && !strcmp(inj, "restricted");
	bool restricted = rdmsr(MSR_SEV_STATUS) & SEV_STATUS_RESTRICTED_INJECTION;
	report(restricted == want_restricted, "SEV_STATUS %s RestrictedInjection, as launched",
	       restricted ? "shows" : "does not show");
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(X2_SVR, SVR_ENABLE | SPURIOUS);
	for (unsigned v = 0x40; v < 0xFF; v++)
		trap_install(v, on_irq);
	register_checks();
	if (restricted) {
		restricted_checks(tv_arg(argc, argv, "doorbell_nmi") != NULL);
		return report_summary();
	}
	self_ipi_checks();
	tpr_checks();
	timer_checks();
	nmi_checks();
	return report_summary();
}
