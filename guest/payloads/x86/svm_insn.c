/* SVM instructions in a guest: testvisor hides SVM (EFER.SVME reads 0), so VMRUN, VMLOAD
 * and VMSAVE raise #UD at the instruction, as on a CPU where SVM is not enabled. The
 * exception is injected by testvisor when the guest runs under it. */
#include <libtv.h>
#include "trap.h"

static volatile uint64_t ud_rip;
static volatile unsigned ud_count;

static bool on_ud(struct trap_frame *f)
{
	ud_rip = f->rip;
	ud_count++;
	f->rip += 3; /* all three are 0f 01 xx */
	return true;
}

#define EXPECT_UD(name, bytes)                                                          \
	do {                                                                            \
		uint64_t at;                                                            \
		unsigned before = ud_count;                                             \
		__asm__ volatile("lea 1f(%%rip), %0\n\txor %%eax, %%eax\n1: .byte " bytes \
				 : "=&r"(at) :: "rax", "memory");                       \
		report(ud_count == before + 1 && ud_rip == at, name " raises #UD at the instruction"); \
	} while (0)

int main(int argc, char **argv)
{
	trap_install(6, on_ud);
	EXPECT_UD("VMRUN", "0x0f, 0x01, 0xd8");
	EXPECT_UD("VMLOAD", "0x0f, 0x01, 0xda");
	EXPECT_UD("VMSAVE", "0x0f, 0x01, 0xdb");
	trap_install(6, NULL);
	return report_summary();
}
