/* A guest that faults in its own exception handler, forever: VBAR_EL1 points at a vector
 * table whose every entry is UDF, so each exception raises another at the same vector,
 * inside EL1, without an exit to testvisor. Only its time budget can stop the guest.
 * Guest mode only (expect=stopped stop_reason=budget). */
#include <libtv.h>

void udf_vectors(void);
/* 16 vectors of 0x80 bytes, table aligned to 2 KiB (Arm ARM D1.3.1, VBAR_EL1). */
__asm__(".pushsection .text\n"
	".balign 2048\n"
	".globl udf_vectors\n"
	"udf_vectors:\n"
	".rept 16\n"
	"	udf #0\n"
	"	.balign 0x80\n"
	".endr\n"
	".popsection\n");

int main(int argc, char **argv)
{
	report_pass("about to fault with a handler that faults itself");
	__asm__ volatile("msr vbar_el1, %0; isb; udf #1" :: "r"(udf_vectors) : "memory");
	report_fail("still running after a fault in the fault handler");
	return report_summary();
}
