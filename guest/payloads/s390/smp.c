/* smp (s390x, two CPUs): SIGP between CPUs: sense a stopped CPU, give it a prefix area,
 * restart it (restart new PSW from its own lowcore), hear from it by emergency signal,
 * let it stop itself; and the condition codes and status of orders that cannot work.
 * QEMU runs it with -smp 2, testvisor with vcpus=2. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

static uint8_t lowcore1[0x2000] __attribute__((aligned(0x2000)));
static uint8_t stack1[16384] __attribute__((aligned(16)));
uint64_t secondary_stack_top = (uint64_t)(uintptr_t)(stack1 + sizeof(stack1) - 160);
static volatile unsigned secondary_ran;
static volatile uint16_t secondary_address;
static volatile unsigned signals;
static volatile int secondary_cc = -1;
static volatile uint16_t signal_from;

void secondary_entry(void);
asm(".text\n"
    "secondary_entry:\n"
    "	lgrl	%r15, secondary_stack_top\n"
    "	brasl	%r14, secondary_main\n"
    "0:	j	0b\n");

/* SIGP, retried while the signalling facility is busy (cc 2), as the architecture
 * expects of its users: QEMU answers busy while another CPU's SIGP is in progress. */
static int sigp_retry(uint16_t cpu, uint8_t order, uint64_t param, uint32_t *status)
{
	int cc;
	do
		cc = sigp(cpu, order, param, status);
	while (cc == 2);
	return cc;
}

/* Runs on CPU 1: report back to CPU 0, then stop. */
void secondary_main(void)
{
	secondary_address = stap();
	secondary_ran++;
	secondary_cc = sigp_retry(0, SIGP_EMERGENCY_SIGNAL, 0, NULL);
	sigp_retry(secondary_address, SIGP_STOP, 0, NULL);
	for (;;)
		;
}

static bool on_signal(struct trap_frame *f)
{
	signals++;
	signal_from = f->ext_cpu;
	f->psw_mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT);
	return true;
}

static bool cpu1_stopped(void)
{
	uint32_t st = 0;
	for (int i = 0; i < 100000; i++)
		if (sigp_retry(1, SIGP_SENSE, 0, &st) == 1 && (st & SIGP_STATUS_STOPPED))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	report_prefix_push("smp");
	uint32_t st = 0;
	report(stap() == 0, "this is CPU 0");
	report(sigp_retry(1, SIGP_SENSE, 0, &st) == 1 && st == SIGP_STATUS_STOPPED,
	       "CPU 1 is stopped at start (cc 1, status 'stopped')");
	report(sigp_retry(2, SIGP_SENSE, 0, &st) == 3, "there is no CPU 2 (cc 3)");

	st = 0;
	report(sigp_retry(1, SIGP_SET_PREFIX, 0x7fffe000UL, &st) == 1 && st == SIGP_STATUS_INVALID_PARAMETER,
	       "SET PREFIX outside memory: cc 1, status 'invalid parameter'");
	memcpy(lowcore1, (void *)lowcore, sizeof(lowcore1));
	uint64_t restart_psw[2] = { PSW_MASK_64, (uint64_t)(uintptr_t)secondary_entry };
	memcpy(lowcore1 + LC_RESTART_NEW_PSW, restart_psw, sizeof(restart_psw));
	report(sigp_retry(1, SIGP_SET_PREFIX, (uint64_t)(uintptr_t)lowcore1, &st) == 0,
	       "SET PREFIX for CPU 1: cc 0");

	trap_install(TRAP_EXT, on_signal);
	uint64_t cr0 = stctg(0);
	lctlg(0, cr0 | CR0_EMERGENCY_SIGNAL);
	report(sigp_retry(1, SIGP_RESTART, 0, &st) == 0, "RESTART CPU 1: cc 0");
	struct psw w = { PSW_MASK_64 | PSW_MASK_WAIT | PSW_MASK_EXT, 0 };
	asm volatile("larl %%r1,0f\n\tstg %%r1,8(%0)\n\tlpswe 0(%0)\n0:"
		     : : "a"(&w) : "r1", "memory", "cc");
	lctlg(0, cr0);
	trap_install(TRAP_EXT, NULL);
	/* CPU 1 may not have stored its condition code yet when the signal lands. */
	for (long i = 0; i < 100000000L && secondary_cc < 0; i++)
		asm volatile("" : : : "memory");
	if (!(signals == 1 && signal_from == 1 && secondary_cc == 0))
		report_info("signals %u, from CPU %u, SIGP cc %d", signals, signal_from, secondary_cc);
	report(signals == 1 && signal_from == 1 && secondary_cc == 0,
	       "emergency signal from CPU 1 (cc 0) woke CPU 0");
	report(secondary_ran == 1 && secondary_address == 1, "CPU 1 ran its restart PSW and knows it is CPU 1");
	report(cpu1_stopped(), "CPU 1 stopped itself");
	report_prefix_pop();
	return report_summary();
}
