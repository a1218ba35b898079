/* Memory isolation: nothing of another guest is visible, and nothing outside RAM is
 * reachable. The payload first scans its free RAM for the marker an earlier guest leaves
 * (testvisor's built-in suite runs this payload twice in a row: the second run would see
 * the first run's markers if guest memory were handed on uncleared), then plants the
 * marker in every page, then checks that loads and stores past the end of RAM fault.
 * The same for senvcfg, which VS-mode uses directly (no VS copy): it must read 0 at boot
 * (its reset value), and the payload leaves it set for the next guest to check. */
#include <fdt.h>
#include <libtv.h>
#include <string.h>
#include <riscv_csr.h>
#include "sbi.h"
#include "trap.h"

#define MARKER 0x7e57a15017a7104eULL   /* "testvisor isolation" */
#define SCAN_LIMIT (64UL << 20)        /* at most this much RAM above the image */

extern char __image_end[];


static bool ram_range(uint64_t *base, uint64_t *end)
{
	int mem = fdt_path_offset(boot_dtb, "/memory");
	int len = 0;
	const uint8_t *reg = mem < 0 ? NULL : fdt_getprop(boot_dtb, mem, "reg", &len);
	if (!reg || len < 16)
		return false;
	*base = fdt_read_cells(reg, 2);
	*end = *base + fdt_read_cells(reg + 8, 2);
	return true;
}

/* senvcfg bits a guest may set without any extension: FIOM, and the CMO enables (each
 * WARL: what sticks is read back). */
#define SENVCFG_PROBE ((1UL << 0) | (1UL << 6) | (1UL << 7))

static void senvcfg_check(bool leave_set)
{
	trap_catch(EXC_ILLEGAL_INST);
	trap_caught.count = 0;
	unsigned long v = csr_read(CSR_SENVCFG);
	bool missing = trap_caught.count != 0;
	if (missing) {
		trap_uncatch(EXC_ILLEGAL_INST);
		report_skip("senvcfg: no such CSR on this hart");
		return;
	}
	if (!leave_set) {
		report(v == 0, "senvcfg reads 0 at boot (nothing of an earlier guest: 0x%lx)", v);
	} else {
		csr_write(CSR_SENVCFG, SENVCFG_PROBE);
		report_info("senvcfg left as 0x%lx for the next guest",
			    (unsigned long)csr_read(CSR_SENVCFG));
	}
	trap_uncatch(EXC_ILLEGAL_INST);
}

int main(int argc, char **argv)
{
	report_prefix_push("isolation");
	senvcfg_check(false);
	uint64_t base, end;
	if (!ram_range(&base, &end)) {
		report_skip("no /memory in the DTB");
		return report_summary();
	}
	/* Free RAM: above the image and heap, below the DTB the platform put at the top. */
	uint64_t lo = ((uintptr_t)__image_end + 4095) & ~4095UL;
	uint64_t hi = ((uintptr_t)boot_dtb & ~4095UL);
	if (hi <= lo || hi > end)
		hi = end - (1UL << 20);
	if (hi - lo > SCAN_LIMIT)
		hi = lo + SCAN_LIMIT;
	report_info("RAM 0x%lx-0x%lx, scanning 0x%lx-0x%lx", (unsigned long)base,
		    (unsigned long)end, (unsigned long)lo, (unsigned long)hi);

	unsigned found = 0;
	for (uint64_t p = lo; p < hi; p += 8)
		found += *(volatile uint64_t *)p == MARKER;
	if (found)
		report_info("%u markers of an earlier guest found", found);
	report(found == 0, "no page holds a marker left by an earlier guest");
	unsigned planted = 0;
	for (uint64_t p = lo; p < hi; p += 4096, planted++)
		*(volatile uint64_t *)p = MARKER;
	report_info("markers planted in %u pages", planted);
	report(planted > 0 && *(volatile uint64_t *)lo == MARKER, "markers planted in every free page");

	trap_catch(EXC_LOAD_ACCESS);
	trap_catch(EXC_STORE_ACCESS);
	static const uint64_t past_end[] = { 0, 8, 0x10000, 0x40000000, 1UL << 40 };
	for (unsigned i = 0; i < sizeof(past_end) / sizeof(past_end[0]); i++) {
		volatile uint64_t *p = (volatile uint64_t *)(end + past_end[i]);
		trap_caught.count = 0;
		(void)*p;
		bool load_faulted = trap_caught.count == 1 && trap_caught.scause == EXC_LOAD_ACCESS;
		trap_caught.count = 0;
		*p = MARKER;
		bool store_faulted = trap_caught.count == 1 && trap_caught.scause == EXC_STORE_ACCESS;
		report(load_faulted && store_faulted, "RAM end + 0x%lx: loads and stores fault",
		       (unsigned long)past_end[i]);
	}
	trap_uncatch(EXC_LOAD_ACCESS);
	trap_uncatch(EXC_STORE_ACCESS);
	senvcfg_check(true);
	return report_summary();
}
