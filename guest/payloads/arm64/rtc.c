/* The PL031 real-time clock as a kernel's driver reads it (ARM DDI 0224): found in the
 * device tree (/pl031 reg), identified by its PrimeCell IDs, counting seconds from a
 * plausible date, settable through RTCLR, and its match (alarm) status against RTCMR. */
#include <libtv.h>
#include <fdt.h>
#include <platform.h>
#include "arm64.h"

#define RTCDR 0x00
#define RTCMR 0x04
#define RTCLR 0x08
#define RTCCR 0x0C
#define RTCIMSC 0x10
#define RTCRIS 0x14
#define RTCICR 0x1C
#define Y2020 1577836800u /* 2020-01-01T00:00:00Z */

static volatile uint32_t *rtc;

static uint32_t reg(unsigned off) { return rtc[off / 4]; }
static void set(unsigned off, uint32_t v) { rtc[off / 4] = v; }

/* Waits `ms` milliseconds by the generic counter. */
static void wait_ms(uint64_t ms)
{
	uint64_t hz = read_sysreg(cntfrq_el0), end = read_sysreg(cntvct_el0) + hz * ms / 1000;
	while (read_sysreg(cntvct_el0) < end)
		;
}

int main(int argc, char **argv)
{
	const void *fdt = platform_fdt();
	int node = fdt_path_offset(fdt, "/pl031");
	int len;
	const uint8_t *r = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (!r || len < 16) {
		report_skip("no /pl031 in the device tree");
		return report_summary();
	}
	rtc = (volatile uint32_t *)(uintptr_t)fdt_read_cells(r, 2);
	report(reg(0xFE0) == 0x31 && reg(0xFE4) == 0x10 && reg(0xFF0) == 0x0d && reg(0xFF4) == 0xf0 &&
	       reg(0xFF8) == 0x05 && reg(0xFFC) == 0xb1, "PeriphID 0x31 0x10, PrimeCell ID 0d f0 05 b1");
	report(reg(RTCCR) & 1, "RTCCR: the clock runs");
	uint32_t t0 = reg(RTCDR);
	report_info("RTCDR %u", t0);
	report(t0 >= Y2020, "RTCDR is a date after 2020");
	wait_ms(2100);
	uint32_t t1 = reg(RTCDR);
	report(t1 - t0 >= 2 && t1 - t0 <= 3, "2.1 s of the generic counter move RTCDR by 2 or 3");
	set(RTCLR, 1000000000u);
	uint32_t t2 = reg(RTCDR);
	report(t2 >= 1000000000u && t2 <= 1000000001u, "RTCLR sets the count");
	report(reg(RTCLR) == 1000000000u, "RTCLR reads back what was loaded");
	set(RTCICR, 1);
	set(RTCMR, t2 + 1);
	report(!(reg(RTCRIS) & 1), "before the match time: RTCRIS clear");
	wait_ms(2100);
	report(reg(RTCRIS) & 1, "after the match time: RTCRIS set");
	set(RTCICR, 1);
	set(RTCMR, 0xffffffffu);
	report(!(reg(RTCRIS) & 1), "RTCICR clears it");
	set(RTCLR, t1 + 3);
	return report_summary();
}
