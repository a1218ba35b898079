#include "gic.h"
#include <fdt.h>
#include <platform.h>
#include "arm64.h"

#define GICR_STRIDE 0x20000
#define GICR_SGI 0x10000
#define ICC_IAR1_EL1 s3_0_c12_c12_0
#define ICC_EOIR1_EL1 s3_0_c12_c12_1
#define ICC_PMR_EL1 s3_0_c4_c6_0
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7
#define ICC_SRE_EL1 s3_0_c12_c12_5

static uint64_t gicd, gicr;

static volatile uint32_t *reg(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

bool gic_init(unsigned cpu)
{
	const void *fdt = platform_fdt();
	int node = fdt_path_offset(fdt, "/intc");
	int len;
	const uint8_t *r = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (!r || len < 32)
		return false;
	gicd = fdt_read_cells(r, 2);
	gicr = fdt_read_cells(r + 16, 2);
	*reg(gicd, 0) |= (1u << 4) | (1u << 1);           /* GICD_CTLR: ARE, group 1 */
	uint64_t rd = gicr + (uint64_t)cpu * GICR_STRIDE;
	*reg(rd, 0x14) &= ~(1u << 1);                     /* GICR_WAKER: wake up */
	while (*reg(rd, 0x14) & (1u << 2))
		;
	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	return true;
}

void gic_enable_private(unsigned cpu, unsigned intid, uint8_t priority)
{
	uint64_t sgi = gicr + (uint64_t)cpu * GICR_STRIDE + GICR_SGI;
	*reg(sgi, 0x80) |= 1u << intid;                   /* group 1 */
	*(volatile uint8_t *)(uintptr_t)(sgi + 0x400 + intid) = priority;
	*reg(sgi, 0x100) = 1u << intid;                   /* enable */
}

volatile uint32_t *gic_dist_reg(unsigned offset) { return reg(gicd, offset); }

volatile uint32_t *gic_sgi_frame_reg(unsigned cpu, unsigned offset)
{
	return reg(gicr + (uint64_t)cpu * GICR_STRIDE + GICR_SGI, offset);
}

unsigned gic_ack(void) { return (unsigned)(read_sysreg(ICC_IAR1_EL1) & 0xffffff); }

void gic_eoi(unsigned intid) { write_sysreg(ICC_EOIR1_EL1, intid); }
