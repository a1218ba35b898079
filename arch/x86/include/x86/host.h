/* testvisor's own use of the x86 machine it runs on: console, timer, exceptions. */
#ifndef X86_HOST_H
#define X86_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <trap_frame.h>

/* Console, exception vectors, TSC calibration and the preemption tick: everything
 * hv_main expects from the CPU it runs on (host_setup.c). */
void x86_host_setup(void);

void x86_console_init(void);

/* Machine exit (machine_exit.c): reads the firmware's ACPI tables for S5, from the RSDP
 * the loader handed over or, when that is 0, the one found in the BIOS areas. */
struct acpi_s5;
void x86_power_init(uint64_t rsdp_pa);
/* Whether S5 can be entered; *s5 what was found, *why what is missing otherwise. */
enum x86_power_state {
	X86_S5_FOUND,
	X86_S5_UNUSABLE, /* ACPI tables exist, but S5 could not be read from them */
	X86_NO_ACPI,     /* no RSDP at all: a machine without ACPI */
};
enum x86_power_state x86_power_s5(const struct acpi_s5 **s5, const char **why);

/* TSC frequency from a PIT-timed interval (0 until calibrated). */
void x86_timer_calibrate(void);
uint64_t x86_tsc_hz(void);

/* The preemption tick: a periodic local APIC timer interrupt on PREEMPT_VECTOR, which
 * makes a running guest exit (SVM INTR intercept) however it masks interrupts. */
#define PREEMPT_VECTOR 0x20
#define SPURIOUS_VECTOR 0xFF
#define LEGACY_PIC_VECTOR 0xE0 /* 0xE0-0xEF: the masked 8259s (spurious IRQs only) */
void x86_preempt_timer_start(unsigned period_us);
/* The next tick sooner, `ns` from now (a guest's APIC timer expires then; at least
 * 100 us): the tick is re-armed as a one-shot, unless it or a one-shot already armed
 * comes first. Before the core
 * runs anything else, x86_preempt_timer_resume makes it the periodic tick again
 * (restarting its period). */
void x86_preempt_timer_within(uint64_t ns);
void x86_preempt_timer_resume(void);
bool x86_preempt_timer_is_one_shot(void);
/* The tick's period in TSC cycles (0: no tick). */
uint64_t x86_preempt_period_cycles(void);
void x86_lapic_eoi(void);
/* Counts ticks handled, for the self-check. */
uint64_t x86_preempt_ticks(void);

/* Called by the vector entry for every interrupt and exception taken by testvisor. */
void x86_exception(struct trap_frame *f);

#endif
