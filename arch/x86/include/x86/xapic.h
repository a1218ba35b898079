/* A vCPU's local APIC in xAPIC mode: the 4 KiB MMIO page at IA32_APIC_BASE (0xFEE00000),
 * each register 32 bits at a 16-byte-aligned offset, the same registers as the x2APIC
 * MSRs (MSR 0x800 + offset / 16, x86/x2apic.h) but for: the ID in bits 31:24 (read-only
 * here: testvisor does not renumber APICs, **assumption**, as SeaBIOS never does); the
 * LDR (0x0D0, logical ID 31:24) and DFR (0x0E0, model 31:28) writable; the ICR as two
 * registers, 0x310 the destination (31:24) and 0x300, whose write sends; writes of any
 * value to EOI and ESR; no SELF IPI. Linux starts in this mode on a machine whose firmware
 * did not turn x2APIC on (QEMU's pc/q35 with SeaBIOS, arch/x86/kernel/apic/apic.c
 * register_lapic_address, native_apic_mem_read/write: 32-bit MOVs).
 * Reserved offsets read 0 and drop writes, setting ESR's illegal-register bit (7), as
 * QEMU does (hw/intc/apic.c apic_mem_read/apic_mem_write); so do accesses while the APIC
 * is in x2APIC mode or disabled (**assumption**: the SDM leaves them undefined).
 * Sources: Intel SDM vol. 3 §10.4.1 (Table 10-1, register offsets), §10.6.1 (ICR),
 * §10.6.2.2 (LDR, DFR), §10.12.1.2 (the MSR/MMIO correspondence). Pure logic, host-tested
 * (test_x86_xapic). */
#ifndef X86_XAPIC_H
#define X86_XAPIC_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/x2apic.h>

#define XAPIC_MMIO_SIZE 0x1000
#define APIC_ESR_ILLEGAL_REG (1u << 7)

/* A guest access of `size` bytes at offset `off` of the page. Only 32-bit accesses to a
 * register's first bytes are carried out; others read 0 and drop writes. A write to the
 * ICR's low half fills *ipi (kind IPI_NONE otherwise). */
void xapic_mmio_read(struct x2apic *a, unsigned id, uint64_t off, unsigned size,
		     uint64_t now_ns, uint64_t *val);
void xapic_mmio_write(struct x2apic *a, uint64_t off, unsigned size, uint32_t val,
		      uint64_t now_ns, struct ipi *ipi);

#endif
