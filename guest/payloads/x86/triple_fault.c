/* A guest that triple-faults: an empty IDT turns int3 into #GP, #DF, then shutdown.
 * testvisor must stop the guest and report it. Guest mode only (expect=stopped). */
#include <libtv.h>

int main(int argc, char **argv)
{
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) empty = { 0, 0 };
	report_pass("about to triple-fault");
	__asm__ volatile("lidt %0; int3" :: "m"(empty) : "memory");
	report_fail("still running after a triple fault");
	return report_summary();
}
