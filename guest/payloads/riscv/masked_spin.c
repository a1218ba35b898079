/* A guest that spins forever with every interrupt masked (sstatus.SIE and sie clear):
 * only testvisor's own preemption tick, which the guest cannot mask, lets its time budget
 * stop it. Guest mode only (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <riscv_csr.h>

int main(int argc, char **argv)
{
	report_pass("about to spin with interrupts masked");
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
	__asm__ volatile("1: j 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
