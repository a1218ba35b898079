/* Long-mode exception delivery in software (x86/idt_delivery.h). */
#include <stddef.h>
#include <string.h>
#include <x86/idt_delivery.h>

#define GATE_TYPE_INTERRUPT 0xe
#define GATE_TYPE_TRAP 0xf
#define GATE_PRESENT 0x80
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_IF (1ull << 9)
#define RFLAGS_NT (1ull << 14)
#define RFLAGS_RF (1ull << 16)
#define RFLAGS_VM (1ull << 17)

const char *idt_deliver64(const struct idt_delivery_in *in, struct idt_delivery_out *out)
{
	const uint8_t *g = in->gate;
	uint8_t type_attr = g[5];
	unsigned type = type_attr & 0xf, ist = g[4] & 7;
	if (!(type_attr & GATE_PRESENT))
		return "the IDT gate is not present (#NP on hardware)";
	if (type != GATE_TYPE_INTERRUPT && type != GATE_TYPE_TRAP)
		return "the IDT entry is not a 64-bit interrupt or trap gate";
	if (ist)
		return "the IDT gate names an IST stack (not modelled)";
	if (in->cpl != 0)
		return "the exception interrupts CPL > 0 (a stack switch, not modelled)";
	uint16_t selector = (uint16_t)(g[2] | g[3] << 8);
	uint64_t offset = (uint64_t)(g[0] | g[1] << 8) | (uint64_t)(g[6] | g[7] << 8) << 16 |
			  (uint64_t)(g[8] | g[9] << 8 | g[10] << 16 | (uint32_t)g[11] << 24) << 32;
	/* The CPU aligns the new stack to 16 bytes, then pushes SS, RSP, RFLAGS, CS, RIP and
	 * the error code (APM vol. 2 §8.9.3, §8.9.4). */
	uint64_t top = in->rsp & ~0xfull;
	out->frame_gva = top - sizeof(out->frame);
	out->frame[0] = in->error_code;
	out->frame[1] = in->rip;
	out->frame[2] = in->cs;
	out->frame[3] = in->rflags;
	out->frame[4] = in->rsp;
	out->frame[5] = in->ss;
	out->rip = offset;
	out->rsp = out->frame_gva;
	out->cs = selector;
	out->rflags = in->rflags & ~(RFLAGS_TF | RFLAGS_NT | RFLAGS_RF | RFLAGS_VM |
				     (type == GATE_TYPE_INTERRUPT ? RFLAGS_IF : 0));
	return NULL;
}
