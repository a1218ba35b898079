/* A guest testvisor must stop: it points its trap vector at an address where nothing is
 * and then takes an exception, so every trap would fault again at the vector. Guest mode
 * only (on bare QEMU it would loop until the timeout); the manifest expects testvisor to
 * stop it (expect=stopped) with its registers and the reason. */
#include <libtv.h>
#include <riscv_csr.h>

int main(int argc, char **argv)
{
	report_prefix_push("wild");
	report_pass("about to take an exception with stvec pointing at address 0");
	csr_write(stvec, 0);
	__asm__ volatile("ebreak");
	report_fail("still running after the exception");
	return report_summary();
}
