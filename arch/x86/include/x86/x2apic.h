/* A vCPU's local APIC as far as x86 kernels need it to start other CPUs: IA32_APIC_BASE
 * (per CPU: enable, x2APIC mode, BSP) and the x2APIC MSRs ID, version, TPR, EOI, LDR,
 * SVR, ESR and ICR, with INIT and STARTUP IPIs. No interrupt is delivered (fixed IPIs,
 * the APIC timer and the LVTs are not modelled; an IPI of those delivery modes stops the
 * guest with the reason), and xAPIC mode's MMIO page is not mapped. Intel SDM vol. 3
 * §10.4.4 (IA32_APIC_BASE), §10.12 (x2APIC: MSR 0x800 + register offset / 16, states and
 * transitions §10.12.5, ICR §10.12.9, LDR §10.12.10.2), §10.6.1 (ICR fields). Pure logic,
 * host-tested (test_x86_x2apic); exits go through msr_view.c. */
#ifndef X86_X2APIC_H
#define X86_X2APIC_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/msr_view.h>

#define X2APIC_BASE_ADDR 0xFEE00000ull
#define APIC_BASE_BSP (1ull << 8)
#define APIC_BASE_EXTD (1ull << 10)
#define APIC_BASE_EN (1ull << 11)
#define X2APIC_MSR_FIRST 0x800
#define X2APIC_MSR_LAST 0x8FF
#define X2APIC_VERSION 0x00050014u /* version 0x14, 6 LVT entries: QEMU's APIC */

struct x2apic {
	uint64_t apic_base;
	uint32_t tpr, svr, esr;
	uint64_t icr;
};

enum ipi_kind { IPI_NONE, IPI_INIT, IPI_STARTUP, IPI_OTHER };
enum ipi_shorthand { IPI_DEST, IPI_SELF, IPI_ALL, IPI_ALL_BUT_SELF };

struct ipi {
	enum ipi_kind kind;
	enum ipi_shorthand shorthand;
	uint32_t dest;       /* x2APIC ID, with IPI_DEST */
	uint8_t vector;      /* STARTUP: the page the AP starts at */
	unsigned mode;       /* ICR delivery mode, for the message of IPI_OTHER */
	bool logical;        /* destination mode logical: not modelled (IPI_OTHER) */
};

/* Power-on state of vCPU `id` (the BSP is 0): enabled, xAPIC mode. */
void x2apic_reset(struct x2apic *a, unsigned id);
enum msr_result x2apic_base_write(struct x2apic *a, uint64_t val);
/* An access to MSR 0x800-0x8FF. A write to the ICR fills *ipi (kind IPI_NONE otherwise). */
enum msr_result x2apic_msr_read(const struct x2apic *a, unsigned id, uint32_t msr, uint64_t *val);
enum msr_result x2apic_msr_write(struct x2apic *a, uint32_t msr, uint64_t val, struct ipi *ipi);
/* Whether an IPI goes to the vCPU `target` when sent by `self`. */
bool ipi_targets(const struct ipi *ipi, unsigned self, unsigned target);

#endif
