/* The Goldfish RTC as a kernel's driver reads it (QEMU hw/rtc/goldfish_rtc.c, Linux
 * drivers/rtc/rtc-goldfish.c): found in the device tree (/soc/rtc reg), a nanosecond
 * count from a plausible date (TIME_LOW first, which latches TIME_HIGH), settable, and its
 * alarm (ALARM_HIGH then ALARM_LOW arm it, ALARM_STATUS shows it armed). */
#include <libtv.h>
#include <fdt.h>
#include <platform.h>
#include <riscv_csr.h>

#define TIME_LOW 0x00
#define TIME_HIGH 0x04
#define ALARM_LOW 0x08
#define ALARM_HIGH 0x0C
#define CLEAR_ALARM 0x14
#define ALARM_STATUS 0x18
#define NS 1000000000ull
#define Y2020_NS (1577836800ull * NS)

static volatile uint32_t *rtc;

static uint64_t read_time(void)
{
	uint32_t low = rtc[TIME_LOW / 4];
	return (uint64_t)rtc[TIME_HIGH / 4] << 32 | low;
}

static void wait_ticks(uint64_t ticks)
{
	uint64_t end = csr_read(time) + ticks;
	while (csr_read(time) < end)
		;
}

int main(int argc, char **argv)
{
	const void *fdt = platform_fdt();
	int node = fdt_path_offset(fdt, "/soc/rtc");
	int cpus = fdt_path_offset(fdt, "/cpus");
	int len;
	const uint8_t *r = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	const void *tb = cpus >= 0 ? fdt_getprop(fdt, cpus, "timebase-frequency", &len) : NULL;
	if (!r || !tb) {
		report_skip("no /soc/rtc or timebase in the device tree");
		return report_summary();
	}
	rtc = (volatile uint32_t *)(uintptr_t)fdt_read_cells(r, 2);
	uint64_t hz = fdt_be32(tb);
	uint64_t t0 = read_time();
	report(t0 >= Y2020_NS, "the time is a date after 2020");
	report_info("time %llu s", (unsigned long long)(t0 / NS));
	wait_ticks(hz / 2);
	uint64_t d = read_time() - t0;
	report(d >= NS / 2 - NS / 20 && d <= NS / 2 + NS / 5,
	       "half a second of the time CSR moves the RTC by about 0.5 s");
	rtc[TIME_HIGH / 4] = 0x1;
	rtc[TIME_LOW / 4] = 0x0;                    /* set to 2^32 ns */
	uint64_t t1 = read_time();
	report(t1 >= (1ull << 32) && t1 < (1ull << 32) + NS / 10, "writing TIME_HIGH then TIME_LOW sets it");
	uint64_t alarm = t1 + NS / 5;
	rtc[ALARM_HIGH / 4] = (uint32_t)(alarm >> 32);
	rtc[ALARM_LOW / 4] = (uint32_t)alarm;
	report(rtc[ALARM_STATUS / 4] == 1, "an alarm in the future is armed");
	wait_ticks(hz / 2);
	report(rtc[ALARM_STATUS / 4] == 0, "once its time has passed it is not armed any more");
	rtc[ALARM_HIGH / 4] = 0xffffffffu;
	rtc[ALARM_LOW / 4] = 0;
	rtc[CLEAR_ALARM / 4] = 1;
	report(rtc[ALARM_STATUS / 4] == 0, "CLEAR_ALARM disarms it");
	uint64_t back = t0 + 2 * NS;
	rtc[TIME_HIGH / 4] = (uint32_t)(back >> 32);
	rtc[TIME_LOW / 4] = (uint32_t)back;
	return report_summary();
}
