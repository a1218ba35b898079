/* An unknown hypercall (VMMCALL with a number testvisor does not define) is a payload bug:
 * testvisor stops the guest with the number in the reason. Guest mode only
 * (expect=stopped). */
#include <libtv.h>

#define UNDEFINED_HYPERCALL 0xdead

int main(int argc, char **argv)
{
	report_pass("about to make hypercall %#x", UNDEFINED_HYPERCALL);
	uint64_t rax = UNDEFINED_HYPERCALL;
	__asm__ volatile("vmmcall" : "+a"(rax) :: "memory");
	report_fail("unknown hypercall returned %#lx", (unsigned long)rax);
	return report_summary();
}
