/* A payload's GICv3, found in the DTB (/intc): distributor, this CPU's redistributor and
 * the system-register CPU interface, for payloads that take interrupts. */
#ifndef GUEST_ARM64_GIC_H
#define GUEST_ARM64_GIC_H

#include <stdbool.h>
#include <stdint.h>

/* Enables group 1 in the distributor, wakes redistributor `cpu` (MPIDR Aff0 order) and
 * turns on the CPU interface (SRE, PMR, IGRPEN1). False when the DTB has no GICv3. */
bool gic_init(unsigned cpu);
/* Enables SGI/PPI `intid` as group 1 on redistributor `cpu`. */
void gic_enable_private(unsigned cpu, unsigned intid, uint8_t priority);
/* A 32-bit register of the distributor (GICD_ISENABLER<n> at 0x100, ...). */
volatile uint32_t *gic_dist_reg(unsigned offset);
/* A 32-bit register of redistributor `cpu`'s SGI/PPI frame (GICR_IGROUPR0 at 0x80, ...). */
volatile uint32_t *gic_sgi_frame_reg(unsigned cpu, unsigned offset);
/* Acknowledges the highest pending interrupt (1023: none) / ends it. */
unsigned gic_ack(void);
void gic_eoi(unsigned intid);

#endif
