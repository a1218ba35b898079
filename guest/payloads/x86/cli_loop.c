/* A guest that loops forever with interrupts off: only testvisor's time budget (the
 * preemption tick makes it exit whatever the guest masks) can stop it. Guest mode only
 * (expect=stopped, small budget_ms). */
#include <libtv.h>

int main(int argc, char **argv)
{
	report_pass("about to spin with interrupts off");
	__asm__ volatile("cli; 1: jmp 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
