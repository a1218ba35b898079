#include "fdt_scan.h"
#include <fdt.h>
#include <string.h>

static void copy_string(char *dst, size_t cap, const void *src, int len)
{
	if (!src || len <= 0)
		return;
	size_t n = (size_t)len < cap ? (size_t)len : cap;
	memcpy(dst, src, n);
	dst[n - 1] = '\0';
}

/* A 32- or 64-bit number property (initrd bounds come either way). */
static uint64_t number(const void *p, int len)
{
	return p && (len == 4 || len == 8) ? fdt_read_cells(p, (unsigned)len / 4) : 0;
}

bool fdt_scan(const void *fdt, struct fdt_scan *out)
{
	memset(out, 0, sizeof(*out));
	int len = 0;
	if (!fdt || ((uintptr_t)fdt & 7) || !fdt_check(fdt, 1u << 24))
		return false;
	out->totalsize = (uint32_t)fdt_total_size(fdt);
	int root = fdt_path_offset(fdt, "/");
	const void *p = root >= 0 ? fdt_getprop(fdt, root, "model", &len) : NULL;
	copy_string(out->model, sizeof(out->model), p, len);
	/* virt's root uses #address-cells = #size-cells = 2. */
	int mem = fdt_path_offset(fdt, "/memory");
	const uint8_t *reg = mem >= 0 ? fdt_getprop(fdt, mem, "reg", &len) : NULL;
	if (reg && len >= 16) {
		out->mem_base = fdt_read_cells(reg, 2);
		out->mem_size = fdt_read_cells(reg + 8, 2);
	}
	int chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen >= 0) {
		const char *args = fdt_getprop(fdt, chosen, "bootargs", &len);
		if (args && len > 0 && args[len - 1] == '\0')
			out->bootargs = args;
		p = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
		out->initrd_start = number(p, len);
		p = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
		out->initrd_end = number(p, len);
	}
	int psci = fdt_path_offset(fdt, "/psci");
	p = psci >= 0 ? fdt_getprop(fdt, psci, "method", &len) : NULL;
	copy_string(out->psci_method, sizeof(out->psci_method), p, len);
	return true;
}
