/* testvisor's own use of the CPU it runs on, set up once after the boot path reached
 * long mode: console, exception vectors, time source and the preemption tick. */
#include <idt.h>
#include <x86/host.h>

/* The preemption tick period bounds how late a guest past its time budget is stopped. */
#define PREEMPT_PERIOD_US 10000

static struct idt_gate host_idt[256] __attribute__((aligned(16)));

void x86_host_setup(void)
{
	x86_console_init();
	idt_load(host_idt);
	x86_timer_calibrate();
	x86_preempt_timer_start(PREEMPT_PERIOD_US);
}
