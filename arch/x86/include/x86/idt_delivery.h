/* Delivering an exception through a long-mode IDT gate in software (AMD64 APM vol. 2
 * §8.9 "Long-Mode Interrupt Control Transfers"): the modelled SEV-ES CPU raises #VC this
 * way, because QEMU's TCG pushes no error code for a vector it does not know to have one
 * (29) when the exception is injected through EVENTINJ. Pure: the frame and the new state
 * from the gate and the interrupted state; only what testvisor's guests need (same
 * privilege, no IST stack) is modelled, anything else is refused with the reason. */
#ifndef X86_IDT_DELIVERY_H
#define X86_IDT_DELIVERY_H

#include <stdint.h>

struct idt_delivery_in {
	uint8_t gate[16]; /* the IDT entry */
	uint64_t rip, rsp, rflags, error_code;
	uint16_t cs, ss;
	unsigned cpl;
};

struct idt_delivery_out {
	uint64_t frame_gva; /* where frame[0] goes; the frame grows up from there */
	uint64_t frame[6];  /* error code, RIP, CS, RFLAGS, RSP, SS */
	uint64_t rip, rsp, rflags;
	uint16_t cs;
};

/* NULL, or why the delivery is not modelled. */
const char *idt_deliver64(const struct idt_delivery_in *in, struct idt_delivery_out *out);

#endif
