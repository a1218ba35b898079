/* The pending and active state of SGIs and PPIs in the redistributor (Arm IHI 0069,
 * GICR_ISPENDR0 0x0200, GICR_ICPENDR0 0x0280, GICR_ISACTIVER0 0x0300, GICR_ICACTIVER0 0x0380
 * in the SGI_base frame): setting an interrupt pending makes it readable as pending and
 * acknowledgeable; acknowledging moves it to active; EOI ends it; clearing pending or
 * active undoes either; a disabled interrupt stays pending without being delivered until
 * it is enabled. Interrupts stay masked at the CPU (PSTATE.I): everything is observed
 * through the registers and ICC_IAR1_EL1. */
#include <libtv.h>
#include <fdt.h>
#include <platform.h>
#include "arm64.h"
#include "gic.h"

#define GICR_STRIDE 0x20000
#define SGI_BASE 0x10000
#define ISENABLER0 0x100
#define ICENABLER0 0x180
#define ISPENDR0 0x200
#define ICPENDR0 0x280
#define ISACTIVER0 0x300
#define ICACTIVER0 0x380
#define SPURIOUS 1023

static volatile uint32_t *sgi_frame;

static uint32_t rd(unsigned off) { return sgi_frame[off / 4]; }
static void wr(unsigned off, uint32_t v)
{
	sgi_frame[off / 4] = v;
	__asm__ volatile("dsb sy\n isb" ::: "memory");
}

static unsigned ack(void)
{
	isb();
	return gic_ack();
}

int main(int argc, char **argv)
{
	if (!gic_init(0)) {
		report_skip("no GICv3 in the device tree");
		return report_summary();
	}
	const void *fdt = platform_fdt();
	int len, node = fdt_path_offset(fdt, "/intc");
	const uint8_t *r = fdt_getprop(fdt, node, "reg", &len);
	sgi_frame = (volatile uint32_t *)(uintptr_t)(fdt_read_cells(r + 16, 2) + SGI_BASE);
	const unsigned a = 5, b = 6, c = 7, d = 8;
	for (unsigned i = a; i <= d; i++)
		gic_enable_private(0, i, 0x80);
	wr(ICENABLER0, 1u << d);

	report(rd(ISPENDR0) == 0 && rd(ISACTIVER0) == 0, "nothing pending or active at first");
	wr(ISPENDR0, 1u << a);
	report(rd(ISPENDR0) == 1u << a && rd(ICPENDR0) == 1u << a,
	       "ISPENDR0 makes SGI %u pending (read through ISPENDR0 and ICPENDR0)", a);
	unsigned got = ack();
	report(got == a, "the pending SGI is acknowledged (IAR %u)", got);
	report(rd(ISPENDR0) == 0 && rd(ISACTIVER0) == 1u << a && rd(ICACTIVER0) == 1u << a,
	       "acknowledged: active, no longer pending");
	gic_eoi(a);
	isb();
	report(rd(ISACTIVER0) == 0, "EOI ends it: no longer active");

	wr(ISPENDR0, 1u << b);
	wr(ICPENDR0, 1u << b);
	report(rd(ISPENDR0) == 0, "ICPENDR0 clears a pending SGI");
	report(ack() == SPURIOUS, "a cleared SGI is not acknowledged");

	wr(ISACTIVER0, 1u << c);
	report(rd(ISACTIVER0) == 1u << c, "ISACTIVER0 makes SGI %u active", c);
	wr(ICACTIVER0, 1u << c);
	report(rd(ISACTIVER0) == 0, "ICACTIVER0 clears it");

	wr(ISPENDR0, 1u << d);
	report(rd(ISPENDR0) == 1u << d, "a disabled SGI can be pending");
	report(ack() == SPURIOUS, "a disabled pending SGI is not delivered");
	wr(ISENABLER0, 1u << d);
	got = ack();
	report(got == d, "enabled, it is delivered (IAR %u)", got);
	if (got < SPURIOUS)
		gic_eoi(got);
	report(rd(ISPENDR0) == 0 && rd(ISACTIVER0) == 0, "nothing pending or active at the end");
	return report_summary();
}
