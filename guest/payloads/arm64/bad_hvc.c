/* An HVC that is not an SMCCC call (non-zero immediate): testvisor must stop the guest and
 * say why (expect=stopped in the manifest). Surviving it is a failure. */
#include <libtv.h>

int main(int argc, char **argv)
{
	report_pass("about to call HVC #0x77");
	__asm__ volatile("mov x0, #0\n hvc #0x77" ::: "x0", "memory");
	report_fail("HVC #0x77 returned to the guest");
	return report_summary();
}
