/* A guest that faults in its own trap handler, forever: stvec points at an illegal
 * instruction inside the guest's own RAM, so every trap traps again at the vector. Unlike
 * `wild` (stvec = 0, outside the guest's memory) the loop stays inside VS-mode and
 * testvisor never sees an exit for it: only its time budget can stop the guest. Guest mode
 * only (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <riscv_csr.h>

void illegal_vector(void);
__asm__(".pushsection .text\n"
	".balign 4\n"
	".globl illegal_vector\n"
	"illegal_vector:\n"
	"	.word 0\n" /* the all-zero word is a defined illegal instruction */
	".popsection\n");

int main(int argc, char **argv)
{
	report_pass("about to trap with a trap vector that traps itself");
	csr_write(stvec, (unsigned long)illegal_vector);
	__asm__ volatile("ebreak");
	report_fail("still running after a trap in the trap handler");
	return report_summary();
}
