/* A guest that spins forever with every exception masked (DAIF all set): only
 * testvisor's own preemption tick, which the guest cannot mask, lets its time budget stop
 * it. Guest mode only (expect=stopped stop_reason=budget). */
#include <libtv.h>

int main(int argc, char **argv)
{
	report_pass("about to spin with interrupts masked");
	__asm__ volatile("msr daifset, #0xf; 1: b 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
