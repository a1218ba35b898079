/* The I/O APIC of QEMU's PC machines (q35 and pc) as an MMIO register model: IOREGSEL
 * at 0x00, IOWIN at 0x10, EOI at 0x40 (version 0x20); registers ID (0x00, bits 27:24),
 * version (0x01: 0x20 with 24 redirection entries, max index 23 in bits 23:16),
 * arbitration (0x02, reads as the ID) and the redirection table (0x10 + 2n low half,
 * 0x11 + 2n high half). Entries power up masked; delivery status (12) and remote IRR
 * (14) are read-only. An unmasked entry sends its message on a rising edge of its input.
 * Sources: Intel 82093AA I/O APIC datasheet §3.0 (registers, IOREDTBL fields); QEMU
 * hw/intc/ioapic.c (ioapic_mem_read/write, IOAPIC_VER_DEF 0x20, IOAPIC_NUM_PINS 24,
 * IOAPIC_RO_BITS, reset value IOAPIC_LVT_MASKED), hw/intc/ioapic_internal.h. Level-
 * triggered entries are delivered on the edge too and remote IRR is never set
 * (**assumption**: no level-triggered source is modelled). Pure logic, host-tested
 * (test_x86_ioapic). */
#ifndef X86_IOAPIC_H
#define X86_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#define IOAPIC_BASE_ADDR 0xFEC00000ull
#define IOAPIC_MMIO_SIZE 0x1000
#define IOAPIC_PINS 24
#define IOAPIC_VERSION (0x20u | (IOAPIC_PINS - 1u) << 16)
#define IOAPIC_REDIR_MASKED (1ull << 16)

struct ioapic {
	uint32_t id;       /* bits 27:24 of register 0 */
	uint8_t regsel;
	uint32_t lines;    /* input levels, one bit per pin */
	uint64_t redir[IOAPIC_PINS];
};

/* What an entry sends to the local APICs (82093AA IOREDTBL). */
struct ioapic_msg {
	uint8_t vector;
	unsigned mode;     /* 000 fixed, 001 lowest priority, ... 111 ExtINT */
	bool logical;
	uint8_t dest;      /* bits 63:56 */
};

void ioapic_reset(struct ioapic *io);
/* An access at `off` in the MMIO window; false for one the model refuses (not 32 bits
 * where 32 are needed). */
bool ioapic_read(struct ioapic *io, uint64_t off, unsigned size, uint64_t *val);
bool ioapic_write(struct ioapic *io, uint64_t off, unsigned size, uint64_t val);
/* Drives input `pin`; true (with *msg) when that is a rising edge on an unmasked entry. */
bool ioapic_set_line(struct ioapic *io, unsigned pin, bool level, struct ioapic_msg *msg);
/* ISA IRQ -> global system interrupt: QEMU's MADT overrides IRQ 0 to GSI 2
 * (hw/i386/acpi-common.c, the interrupt source override); the rest map 1:1. */
unsigned ioapic_isa_gsi(unsigned irq);

#endif
