/* riscv64 boot: testvisor is entered by OpenSBI in S-mode with a0 = hart id, a1 = DTB.
 * Reads the DTB (RAM, /chosen bootargs, initrd = the guest image), works out which RAM is
 * free and hands over to hv_main(). */
#include <fdt.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>
#include <riscv_csr.h>
#include <rv_host.h>

extern char __image_start[], __image_end[];

static struct boot_info boot_info;

/* A used range [base, end) that must not be handed to the allocator. */
struct used { uint64_t base, end; };

static uint64_t prop_number(const void *fdt, int node, const char *name, uint64_t dflt)
{
	int len = 0;
	const void *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
	if (!p || (len != 4 && len != 8))
		return dflt;
	return fdt_read_cells(p, (unsigned)len / 4);
}

/* Adds [base, end) minus every used range to the free list. */
static void add_free(struct boot_info *bi, uint64_t base, uint64_t end,
		     const struct used *used, unsigned nr_used)
{
	for (unsigned i = 0; i < nr_used && base < end; i++) {
		if (used[i].end <= base || used[i].base >= end)
			continue;
		if (used[i].base > base)
			add_free(bi, base, used[i].base, used + i + 1, nr_used - i - 1);
		base = used[i].end;
	}
	base = PAGE_ALIGN_UP(base);
	end &= ~(PAGE_SIZE - 1);
	if (base < end && bi->nr_free_mem < HV_MAX_MEM_RANGES) {
		bi->free_mem[bi->nr_free_mem].base = pa_init(base);
		bi->free_mem[bi->nr_free_mem].size = end - base;
		bi->nr_free_mem++;
	}
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

	struct used used[3];
	unsigned n = 0;
	/* Everything below testvisor's end: OpenSBI (0x80000000..) and testvisor itself. */
	used[n++] = (struct used){ 0, (uintptr_t)__image_end };
	used[n++] = (struct used){ (uintptr_t)fdt, (uintptr_t)fdt + fdt_total_size(fdt) };
	if (bi->nr_modules)
		used[n++] = (struct used){ pa_addr(bi->modules[0].base),
					   pa_addr(bi->modules[0].base) + bi->modules[0].size };
	/* add_free expects the used ranges in ascending order. */
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && used[j].base < used[j - 1].base; j--) {
			struct used t = used[j];
			used[j] = used[j - 1];
			used[j - 1] = t;
		}
	add_free(bi, base, base + size, used, n);
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
		bi->modules[0] = (struct boot_module){ pa_init(start), end - start, bi->cmdline,
						       "initrd" };
		bi->nr_modules = 1;
	}
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
	printf("testvisor: riscv64 hart %lu, timebase %lu Hz, image %p-%p\n", hartid,
	       (unsigned long)rv_timebase_hz, (void *)__image_start, (void *)__image_end);
	hv_main(bi);
}
