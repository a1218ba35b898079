/* A guest that faults in its own fault handler, forever: every exception vector points at
 * a handler whose first instruction is UD2 (after resetting the stack, so the loop never
 * grows it into a triple fault). Only testvisor's time budget can stop it. Guest mode only
 * (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <idt.h>

uint8_t handler_stack[4096] __attribute__((aligned(16)));
static struct idt_gate idt[32] __attribute__((aligned(16)));

void faulting_handler(void);
__asm__(".pushsection .text\n"
	".globl faulting_handler\n"
	"faulting_handler:\n"
	"	lea handler_stack+4096(%rip), %rsp\n"
	"	ud2\n"
	".popsection\n");

int main(int argc, char **argv)
{
	uint64_t a = (uint64_t)faulting_handler;
	uint16_t cs;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	for (unsigned v = 0; v < 32; v++)
		idt[v] = (struct idt_gate){ .offset_lo = (uint16_t)a, .selector = cs,
					    .type_attr = IDT_INTERRUPT_GATE,
					    .offset_mid = (uint16_t)(a >> 16),
					    .offset_hi = (uint32_t)(a >> 32) };
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = {
		sizeof(idt) - 1, (uint64_t)idt };
	report_pass("about to fault with a handler that faults itself");
	__asm__ volatile("lidt %0; ud2" :: "m"(ptr) : "memory");
	report_fail("still running after a fault in the fault handler");
	return report_summary();
}
