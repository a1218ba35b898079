/* The two 8259A interrupt controllers of QEMU's PC machines (hw/intc/i8259.c; master at
 * ports 0x20-0x21, slave at 0xA0-0xA1) as registers only: the initialization sequence
 * (ICW1 written to the command port with D4 set, then ICW2, ICW3 unless SNGL, ICW4 if
 * IC4, to the data port), OCW1 (the interrupt mask, read back from the data port), OCW2
 * (EOI and priority commands, accepted), OCW3 (which of IRR and ISR the command port
 * reads). Nothing is ever requested: IRR and ISR read 0, and no interrupt goes to LINT0
 * (**difference**: devices raise their interrupts through the I/O APIC only). Linux probes
 * the master's mask register (arch/x86/kernel/i8259.c probe_8259A: it must read back what
 * was written) and only with a PIC found sets up the 16 ISA interrupts, the PIT's IRQ 0
 * among them ("Using NULL legacy PIC" otherwise, and its timer interrupt fails to
 * register). Reset state: the masks SeaBIOS leaves (src/hw/pic.c pic_setup: all masked
 * but the master's cascade input 2). Source: Intel 8259A datasheet (231468), "Programming
 * the 8259A". Pure logic, host-tested (test_x86_pic8259). */
#ifndef X86_PIC8259_H
#define X86_PIC8259_H

#include <stdbool.h>
#include <stdint.h>

#define PIC_MASTER_PORT 0x20u
#define PIC_SLAVE_PORT 0xA0u

struct pic8259 {
	uint8_t imr;
	uint8_t init_step;   /* 0: initialized; 1-3: ICW2-ICW4 expected next */
	bool single, icw4;   /* from ICW1 */
	bool read_isr;       /* OCW3 RR/RIS */
	uint8_t vector_base; /* ICW2 */
};

void pic8259_reset(struct pic8259 *p, bool master);
/* Port offset 0 (command) or 1 (data). */
uint8_t pic8259_read(const struct pic8259 *p, unsigned off);
void pic8259_write(struct pic8259 *p, unsigned off, uint8_t val);

#endif
