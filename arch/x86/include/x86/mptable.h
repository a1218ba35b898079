/* The Intel MultiProcessor Specification 1.4 tables a -kernel guest finds on QEMU's PC
 * machines, where SeaBIOS writes them (src/fw/mptable.c, mptable_setup): the floating
 * pointer structure ("_MP_", 16 bytes, in the BIOS area 0xF0000-0xFFFFF that Linux scans,
 * arch/x86/kernel/mpparse.c default_find_smp_config) and the configuration table ("PCMP")
 * after it: one processor entry per vCPU (local APIC ID = vCPU number, enabled, the BSP
 * flagged), an ISA bus, the I/O APIC (ID 0, version 0x20, 0xFEC00000), an I/O interrupt
 * entry per ISA IRQ 0-15 (IRQ 0 to INTIN 2, IRQ 2 left out: QEMU's irq0-override, as
 * ioapic_isa_gsi), ExtINT on LINT0 of the BSP and NMI on LINT1 of all APICs. No PCI bus
 * (testvisor's guests have none). Checksums make each structure's bytes sum to 0.
 * Sources: MP spec 1.4 §4.1 (floating pointer), §4.2 (header), §4.3 (entries: processor
 * 20 bytes, bus, I/O APIC, I/O and local interrupt assignment 8 bytes each).
 * Pure logic, host-tested (test_x86_mptable). */
#ifndef X86_MPTABLE_H
#define X86_MPTABLE_H

#include <stddef.h>
#include <stdint.h>

#define MPTABLE_ADDR 0xF0000u   /* where testvisor puts the floating pointer */
#define MPTABLE_MAX_CPUS 64
/* Bytes the two structures take for `nr_cpus`. */
#define MPTABLE_SIZE(nr_cpus) (16u + 44u + 20u * (nr_cpus) + 8u * (1u + 1u + 15u + 2u))

/* Writes both at guest-physical `gpa` (the floating pointer first) into `buf`, which has
 * MPTABLE_SIZE(nr_cpus) bytes; `cpu_signature` and `cpu_features` are CPUID 1's EAX and
 * EDX as the processor entries carry them. Returns the bytes written (0: too many CPUs). */
size_t mptable_build(uint8_t *buf, uint32_t gpa, unsigned nr_cpus, uint32_t cpu_signature,
		     uint32_t cpu_features);

#endif
