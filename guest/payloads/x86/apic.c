/* The local APIC and the I/O APIC as an x86 kernel uses them, checked against the Intel
 * SDM vol. 3 ch. 10 and the 82093AA I/O APIC datasheet (the kvm-unit-tests x86/apic.c
 * way): in x2APIC mode (SDM §10.12) SELF IPI and ICR fixed IPIs (§10.6.1, §10.12.11)
 * delivered with their vector, in service during the handler and retired by EOI
 * (§10.8.4-10.8.5); NMI IPIs taken with IF=0 and held during an NMI handler (§6.7.1);
 * logical destinations (§10.12.10.2); TPR blocking a vector of a class not above it (§10.8.3.1); the
 * timer (§10.5.4) waking a HLT, one-shot (fires once, when its count has reached 0, and
 * within twice its time as the count's own rate measures it),
 * periodic (fires again and again), masked (counts down silently), current count
 * decreasing, the divider; CR8 as TPR[7:4]; the I/O APIC's version and redirection table; COM1's transmitter interrupt (ISA IRQ 4) through
 * redirection entry 4. With cpus=2 (QEMU -smp 2, testvisor vcpus=2): a fixed IPI to
 * x2APIC ID 1 and an all-excluding-self IPI wake the halted AP and run its handler. */
#include <libtv.h>
#include <stdlib.h>
#include <cpu.h>
#include "trap.h"
#include "x86_guest.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EN (1ull << 11)
#define APIC_BASE_EXTD (1ull << 10)
#define CPUID1_ECX_X2APIC (1u << 21)
enum {
	X2_ID = 0x802, X2_TPR = 0x808, X2_PPR = 0x80A, X2_EOI = 0x80B, X2_SVR = 0x80F,
	X2_ISR = 0x810, X2_IRR = 0x820, X2_ICR = 0x830, X2_LVT_TIMER = 0x832, X2_LINT0 = 0x835, X2_LINT1 = 0x836, X2_TMICT = 0x838,
	X2_TMCCT = 0x839, X2_TDCR = 0x83E, X2_SELF_IPI = 0x83F,
};
#define SVR_ENABLE 0x100
#define SPURIOUS 0xFF
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define TDCR_DIV1 0xB
#define TDCR_DIV128 0xA
#define ICR_SELF (1ull << 18)
#define ICR_ALL (2ull << 18)
#define ICR_ALL_BUT_SELF (3ull << 18)
#define ICR_LOGICAL (1ull << 11)
#define ICR_NMI (4ull << 8)
#define X2_LDR 0x80D
#define IOAPIC ((volatile uint32_t *)0xFEC00000ull)
#define REDIR_MASKED (1u << 16)
#define COM1 0x3F8
#define WAIT_CYCLES 8000000000ull /* TSC cycles: a few seconds at most */

enum { V_SELF = 0x40, V_ICR_SELF = 0x41, V_ALL = 0x42, V_LOGICAL_SELF = 0x43, V_TPR_LOW = 0x45, V_TPR_HIGH = 0x65,
       V_ORDER_LOW = 0x50, V_ORDER_HIGH = 0x70, V_ONESHOT = 0x80, V_PERIODIC = 0x81,
       V_MASKED = 0x82, V_HLT = 0x83, V_UART = 0x90, V_UART_KEEP = 0x91, V_AP = 0xA0, V_AP_ALL_BUT = 0xA1,
       V_AP_LOGICAL = 0xA2 };

static volatile unsigned hits[2][256];   /* per CPU (x2APIC ID 0 or 1), per vector */
static volatile bool in_service[256];    /* ISR bit seen set in the handler */
static volatile unsigned nmis, nmis_in_handler;
static volatile uint64_t irq_rip[256]; /* where each vector's last interrupt returns */
static volatile uint8_t order[8];
static volatile unsigned order_n;
static volatile uint8_t uart_iir;
static volatile uint32_t oneshot_count = 0xFFFFFFFFu; /* current count in its handler */
static volatile uint32_t periodic_min = 0xFFFFFFFFu;  /* lowest count in the periodic handler */
static volatile unsigned ap_ready;
static uint8_t ap_stack[8192] __attribute__((aligned(16)));

