/* Builds and loads a 256-entry IDT of interrupt gates over the stubs of vectors.inc.
 * Shared by testvisor and the payloads (both run at CPL 0 with code selector 0x08). */
#ifndef X86_IDT_H
#define X86_IDT_H

#include <stdint.h>

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate is 16 bytes");

#define IDT_INTERRUPT_GATE 0x8E /* present, DPL 0, 64-bit interrupt gate (IF cleared) */
#define IDT_CODE_SELECTOR 0x08

extern const uint64_t x86_vector_stubs[256];

static inline void idt_load(struct idt_gate idt[256])
{
	for (unsigned v = 0; v < 256; v++) {
		uint64_t a = x86_vector_stubs[v];
		idt[v] = (struct idt_gate){
			.offset_lo = (uint16_t)a, .selector = IDT_CODE_SELECTOR,
			.type_attr = IDT_INTERRUPT_GATE, .offset_mid = (uint16_t)(a >> 16),
			.offset_hi = (uint32_t)(a >> 32),
		};
	}
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = {
		256 * sizeof(struct idt_gate) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" :: "m"(ptr));
}

#endif
