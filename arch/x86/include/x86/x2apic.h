/* A vCPU's local APIC in x2APIC mode: IA32_APIC_BASE (per CPU: enable, x2APIC mode, BSP)
 * and the x2APIC MSRs ID, version, TPR, PPR, EOI, LDR, SVR, ISR, TMR, IRR, ESR, ICR, the
 * six LVTs, the timer's initial/current count and divide configuration, and SELF IPI.
 * ICR: INIT and STARTUP to physical destinations or the shorthands, fixed IPIs to
 * physical or logical destinations or the shorthands; fixed
 * interrupts (IPIs, the timer, the I/O APIC) go through IRR and ISR (x86/apic_irq.h),
 * the timer counts as x86/apic_timer.h says. xAPIC mode's MMIO page is x86/xapic.h.
 * Intel SDM vol. 3 §10.4.4 (IA32_APIC_BASE), §10.4.7.2 (software disable masks the
 * LVTs), §10.12 (x2APIC: MSR 0x800 + register offset / 16, states and transitions
 * §10.12.5, ICR §10.12.9, LDR §10.12.10.2, SELF IPI §10.12.11), §10.6.1 (ICR fields),
 * §10.5.1 (LVT fields). Pure logic, host-tested (test_x86_x2apic); exits go through
 * msr_view.c. */
#ifndef X86_X2APIC_H
#define X86_X2APIC_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/msr_view.h>
#include <x86/apic_irq.h>
#include <x86/apic_timer.h>

#define X2APIC_BASE_ADDR 0xFEE00000ull
#define APIC_BASE_BSP (1ull << 8)
#define APIC_BASE_EXTD (1ull << 10)
#define APIC_BASE_EN (1ull << 11)
#define X2APIC_MSR_FIRST 0x800
#define X2APIC_MSR_LAST 0x8FF
#define X2APIC_VERSION 0x00050014u /* version 0x14, 6 LVT entries: QEMU's APIC */

#define X2APIC_NR_LVT 6 /* timer, thermal, performance, LINT0, LINT1, error: MSR 0x832.. */
#define APIC_SVR_ENABLE (1u << 8)
#define APIC_ESR_SEND_ILLEGAL (1u << 5)
#define APIC_ESR_RECV_ILLEGAL (1u << 6)

struct x2apic {
	uint64_t apic_base;
	uint32_t tpr, svr, esr;
	uint64_t icr;
	uint32_t lvt[X2APIC_NR_LVT - 1]; /* thermal .. error (the timer's is in `timer`) */
	struct apic_timer timer;
	struct apic_vec irr, isr;
	bool nmi_pending;         /* an NMI arrived and the CPU has not taken it yet */
	uint32_t ldr, dfr;        /* xAPIC mode's logical ID (31:24) and model (31:28) */
	uint32_t icr_high;        /* xAPIC mode's ICR destination (31:24) */
};

enum ipi_kind { IPI_NONE, IPI_INIT, IPI_STARTUP, IPI_FIXED, IPI_NMI, IPI_OTHER };
enum ipi_shorthand { IPI_DEST, IPI_SELF, IPI_ALL, IPI_ALL_BUT_SELF };

struct ipi {
	enum ipi_kind kind;
	enum ipi_shorthand shorthand;
	uint32_t dest;       /* x2APIC ID, with IPI_DEST */
	uint8_t vector;      /* STARTUP: the page the AP starts at; FIXED: the vector */
	unsigned mode;       /* ICR delivery mode, for the message of IPI_OTHER */
	bool logical;        /* destination mode logical: cluster 31:16, members 15:0 (fixed
			      * IPIs; logical INIT/STARTUP are IPI_OTHER) */
};

/* Reset state of vCPU `id`: enabled, xAPIC mode; an AP's LVTs masked and its APIC
 * software-disabled; the BSP (0) as QEMU's firmware leaves it (enabled, LINT0 ExtINT,
 * LINT1 NMI). */
void x2apic_reset(struct x2apic *a, unsigned id);
enum msr_result x2apic_base_write(struct x2apic *a, uint64_t val);
/* An access to MSR 0x800-0x8FF at time `now_ns` (the timer's clock). A write to the ICR
 * or SELF IPI fills *ipi (kind IPI_NONE otherwise). */
enum msr_result x2apic_msr_read(const struct x2apic *a, unsigned id, uint32_t msr,
				uint64_t now_ns, uint64_t *val);
enum msr_result x2apic_msr_write(struct x2apic *a, uint32_t msr, uint64_t val, uint64_t now_ns,
				 struct ipi *ipi);
/* The register `msr` (0x800 + xAPIC offset / 16) in either mode, as an x2APIC MSR access
 * would do it: for x2apic_msr_read/write and the xAPIC page (xapic.c), which checks the
 * mode itself. */
enum msr_result apic_reg_read(const struct x2apic *a, unsigned id, uint32_t msr,
			      uint64_t now_ns, uint64_t *val);
enum msr_result apic_reg_write(struct x2apic *a, uint32_t msr, uint64_t val, uint64_t now_ns,
			       struct ipi *ipi);
/* A fixed interrupt arrives: its IRR bit is set (vectors 0-15 are illegal: ESR). */
void x2apic_accept(struct x2apic *a, uint8_t vector);
/* The timer's expiry, if due at `now_ns`, becomes a fixed interrupt; true when it did. */
bool x2apic_timer_poll(struct x2apic *a, uint64_t now_ns);
/* The vector the CPU takes next (-1: none; none while the APIC is software-disabled). */
int x2apic_next_irq(const struct x2apic *a);
/* Whether an IPI goes to the vCPU `target` when sent by `self`. */
bool ipi_targets(const struct ipi *ipi, unsigned self, unsigned target);
/* The same with the target's APIC, whose LDR and DFR decide a logical destination while
 * it is in xAPIC mode. */
bool ipi_targets_apic(const struct ipi *ipi, unsigned self, unsigned target,
		      const struct x2apic *target_apic);
/* Whether logical destination `dest` (x2APIC: 32 bits; xAPIC: 8 bits, flat or cluster by
 * the DFR) names APIC `a` with ID `id`. */
bool apic_logical_match(const struct x2apic *a, unsigned id, uint32_t dest);

#endif