void x86_trap_init(void); /* guest/lib/x86/trap.c: loads the payloads' IDT */

static bool isr_bit(unsigned v) { return rdmsr(X2_ISR + v / 32) >> (v % 32) & 1; }
static bool irr_bit(unsigned v) { return rdmsr(X2_IRR + v / 32) >> (v % 32) & 1; }

static bool on_irq(struct trap_frame *f)
{
	unsigned v = (unsigned)f->vector, cpu = rdmsr(X2_ID) ? 1 : 0;
	in_service[v] = isr_bit(v);
	irq_rip[v] = f->rip;
	if (order_n < sizeof(order))
		order[order_n++] = (uint8_t)v;
	if (v == V_UART)
		uart_iir = inb(COM1 + 2); /* reading the IIR that reports THRE takes it back */
	if (v == V_ONESHOT)
		oneshot_count = (uint32_t)rdmsr(X2_TMCCT);
	if (v == V_PERIODIC && hits[cpu][v] < 4) {
		uint32_t c = (uint32_t)rdmsr(X2_TMCCT);
		periodic_min = c < periodic_min ? c : periodic_min;
	}
	hits[cpu][v]++;
	wrmsr(X2_EOI, 0);
	return true;
}

/* NMI (vector 2): the first one sends itself another, which must wait until this
 * handler's IRET (SDM vol. 3 §6.7.1: NMIs are blocked from one's delivery to its IRET). */
static bool on_nmi(struct trap_frame *f)
{
	if (++nmis == 1) {
		wrmsr(X2_ICR, ICR_SELF | ICR_NMI);
		for (volatile int i = 0; i < 100000; i++)
			;
		nmis_in_handler = nmis;
	}
	return true;
}



static uint32_t ioapic_read(uint8_t reg)
{
	IOAPIC[0] = reg;
	return IOAPIC[4];
}

static void ioapic_write(uint8_t reg, uint32_t val)
{
	IOAPIC[0] = reg;
	IOAPIC[4] = val;
}

static void test_self_ipi(void)
{
	wrmsr(X2_SELF_IPI, V_SELF);
	report(irr_bit(V_SELF) && hits[0][V_SELF] == 0, "SELF IPI: pending in IRR while IF=0");
	x86_irq_window();
	report(hits[0][V_SELF] == 1, "SELF IPI: delivered once with vector %#x", V_SELF);
	report(in_service[V_SELF], "SELF IPI: in service (ISR) during the handler");
	report(!isr_bit(V_SELF) && !irr_bit(V_SELF) && rdmsr(X2_PPR) == 0,
	       "EOI retired it: ISR and IRR clear, PPR 0");
	wrmsr(X2_ICR, ICR_SELF | V_ICR_SELF);
	x86_irq_window();
	report(hits[0][V_ICR_SELF] == 1, "ICR fixed IPI, shorthand self: delivered");
	wrmsr(X2_ICR, ICR_ALL | V_ALL);
	x86_irq_window();
	report(hits[0][V_ALL] == 1, "ICR fixed IPI, shorthand all including self: delivered here");
	/* Logical x2APIC destinations: cluster 31:16, member bitmap 15:0; the LDR of x2APIC
	 * ID 0 is cluster 0, bit 0 (SDM §10.12.10.2). */
	report(rdmsr(X2_LDR) == 1, "LDR: cluster 0, member bit 0");
	wrmsr(X2_ICR, (1ull << 32) | ICR_LOGICAL | V_LOGICAL_SELF);
	x86_irq_window();
	report(hits[0][V_LOGICAL_SELF] == 1, "ICR fixed IPI to logical cluster 0 member 0: here");
	wrmsr(X2_ICR, (2ull << 32) | ICR_LOGICAL | V_LOGICAL_SELF);
	x86_irq_window();
	report(hits[0][V_LOGICAL_SELF] == 1, "... and to member 1 only: not here");
}

