/* An interrupt storm: the guest sets its timer to fire at time 0 (already past) through
 * SBI TIME set_timer, enables the supervisor timer interrupt, and its handler returns
 * without ever moving the timer, so the interrupt is pending again the moment the handler
 * returns (SBI v3.0 §6.1: the pending bit clears only when the timer is set to the future).
 * testvisor's own tick must still reach it and its time budget stop the guest. Guest mode
 * only (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <riscv_csr.h>
#include <sbi.h>

/* SBI v3.0 §6: TIME extension "TIME", function 0 set_timer(stime_value). */
#define EXT_TIME 0x54494D45UL
#define FN_SET_TIMER 0
#define SIE_STIE (1UL << 5) /* privileged spec, sie: supervisor timer interrupt enable */

void storm_handler(void);
__asm__(".pushsection .text\n"
	".balign 4\n"
	".globl storm_handler\n"
	"storm_handler:\n"
	"	sret\n"
	".popsection\n");

int main(int argc, char **argv)
{
	report_pass("about to take a timer interrupt that never stops firing");
	csr_write(stvec, (unsigned long)storm_handler);
	struct sbiret r = sbi_ecall(EXT_TIME, FN_SET_TIMER, 0, 0, 0, 0, 0, 0);
	if (r.error)
		report_info("set_timer(0) returned error %ld", r.error);
	csr_set(sie, SIE_STIE);
	csr_set(sstatus, SSTATUS_SIE);
	__asm__ volatile("1: j 1b" ::: "memory");
	report_fail("the endless loop ended");
	return report_summary();
}
