/* Time on x86_64: the TSC (arch_cycles) calibrated against the PIT, and the local APIC
 * timer as testvisor's periodic preemption tick. */
#include <stdint.h>
#include <cpu.h>
#include <x86/host.h>

#define PIT_HZ 1193182u
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_GATE_PORT 0x61
#define PIT_GATE_ON 0x01
#define PIT_SPEAKER 0x02
#define PIT_OUT2 0x20
#define CALIBRATE_MS 10u
#define PIT_MAX_SPINS 2000000u /* port reads: about 2 s on hardware, far more than 10 ms */

enum lapic_reg {
	LAPIC_EOI = 0x0B0, LAPIC_SVR = 0x0F0, LAPIC_LVT_TIMER = 0x320,
	LAPIC_TIMER_INIT = 0x380, LAPIC_TIMER_CUR = 0x390, LAPIC_TIMER_DIV = 0x3E0,
};
#define LAPIC_SVR_ENABLE 0x100
#define LAPIC_TIMER_PERIODIC (1u << 17)
#define LAPIC_LVT_MASKED (1u << 16)
#define LAPIC_DIV_1 0xB
#define APIC_BASE_MASK 0xFFFFF000ull
#define APIC_BASE_X2APIC (1ull << 10)
#define X2APIC_MSR_BASE 0x800

static uint64_t tsc_hz, lapic_hz, ticks;
static uint32_t tick_count; /* the periodic tick's initial count */
static uint64_t tick_tsc;   /* its period in TSC cycles */
static bool one_shot;       /* the tick is re-armed as a one-shot (x86_preempt_timer_within) */
static uint64_t one_shot_tsc; /* ... which fires about then */
#define ONE_SHOT_MIN_US 100 /* no sooner than this: a guest's timer storm must not become
			     * testvisor's (QEMU's own main loop starved at 1 ns) */

/* Firmware may hand over in x2APIC mode (common on recent servers), where the MMIO window
 * is off and the registers are MSRs 0x800 + offset / 16. */
static void lapic_write(enum lapic_reg r, uint32_t v)
{
	uint64_t base = rdmsr(MSR_IA32_APIC_BASE);
	if (base & APIC_BASE_X2APIC)
		wrmsr(X2APIC_MSR_BASE + (r >> 4), v);
	else
		*(volatile uint32_t *)(uintptr_t)((base & APIC_BASE_MASK) + r) = v;
}

static uint32_t lapic_read(enum lapic_reg r)
{
	uint64_t base = rdmsr(MSR_IA32_APIC_BASE);
	if (base & APIC_BASE_X2APIC)
		return (uint32_t)rdmsr(X2APIC_MSR_BASE + (r >> 4));
	return *(volatile uint32_t *)(uintptr_t)((base & APIC_BASE_MASK) + r);
}

/* Busy-waits CALIBRATE_MS on PIT channel 2 (one-shot, gate through port 0x61); false
 * when the PIT never answers (a platform without one: the self-check then fails). */
static bool pit_wait(void)
{
	uint16_t count = PIT_HZ * CALIBRATE_MS / 1000;
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~PIT_SPEAKER) & ~PIT_GATE_ON);
	outb(PIT_COMMAND, 0xB0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2_DATA, (uint8_t)count);
	outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
	outb(PIT_GATE_PORT, inb(PIT_GATE_PORT) | PIT_GATE_ON);
	for (unsigned spins = 0; spins < PIT_MAX_SPINS; spins++)
		if (inb(PIT_GATE_PORT) & PIT_OUT2)
			return true;
	return false;
}

/* The legacy 8259 PICs: the firmware leaves them delivering the PIT on vector 8, which
 * would look like a double fault. Moved to LEGACY_PIC_VECTOR and masked; only a spurious
 * IRQ 7/15 can still arrive there, and is ignored. */
static void legacy_pic_disable(void)
{
	static const struct { uint16_t port; uint8_t val; } init[] = {
		{ 0x20, 0x11 }, { 0xA0, 0x11 },                         /* ICW1: init, ICW4 follows */
		{ 0x21, LEGACY_PIC_VECTOR }, { 0xA1, LEGACY_PIC_VECTOR + 8 }, /* ICW2: vector base */
		{ 0x21, 0x04 }, { 0xA1, 0x02 },                         /* ICW3: cascade on IRQ 2 */
		{ 0x21, 0x01 }, { 0xA1, 0x01 },                         /* ICW4: 8086 mode */
		{ 0x21, 0xFF }, { 0xA1, 0xFF },                         /* mask everything */
	};
	for (unsigned i = 0; i < sizeof(init) / sizeof(init[0]); i++)
		outb(init[i].port, init[i].val);
}

void x86_timer_calibrate(void)
{
	legacy_pic_disable();
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | SPURIOUS_VECTOR);
	lapic_write(LAPIC_TIMER_DIV, LAPIC_DIV_1);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | PREEMPT_VECTOR);
	lapic_write(LAPIC_TIMER_INIT, 0xFFFFFFFFu);
	uint64_t t0 = rdtsc();
	bool ok = pit_wait();
	uint64_t t1 = rdtsc();
	uint32_t left = lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);
	tsc_hz = ok ? (t1 - t0) * (1000 / CALIBRATE_MS) : 0;
	lapic_hz = ok ? (uint64_t)(0xFFFFFFFFu - left) * (1000 / CALIBRATE_MS) : 0;
}

uint64_t x86_tsc_hz(void) { return tsc_hz; }

void x86_preempt_timer_start(unsigned period_us)
{
	if (!lapic_hz)
		return; /* not calibrated: no tick (the self-check reports it) */
	uint64_t count = lapic_hz * period_us / 1000000;
	if (count == 0)
		count = 1;
	if (count > 0xFFFFFFFFu)
		count = 0xFFFFFFFFu;
	tick_count = (uint32_t)count;
	tick_tsc = tsc_hz * period_us / 1000000;
	x86_preempt_timer_resume();
}

uint64_t x86_preempt_period_cycles(void) { return tick_tsc; }

void x86_preempt_timer_within(uint64_t ns)
{
	if (!tick_count || ns >= 1000000000ull)
		return; /* no tick, or far beyond it */
	if (ns < ONE_SHOT_MIN_US * 1000u)
		ns = ONE_SHOT_MIN_US * 1000u;
	uint64_t count = lapic_hz * ns / 1000000000u;
	uint64_t at = rdtsc() + tsc_hz * ns / 1000000000u;
	if (count >= tick_count || (one_shot && at >= one_shot_tsc))
		return; /* the tick, or the one-shot already armed, comes first anyway */
	lapic_write(LAPIC_LVT_TIMER, PREEMPT_VECTOR); /* one-shot */
	lapic_write(LAPIC_TIMER_INIT, count ? (uint32_t)count : 1);
	one_shot = true;
	one_shot_tsc = at;
}

void x86_preempt_timer_resume(void)
{
	one_shot = false;
	lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_PERIODIC | PREEMPT_VECTOR);
	lapic_write(LAPIC_TIMER_INIT, tick_count);
}

bool x86_preempt_timer_is_one_shot(void) { return one_shot; }

void x86_lapic_eoi(void)
{
	ticks++;
	lapic_write(LAPIC_EOI, 0);
}

uint64_t x86_preempt_ticks(void) { return ticks; }