static void test_nmi(void)
{
	trap_install(2, on_nmi);
	wrmsr(X2_ICR, ICR_SELF | ICR_NMI); /* with IF=0 */
	uint64_t t0 = rdtsc();
	while (nmis < 2 && rdtsc() - t0 < WAIT_CYCLES) /* IF stays 0: NMIs ignore it */
		rdmsr(X2_PPR); /* polling the APIC, as a kernel waiting for an IPI would */
	report(nmis >= 1, "NMI IPI to self: taken with IF=0");
	report(nmis_in_handler == 1, "a second NMI waits while the first one's handler runs");
	report(nmis == 2, "... and is taken after its IRET");
}

static void test_priority(void)
{
	wrmsr(X2_TPR, 0x50);
	wrmsr(X2_SELF_IPI, V_TPR_LOW);
	x86_irq_window();
	report(hits[0][V_TPR_LOW] == 0 && irr_bit(V_TPR_LOW),
	       "TPR 0x50 holds vector %#x (class 4) in IRR", V_TPR_LOW);
	wrmsr(X2_SELF_IPI, V_TPR_HIGH);
	x86_irq_window();
	report(hits[0][V_TPR_HIGH] == 1, "TPR 0x50 lets vector %#x (class 6) through", V_TPR_HIGH);
	wrmsr(X2_TPR, 0);
	x86_irq_window();
	report(hits[0][V_TPR_LOW] == 1, "TPR 0: the held vector is delivered");
	/* CR8 is TPR[7:4] (SDM §10.8.6.1). */
	__asm__ volatile("mov %0, %%cr8" :: "r"(5ull) : "memory");
	report(rdmsr(X2_TPR) == 0x50, "MOV to CR8 sets TPR[7:4]");
	wrmsr(X2_SELF_IPI, V_TPR_LOW);
	x86_irq_window();
	report(hits[0][V_TPR_LOW] == 1, "CR8 5 holds a class-4 vector");
	/* Lowered while the vector is held: it is delivered as soon as interrupts are on. */
	__asm__ volatile("mov %0, %%cr8" :: "r"(0ull) : "memory");
	x86_irq_window();
	report(hits[0][V_TPR_LOW] == 2, "CR8 0: the held vector is delivered");
	wrmsr(X2_TPR, 0x30);
	uint64_t cr8;
	__asm__ volatile("mov %%cr8, %0" : "=r"(cr8));
	report(cr8 == 3, "CR8 reads TPR[7:4] after a TPR write");
	wrmsr(X2_TPR, 0);
	order_n = 0;
	wrmsr(X2_SELF_IPI, V_ORDER_LOW);
	wrmsr(X2_SELF_IPI, V_ORDER_HIGH);
	x86_irq_window();
	report(order_n == 2 && order[0] == V_ORDER_HIGH && order[1] == V_ORDER_LOW,
	       "two pending: the higher vector first");
}

/* TSC cycles per 10 million timer ticks at divide 1, measured on the timer itself (masked,
 * counting down): the yardstick for "on time" that trusts neither clock's rate. */
static uint64_t tsc_per_10m_ticks(void)
{
	const uint32_t span = 10000000;
	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_LVT_TIMER, LVT_MASKED | V_MASKED);
	wrmsr(X2_TMICT, 0xFFFFFFFF);
	uint64_t t0 = rdtsc();
	uint32_t c0 = (uint32_t)rdmsr(X2_TMCCT), c = c0;
	while (c0 - c < span && rdtsc() - t0 < WAIT_CYCLES) {
		__asm__ volatile("pause");
		c = (uint32_t)rdmsr(X2_TMCCT);
	}
	uint64_t t1 = rdtsc();
	wrmsr(X2_TMICT, 0);
	return c0 != c ? (t1 - t0) * span / (c0 - c) : 0;
}

