/* A local APIC's interrupt bookkeeping: the 256-bit IRR and ISR, the processor priority
 * and which pending vector the CPU takes next. Intel SDM vol. 3 §10.8.3 (priority:
 * class = vector >> 4; PPR from TPR and the highest in-service vector, §10.8.3.1),
 * §10.8.4 (IRR -> ISR when the CPU accepts, the highest ISR bit cleared by EOI, §10.8.5).
 * Pure logic, host-tested (test_x86_apic_irq). */
#ifndef X86_APIC_IRQ_H
#define X86_APIC_IRQ_H

#include <stdbool.h>
#include <stdint.h>

struct apic_vec {
	uint32_t w[8]; /* bit v % 32 of word v / 32: the register at 0x100 + 0x10 * (v / 32) */
};

void apic_vec_set(struct apic_vec *r, uint8_t v);
bool apic_vec_test(const struct apic_vec *r, uint8_t v);
/* The highest vector set, -1 when none is. */
int apic_vec_highest(const struct apic_vec *r);

/* PPR: TPR when TPR[7:4] >= ISRV[7:4], else ISRV & 0xF0 (isrv -1: nothing in service). */
uint32_t apic_ppr(uint32_t tpr, int isrv);
/* The vector the CPU would take now: the highest in IRR whose class is above PPR's class;
 * -1 when none qualifies. */
int apic_irq_next(const struct apic_vec *irr, const struct apic_vec *isr, uint32_t tpr);
/* The CPU takes `v`: IRR bit to ISR. */
void apic_irq_accept(struct apic_vec *irr, struct apic_vec *isr, uint8_t v);
/* EOI: clears the highest ISR bit; returns that vector, -1 when none was in service. */
int apic_irq_eoi(struct apic_vec *isr);
/* TPR after an exit of a guest whose CR8 writes do not exit but land in V_TPR (VMCB 0x60
 * bits 3:0, APM vol. 2 §15.21.1): a V_TPR other than TPR[7:4] was written by the guest,
 * and a MOV to CR8 clears TPR[3:0] (SDM §10.8.6.1); an unchanged V_TPR keeps TPR as an
 * x2APIC TPR write left it (**assumption**: a CR8 write of the same class is not seen). */
uint32_t apic_tpr_from_v_tpr(uint32_t tpr, unsigned v_tpr);

#endif
