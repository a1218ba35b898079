/* riscv64 boot: testvisor is entered by OpenSBI in S-mode with a0 = hart id, a1 = DTB.
 * Reads the DTB (RAM, /chosen bootargs, initrd = the guest image), works out which RAM is
 * free (moving the initrd next to testvisor so that free RAM is one piece: ram_layout.c)
 * and hands over to hv_main(). */
#include <fdt.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>
#include <riscv_csr.h>
#include <rv_host.h>
#include "ram_layout.h"

extern char __image_start[], __image_end[];

static struct boot_info boot_info;
/* The initrd as /chosen names it: the modules (one per file of a cpio archive,
 * hv/boot_modules.c) all lie inside it and move with it. */
static uint64_t initrd_start, initrd_end;

static uint64_t prop_number(const void *fdt, int node, const char *name, uint64_t dflt)
{
	int len = 0;
	const void *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
	if (!p || (len != 4 && len != 8))
		return dflt;
	return fdt_read_cells(p, (unsigned)len / 4);
}

static void read_memory(const void *fdt, struct boot_info *bi)
{
	int root = fdt_path_offset(fdt, "/");
	unsigned addr_cells = (unsigned)prop_number(fdt, root, "#address-cells", 2);
	unsigned size_cells = (unsigned)prop_number(fdt, root, "#size-cells", 2);
	int mem = fdt_path_offset(fdt, "/memory");
	int len = 0;
	const uint8_t *reg = mem < 0 ? NULL : fdt_getprop(fdt, mem, "reg", &len);
	if (!reg || len < (int)(4 * (addr_cells + size_cells)))
		hv_panic("DTB has no /memory reg");
	uint64_t base = fdt_read_cells(reg, addr_cells);
	uint64_t size = fdt_read_cells(reg + 4 * addr_cells, size_cells);
	const struct rv_ram_facts facts = {
		.ram_base = base, .ram_end = base + size, .image_end = (uintptr_t)__image_end,
		.fdt_base = (uintptr_t)fdt, .fdt_end = (uintptr_t)fdt + fdt_total_size(fdt),
		.initrd_base = bi->nr_modules ? initrd_start : 0,
		.initrd_end = bi->nr_modules ? initrd_end : 0,
	};
	static struct rv_ram_plan plan;
	rv_plan_ram(&facts, &plan);
	if (bi->nr_modules && plan.initrd_base != initrd_start) {
		/* The whole initrd moves, every module of it by the same distance. */
		memmove(ptr_from_pa(pa_init(plan.initrd_base)), ptr_from_pa(pa_init(initrd_start)),
			initrd_end - initrd_start);
		rv_move_modules(bi->modules, bi->nr_modules, initrd_start,
				initrd_end - initrd_start, plan.initrd_base);
	}
	for (unsigned i = 0; i < plan.nr_free; i++)
		bi->free_mem[i] = plan.free[i];
	bi->nr_free_mem = plan.nr_free;
}

/* The guest image handed over as the initrd; the command line is then its spec. */
static void read_chosen(const void *fdt, struct boot_info *bi)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		return;
	int len = 0;
	const char *args = fdt_getprop(fdt, chosen, "bootargs", &len);
	uint64_t start = prop_number(fdt, chosen, "linux,initrd-start", 0);
	uint64_t end = prop_number(fdt, chosen, "linux,initrd-end", 0);
	bi->cmdline = args && len > 0 ? args : NULL;
	if (start && end > start) {
		initrd_start = start;
		initrd_end = end;
		boot_add_initrd(bi, pa_init(start), end - start, bi->cmdline);
	}
}

/* The host's Goldfish RTC, if the device tree has one: its nanoseconds (TIME_LOW first:
 * it latches TIME_HIGH) seed the wall clock guests' RTCs count from. */
static void seed_wallclock(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/soc/rtc");
	int len = 0;
	const void *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	uint64_t base = reg && len >= 16 ? fdt_read_cells(reg, 2) : 0; /* #address-cells 2 */
	uint64_t ns = 0;
	if (base) {
		volatile uint32_t *rtc = (volatile uint32_t *)(uintptr_t)base;
		uint32_t low = rtc[0];
		ns = (uint64_t)rtc[1] << 32 | low;
	}
	rv_wallclock_init(ns);
}

noreturn void rv_boot(unsigned long hartid, const void *fdt)
{
	struct boot_info *bi = &boot_info;
	bi->boot_path = "opensbi";
	if (!fdt_check(fdt, 1 << 24))
		hv_panic("no valid DTB in a1 (%p)", fdt);
	rv_host_fdt = fdt;
	bi->fdt = fdt;
	int cpus = fdt_path_offset(fdt, "/cpus");
	rv_timebase_hz = prop_number(fdt, cpus, "timebase-frequency", 0);
	read_chosen(fdt, bi);
	read_memory(fdt, bi);
	seed_wallclock(fdt);
	printf("testvisor: riscv64 hart %lu, timebase %lu Hz, image %p-%p\n", hartid,
	       (unsigned long)rv_timebase_hz, (void *)__image_start, (void *)__image_end);
	hv_main(bi);
}