static void test_timer(void)
{
	const uint32_t interval = 20000000; /* 20 ms at 1 GHz */
	uint64_t yardstick = tsc_per_10m_ticks() * 2; /* TSC cycles per `interval` ticks */
	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_LVT_TIMER, V_ONESHOT);
	uint64_t t0 = rdtsc();
	wrmsr(X2_TMICT, interval);
	uint32_t c1 = (uint32_t)rdmsr(X2_TMCCT);
	for (volatile int i = 0; i < 100000; i++)
		;
	uint32_t c2 = (uint32_t)rdmsr(X2_TMCCT);
	report_info("timer: current count %u, then %u", c1, c2);
	report(c1 <= interval && c2 < c1, "timer: current count decreases");
	report(rdmsr(X2_TMICT) == interval, "timer: initial count reads back");
	unsigned n = x86_wait_with_irqs(&hits[0][V_ONESHOT], 1, WAIT_CYCLES);
	uint64_t t1 = rdtsc();
	report(n == 1, "one-shot: fired");
	/* Not early: the count had reached 0 when the interrupt came. (kvm-unit-tests compares
	 * TSC cycles with the count instead, which assumes a TSC of 1 GHz or more: Bochs' is
	 * slower.) */
	report_info("one-shot: %lu TSC cycles for a count of %u", (unsigned long)(t1 - t0), interval);
	report(oneshot_count == 0, "one-shot: not before its count (current count 0 in the handler)");
	report_info("one-shot: %lu TSC cycles, the count's own rate says %lu", (unsigned long)(t1 - t0),
		    (unsigned long)yardstick);
	report(yardstick && t1 - t0 <= 2 * yardstick,
	       "one-shot: fired within twice its time, by the count's own rate");
	report(rdmsr(X2_TMCCT) == 0, "one-shot: current count stays 0");
	uint64_t t2 = rdtsc();
	__asm__ volatile("sti" ::: "memory");
	while (rdtsc() - t2 < 4 * (t1 - t0))
		__asm__ volatile("pause");
	__asm__ volatile("cli" ::: "memory");
	report(hits[0][V_ONESHOT] == 1, "one-shot: fired once only");

	wrmsr(X2_LVT_TIMER, LVT_PERIODIC | V_PERIODIC);
	wrmsr(X2_TMICT, interval / 4);
	n = x86_wait_with_irqs(&hits[0][V_PERIODIC], 4, WAIT_CYCLES);
	wrmsr(X2_TMICT, 0);
	report(n >= 4, "periodic: fired again and again");
	report_info("periodic: lowest current count in the handler %u of %u", periodic_min, interval / 4);
	report(rdmsr(X2_TMCCT) == 0, "initial count 0 stops the timer");

	wrmsr(X2_LVT_TIMER, LVT_MASKED | V_MASKED);
	wrmsr(X2_TMICT, interval / 10);
	uint64_t t3 = rdtsc();
	__asm__ volatile("sti" ::: "memory");
	while (rdmsr(X2_TMCCT) && rdtsc() - t3 < WAIT_CYCLES)
		__asm__ volatile("pause");
	x86_irq_window();
	report(rdmsr(X2_TMCCT) == 0 && hits[0][V_MASKED] == 0 && !irr_bit(V_MASKED),
	       "masked LVT: counted down to 0 without an interrupt");

	/* The divider slows the count: /128 moves less than /1 over the same time. */
	wrmsr(X2_LVT_TIMER, LVT_MASKED | V_MASKED);
	wrmsr(X2_TDCR, TDCR_DIV128);
	wrmsr(X2_TMICT, 0xFFFFFFFF);
	for (volatile int i = 0; i < 200000; i++)
		;
	uint32_t slow = 0xFFFFFFFFu - (uint32_t)rdmsr(X2_TMCCT);
	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_TMICT, 0xFFFFFFFF);
	for (volatile int i = 0; i < 200000; i++)
		;
	uint32_t fast = 0xFFFFFFFFu - (uint32_t)rdmsr(X2_TMCCT);
	wrmsr(X2_TMICT, 0);
	report_info("counted %u at /128, %u at /1", slow, fast);
	report(slow < fast, "divide by 128 counts slower than by 1");
}

