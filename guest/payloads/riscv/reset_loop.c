/* A guest that resets itself over and over: SBI SRST warm reboot (SBI v3.0 §10.1, type 2)
 * and, when that returns (srst_reboot=not_supported), the virt machine's test finisher
 * reset (value 0x7777 at 0x100000, QEMU hw/misc/sifive_test.c). On QEMU each reboots the
 * machine and the payload starts again; testvisor must stop the guest at the first
 * reset it cannot honour with a one-line reason. Guest mode only (expect=stopped
 * stop_reason=reset). */
#include <libtv.h>
#include <sbi.h>

#define EXT_SRST 0x53525354UL
#define SRST_WARM_REBOOT 2
#define SRST_REASON_NONE 0
#define TEST_FINISHER ((volatile uint32_t *)0x100000)
#define FINISHER_RESET 0x7777

int main(int argc, char **argv)
{
	report_pass("about to reset in a loop");
	for (;;) {
		sbi_ecall(EXT_SRST, 0, SRST_WARM_REBOOT, SRST_REASON_NONE, 0, 0, 0, 0);
		*TEST_FINISHER = FINISHER_RESET;
	}
	return report_summary();
}
