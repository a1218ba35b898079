#include "fdt_scan.h"
#include <stddef.h>

#define FDT_MAGIC 0xd00dfeedu
enum { FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9 };

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* A 1- or 2-cell value (4-byte aligned only, so read as two words). */
static uint64_t cells(const uint8_t *p, uint32_t n)
{
	return n == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

static bool name_is(const char *name, const char *want)
{
	size_t i = 0;
	for (; want[i]; i++)
		if (name[i] != want[i])
			return false;
	return name[i] == '\0' || name[i] == '@';
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

enum node_kind { NODE_ROOT, NODE_OTHER, NODE_MEMORY, NODE_CHOSEN, NODE_PSCI };

static void take_prop(struct fdt_scan *out, enum node_kind kind, const char *name,
		      const uint8_t *val, uint32_t len)
{
	switch (kind) {
	case NODE_MEMORY:
		/* virt's root uses #address-cells = #size-cells = 2. */
		if (str_eq(name, "reg") && len >= 16 && out->mem_size == 0) {
			out->mem_base = cells(val, 2);
			out->mem_size = cells(val + 8, 2);
		}
		break;
	case NODE_CHOSEN:
		if (str_eq(name, "bootargs") && len > 0 && val[len - 1] == '\0')
			out->bootargs = (const char *)val;
		else if (str_eq(name, "linux,initrd-start") && (len == 4 || len == 8))
			out->initrd_start = cells(val, len / 4);
		else if (str_eq(name, "linux,initrd-end") && (len == 4 || len == 8))
			out->initrd_end = cells(val, len / 4);
		break;
	case NODE_PSCI:
		if (str_eq(name, "method") && len >= 4 && len <= sizeof(out->psci_method)) {
			for (uint32_t i = 0; i < len; i++)
				out->psci_method[i] = (char)val[i];
			out->psci_method[len - 1] = '\0';
		}
		break;
	case NODE_ROOT:
		if (str_eq(name, "model") && len > 0) {
			uint32_t n = len < sizeof(out->model) ? len : sizeof(out->model);
			for (uint32_t i = 0; i < n; i++)
				out->model[i] = (char)val[i];
			out->model[n - 1] = '\0';
		}
		break;
	case NODE_OTHER:
		break;
	}
}

bool fdt_scan(const void *fdt, struct fdt_scan *out)
{
	const uint8_t *base = fdt;
	*out = (struct fdt_scan){ 0 };
	if (!fdt || ((uintptr_t)fdt & 3) || be32(base) != FDT_MAGIC)
		return false;
	uint32_t total = be32(base + 4), off_struct = be32(base + 8);
	uint32_t off_strings = be32(base + 12), version = be32(base + 20);
	uint32_t size_struct = be32(base + 36);
	if (version < 17 || off_struct >= total || off_strings >= total ||
	    size_struct > total - off_struct || (off_struct & 3))
		return false;
	out->totalsize = total;

	const uint8_t *p = base + off_struct, *end = p + size_struct;
	int depth = 0;
	enum node_kind kind = NODE_OTHER;
	while (p + 4 <= end) {
		uint32_t token = be32(p);
		p += 4;
		if (token == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			while (p < end && *p)
				p++;
			p = (const uint8_t *)(((uintptr_t)p + 4) & ~(uintptr_t)3);
			depth++;
			if (depth == 2)
				kind = name_is(name, "memory") ? NODE_MEMORY :
				       name_is(name, "chosen") ? NODE_CHOSEN :
				       name_is(name, "psci") ? NODE_PSCI : NODE_OTHER;
		} else if (token == FDT_END_NODE) {
			if (depth == 2)
				kind = NODE_OTHER;
			if (--depth < 0)
				return false;
		} else if (token == FDT_PROP) {
			if (p + 8 > end)
				return false;
			uint32_t len = be32(p), nameoff = be32(p + 4);
			p += 8;
			if (len > (uint32_t)(end - p) || nameoff >= total - off_strings)
				return false;
			if (depth == 1 || depth == 2)
				take_prop(out, depth == 1 ? NODE_ROOT : kind, (const char *)base + off_strings + nameoff, p, len);
			p += (len + 3) & ~3u;
		} else if (token == FDT_END) {
			return depth == 0;
		} else if (token != FDT_NOP) {
			return false;
		}
	}
	return false;
}
