/* The host's GICv3: testvisor's preemption tick, the EL2 physical timer (PPI 10, INTID 26),
 * fires while a guest runs, IRQs are routed to EL2 (HCR_EL2.IMO), and the exit returns
 * control to the core, which enforces the VM's time budget. The PPIs of the guest's own
 * timers (virtual 27, EL1 physical 30: VGIC_FORWARDED_PPIS) are forwarded to the running
 * guest (vgic.c). EOImode 1: EOIR only drops the priority, so a
 * forwarded interrupt stays active until the guest deactivates it through the list
 * register's hardware link; testvisor deactivates its own with DIR. */
#include <stdint.h>
#include <hv/arch_if.h>
#include <arm64/platform.h>
#include <arm64/sysreg.h>
#include "arm64.h"

#define GICD_CTLR 0x0000
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)
#define GICR_WAKER 0x0014
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_SGI 0x10000
#define GICR_IGROUPR0 (GICR_SGI + 0x080)
#define GICR_ISENABLER0 (GICR_SGI + 0x100)
#define GICR_ICENABLER0 (GICR_SGI + 0x180)
#define GICR_IPRIORITYR (GICR_SGI + 0x400)
#define INTID_HYP_TIMER 26
#define INTID_SPURIOUS 1023
#define ICC_SRE_EL2 s3_4_c12_c9_5
#define ICC_IAR1_EL1 s3_0_c12_c12_0
#define ICC_EOIR1_EL1 s3_0_c12_c12_1
#define ICC_PMR_EL1 s3_0_c4_c6_0
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7
#define ICC_CTLR_EL1 s3_0_c12_c12_4
#define ICC_DIR_EL1 s3_0_c12_c11_1
#define ICC_CTLR_EOIMODE (1ull << 1)
#define TICK_MS 10

static volatile uint32_t *reg32(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

void gic_host_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	/* System register interface at EL2, and let EL1 use its own (ICC_SRE_EL1). */
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	*reg32(VIRT_GICD_BASE, GICD_CTLR) |= GICD_CTLR_ARE | GICD_CTLR_GRP1;
	*reg32(VIRT_GICR_BASE, GICR_WAKER) &= ~GICR_WAKER_SLEEP;
	while (*reg32(VIRT_GICR_BASE, GICR_WAKER) & GICR_WAKER_ASLEEP)
		;
	/* Only the two timers: firmware (EDK2) may have left its own PPIs enabled. */
	uint32_t ours = (1u << INTID_HYP_TIMER) | VGIC_FORWARDED_PPIS;
	*reg32(VIRT_GICR_BASE, GICR_ICENABLER0) = ~ours;
	*reg32(VIRT_GICR_BASE, GICR_IGROUPR0) |= ours;
	*(volatile uint8_t *)(uintptr_t)(VIRT_GICR_BASE + GICR_IPRIORITYR + INTID_HYP_TIMER) = 0x80;
	for (unsigned i = 0; i < 32; i++)
		if (VGIC_FORWARDED_PPIS & (1u << i))
			*(volatile uint8_t *)(uintptr_t)(VIRT_GICR_BASE + GICR_IPRIORITYR + i) = 0xa0;
	*reg32(VIRT_GICR_BASE, GICR_ISENABLER0) = ours;
	write_sysreg(ICC_CTLR_EL1, read_sysreg(ICC_CTLR_EL1) | ICC_CTLR_EOIMODE);
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
}

/* Arms the tick for the next slice, or earlier when the deadline comes first; 0 disarms. */
void tick_arm(uint64_t deadline)
{
	if (!deadline) {
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	uint64_t now = arch_cycles(), slice = arch_cycles_hz() / 1000 * TICK_MS;
	uint64_t when = now + slice;
	if (deadline < when)
		when = deadline;
	write_sysreg(cnthp_cval_el2, when);
	write_sysreg(cnthp_ctl_el2, 1);
	isb();
}

/* A VM is gone: a forwarded PPI it left active (its EOI never came) is deactivated, so
 * that the next VM's timers can fire. */
#define GICR_ICACTIVER0 (GICR_SGI + 0x380)
void gic_forwarded_release(void)
{
	*reg32(VIRT_GICR_BASE, GICR_ICACTIVER0) = VGIC_FORWARDED_PPIS;
}

void gic_ppi_deactivate(unsigned intid)
{
	*reg32(VIRT_GICR_BASE, GICR_ICACTIVER0) = 1u << intid;
}

void gic_ppi_unmask(unsigned intid)
{
	*reg32(VIRT_GICR_BASE, GICR_ISENABLER0) = 1u << intid;
}

enum host_irq gic_handle_irq(struct vcpu *vcpu)
{
	uint64_t intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
	if (intid == INTID_SPURIOUS)
		return HOST_IRQ_NONE;
	write_sysreg(ICC_EOIR1_EL1, intid); /* priority drop */
	bool forwarded = intid < 32 && (VGIC_FORWARDED_PPIS & (1u << intid));
	if (forwarded && vgic_inject_forwarded(vcpu, (unsigned)intid))
		return HOST_IRQ_FORWARDED; /* the guest deactivates it */
	if (forwarded) /* the guest has not enabled it: keep it quiet until then */
		*reg32(VIRT_GICR_BASE, GICR_ICENABLER0) = 1u << intid;
	if (intid == INTID_HYP_TIMER)
		write_sysreg(cnthp_ctl_el2, 0); /* stop asserting until re-armed */
	write_sysreg(ICC_DIR_EL1, intid);
	isb();
	return intid == INTID_HYP_TIMER ? HOST_IRQ_TICK : HOST_IRQ_NONE;
}
