/* Flattened device tree reading: see fdt_read.h. Structure-block tokens per the
 * Devicetree Specification, chapter 5. */
#include "fdt_read.h"
#include <string.h>

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u

struct fdt_header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap;
	uint32_t version, last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t hdr(const void *fdt, unsigned field)
{
	return be32((const uint8_t *)fdt + 4 * field);
}

bool rvfdt_valid(const void *fdt)
{
	if (!fdt || ((uintptr_t)fdt & 3) || hdr(fdt, 0) != FDT_MAGIC)
		return false;
	uint32_t size = hdr(fdt, 1);
	return hdr(fdt, 2) < size && hdr(fdt, 3) < size && hdr(fdt, 2) + hdr(fdt, 9) <= size;
}

uint32_t rvfdt_size(const void *fdt) { return rvfdt_valid(fdt) ? hdr(fdt, 1) : 0; }

uint64_t rvfdt_cells(const void *p, int cells)
{
	uint64_t v = 0;
	for (int i = 0; i < cells; i++)
		v = (v << 32) | be32((const uint8_t *)p + 4 * i);
	return v;
}

/* Cursor over the structure block; offsets are relative to the block's start. */
struct cursor {
	const uint8_t *base;
	uint32_t size;
	uint32_t off;
};

static struct cursor cursor_at(const void *fdt, int off)
{
	return (struct cursor){ (const uint8_t *)fdt + hdr(fdt, 2), hdr(fdt, 9), (uint32_t)off };
}

/* Reads the token at the cursor and moves past it and its payload. Returns FDT_END on
 * any inconsistency. For BEGIN_NODE, *name is the node's name; for PROP, *prop_off is
 * the offset of the property header. */
static uint32_t next_token(struct cursor *c, const char **name, uint32_t *prop_off)
{
	if (c->off + 4 > c->size)
		return FDT_END;
	uint32_t tok = be32(c->base + c->off);
	c->off += 4;
	switch (tok) {
	case FDT_BEGIN_NODE: {
		const char *n = (const char *)c->base + c->off;
		size_t len = strnlen(n, c->size - c->off);
		if (c->off + len >= c->size)
			return FDT_END;
		*name = n;
		c->off += (uint32_t)((len + 4) & ~3u);
		return tok;
	}
	case FDT_PROP: {
		if (c->off + 8 > c->size)
			return FDT_END;
		uint32_t len = be32(c->base + c->off);
		if (len > c->size - c->off - 8)
			return FDT_END;
		*prop_off = c->off;
		c->off += 8 + ((len + 3) & ~3u);
		return tok;
	}
	case FDT_END_NODE:
	case FDT_NOP:
		return tok;
	default:
		return FDT_END;
	}
}

static bool name_matches(const char *node, const char *want)
{
	size_t n = strlen(want);
	return !strncmp(node, want, n) && (node[n] == '\0' || node[n] == '@');
}

int rvfdt_find(const void *fdt, int from, int depth, const char *name)
{
	if (!rvfdt_valid(fdt))
		return -1;
	/* Walk from the start, tracking depth; report matches after `from`. */
	struct cursor c = cursor_at(fdt, 0);
	int level = -1;
	for (;;) {
		uint32_t at = c.off, prop;
		const char *n = NULL;
		uint32_t tok = next_token(&c, &n, &prop);
		if (tok == FDT_END)
			return -1;
		if (tok == FDT_BEGIN_NODE) {
			level++;
			if (level == depth && (int)at > from && name_matches(n, name))
				return (int)at;
		} else if (tok == FDT_END_NODE) {
			level--;
		}
	}
}

const void *rvfdt_prop(const void *fdt, int node, const char *name, int *len)
{
	if (!rvfdt_valid(fdt) || node < 0)
		return NULL;
	struct cursor c = cursor_at(fdt, node);
	const char *n;
	uint32_t prop;
	if (next_token(&c, &n, &prop) != FDT_BEGIN_NODE)
		return NULL;
	const char *strings = (const char *)fdt + hdr(fdt, 3);
	uint32_t strings_size = hdr(fdt, 8);
	for (;;) {
		uint32_t tok = next_token(&c, &n, &prop);
		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			return NULL; /* properties come before child nodes */
		uint32_t nameoff = be32(c.base + prop + 4);
		if (nameoff >= strings_size)
			return NULL;
		if (!strcmp(strings + nameoff, name)) {
			if (len)
				*len = (int)be32(c.base + prop);
			return c.base + prop + 8;
		}
	}
}