/* HLT with a timer armed: the CPU sleeps until the interrupt, which returns right after
 * the HLT (STI's shadow covers the HLT only: SDM vol. 3 §6.8.3). */
static void test_hlt_wake(void)
{
	uint64_t after;
	wrmsr(X2_TDCR, TDCR_DIV1);
	wrmsr(X2_LVT_TIMER, V_HLT);
	wrmsr(X2_TMICT, 1000000); /* 1 ms */
	__asm__ volatile("leaq 1f(%%rip), %0\n\tsti\n\thlt\n1:\tcli" : "=r"(after) :: "memory");
	report(hits[0][V_HLT] == 1, "HLT: the timer interrupt wakes the halted CPU");
	report(irq_rip[V_HLT] == after, "HLT: the interrupt returns to just after the HLT");
}

static void test_ioapic(void)
{
	uint32_t ver = ioapic_read(0x01);
	report((ver & 0xFF) == 0x20, "I/O APIC version %#x (QEMU's 0x20)", ver & 0xFF);
	report((ver >> 16 & 0xFF) == 23, "I/O APIC: 24 redirection entries (max index %u)",
	       ver >> 16 & 0xFF);
	report(ioapic_read(0x00) == 0, "I/O APIC ID 0 (QEMU's, as its MADT says)");
	uint32_t lo = ioapic_read(0x10 + 2 * 10);
	report(lo & REDIR_MASKED, "redirection entry 10 starts masked (%#x)", lo);
	ioapic_write(0x10 + 2 * 10, 0xFFFFFFFF);
	ioapic_write(0x11 + 2 * 10, 0xAB000000);
	lo = ioapic_read(0x10 + 2 * 10);
	report((lo & 0x1FFFF) == 0x1AFFF && ioapic_read(0x11 + 2 * 10) >> 24 == 0xAB,
	       "redirection entry reads back (delivery status and remote IRR clear: %#x)", lo);
	ioapic_write(0x10 + 2 * 10, REDIR_MASKED);
	ioapic_write(0x11 + 2 * 10, 0);

	/* COM1's transmitter-empty interrupt: ISA IRQ 4 = GSI 4, edge, active high. */
	ioapic_write(0x11 + 2 * 4, 0);                       /* destination x2APIC ID 0 */
	ioapic_write(0x10 + 2 * 4, V_UART);                  /* fixed, physical, unmasked */
	inb(COM1 + 2);
	outb(COM1 + 1, 0x02);                                /* IER: THRE interrupt on */
	unsigned n = x86_wait_with_irqs(&hits[0][V_UART], 1, WAIT_CYCLES);
	outb(COM1 + 1, 0); /* off before anything is printed */
	bool first = n == 1 && (uart_iir & 0x0F) == 0x02;
	/* Now a handler that leaves the IIR alone: the line stays up, and only writing THR
	 * takes the interrupt back until the byte is sent (16550: THRI is cleared by an IIR
	 * read or a THR write), which makes a new edge. */
	ioapic_write(0x10 + 2 * 4, V_UART_KEEP);
	inb(COM1 + 2);
	outb(COM1 + 1, 0x02);
	n = x86_wait_with_irqs(&hits[0][V_UART_KEEP], 1, WAIT_CYCLES);
	outb(COM1, '\n');
	unsigned n2 = x86_wait_with_irqs(&hits[0][V_UART_KEEP], 2, WAIT_CYCLES);
	outb(COM1 + 1, 0);
	inb(COM1 + 2);
	ioapic_write(0x10 + 2 * 4, REDIR_MASKED | V_UART);
	report(first && hits[0][V_UART] == 1,
	       "COM1 THRE interrupt through I/O APIC entry 4 (IIR says THRE)");
	report(n == 1 && n2 == 2, "COM1: a THR write with THRE pending interrupts again");
}

/* The BSP's GDT: its IDT gates name the BSP's 64-bit code selector 0x08, which in the AP
 * start code's own GDT is a 32-bit segment. */
static struct { uint16_t limit; uint64_t base; } __attribute__((packed)) bsp_gdtr;

static void ap_main(void)
{
	__asm__ volatile("lgdt %0\n\t"
			 "pushq $0x08\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\tmovl $0x10, %%eax\n\t"
			 "movl %%eax, %%ss\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es" :: "m"(bsp_gdtr) : "rax", "memory");
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(X2_SVR, SVR_ENABLE | SPURIOUS);
	x86_trap_init(); /* the same IDT as the BSP's */
	__atomic_add_fetch(&ap_ready, 1, __ATOMIC_SEQ_CST);
	for (;;)
		__asm__ volatile("sti; hlt" ::: "memory"); /* woken by each IPI */
}

static void test_ap(void)
{
	__asm__ volatile("sgdt %0" : "=m"(bsp_gdtr));
	uint8_t vector = x86_ap_prepare(ap_main, ap_stack + sizeof(ap_stack));
	uint64_t dest = 1ull << 32;
	wrmsr(X2_ICR, dest | 0x4500);                        /* INIT */
	for (volatile int i = 0; i < 100000; i++)
		;
	for (int i = 0; i < 2 && !ap_ready; i++) {
		wrmsr(X2_ICR, dest | 0x4600 | vector);       /* STARTUP */
		for (volatile int j = 0; j < 100000; j++)
			;
	}
	unsigned up = x86_wait_with_irqs(&ap_ready, 1, WAIT_CYCLES);
	report(up == 1, "the AP is up in x2APIC mode");
	if (!up)
		return;
	wrmsr(X2_ICR, dest | V_AP);
	unsigned n = x86_wait_with_irqs(&hits[1][V_AP], 1, WAIT_CYCLES);
	report(n == 1 && hits[0][V_AP] == 0, "fixed IPI to x2APIC ID 1: the halted AP took it");
	wrmsr(X2_ICR, ICR_ALL_BUT_SELF | V_AP_ALL_BUT);
	n = x86_wait_with_irqs(&hits[1][V_AP_ALL_BUT], 1, WAIT_CYCLES);
	x86_irq_window();
	report(n == 1 && hits[0][V_AP_ALL_BUT] == 0, "all-excluding-self IPI: the AP only");
	wrmsr(X2_ICR, (2ull << 32) | ICR_LOGICAL | V_AP_LOGICAL);
	n = x86_wait_with_irqs(&hits[1][V_AP_LOGICAL], 1, WAIT_CYCLES);
	report(n == 1 && hits[0][V_AP_LOGICAL] == 0, "logical IPI to cluster 0 member 1: the AP");
}

int main(int argc, char **argv)
{
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_X2APIC)) {
		report_skip("no x2APIC (CPUID.1:ECX bit 21)");
		return report_summary();
	}
	outb(0x21, 0xFF); /* the 8259s masked: the firmware's PIT must not come through */
	outb(0xA1, 0xFF);
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	/* QEMU's firmware (SeaBIOS src/fw/smp.c, smp_setup) enables the BSP's APIC and sets
	 * LINT0 to ExtINT and LINT1 to NMI, both level; the rest is the SDM §10.4.7.1 reset
	 * state (LVTs masked, timer divide 0). */
	report(rdmsr(X2_SVR) == 0x1FF && rdmsr(X2_LINT0) == 0x8700 && rdmsr(X2_LINT1) == 0x8400 &&
	       rdmsr(X2_LVT_TIMER) == LVT_MASKED && rdmsr(X2_TDCR) == 0,
	       "the BSP's APIC as the firmware leaves it: enabled, LINT0 ExtINT, LINT1 NMI");
	wrmsr(X2_SVR, SVR_ENABLE | SPURIOUS);
	for (unsigned v = 0x40; v < 0xFF; v++)
		trap_install(v, on_irq);
	test_self_ipi();
	test_nmi();
	test_priority();
	test_timer();
	test_hlt_wake();
	test_ioapic();
	const char *cpus = tv_arg(argc, argv, "cpus");
	if (cpus && atoi(cpus) >= 2)
		test_ap();
	return report_summary();
}
