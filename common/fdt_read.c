/* FDT reader: just enough to find nodes by path and read properties. Every offset is
 * bounds-checked against the header's sizes, since the blob comes from outside. */
#include <fdt.h>
#include <string.h>

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define MAX_DEPTH 16
#define HEADER_SIZE 40 /* magic ... size_dt_struct: the fields read here */

struct blob {
	const uint8_t *base;
	uint32_t struct_off, struct_size, strings_off, strings_size;
};

static bool open_blob(const void *fdt, struct blob *b)
{
	const uint8_t *p = fdt;
	if (!p || fdt_be32(p) != FDT_MAGIC)
		return false;
	b->base = p;
	uint32_t total = fdt_be32(p + 4);
	b->struct_off = fdt_be32(p + 8);
	b->strings_off = fdt_be32(p + 12);
	b->strings_size = fdt_be32(p + 32);
	b->struct_size = fdt_be32(p + 36);
	/* The header is part of the blob: a total size below it is no blob. */
	return total >= HEADER_SIZE &&
	       b->struct_off <= total && b->struct_size <= total - b->struct_off &&
	       b->strings_off <= total && b->strings_size <= total - b->strings_off;
}

bool fdt_check(const void *fdt, size_t max_size)
{
	struct blob b;
	/* The header is read before its total size is known: it must fit first. */
	return max_size >= HEADER_SIZE && open_blob(fdt, &b) && fdt_be32(b.base + 4) <= max_size;
}

size_t fdt_total_size(const void *fdt)
{
	struct blob b;
	return open_blob(fdt, &b) ? fdt_be32(b.base + 4) : 0;
}

uint64_t fdt_read_cells(const void *p, unsigned cells)
{
	const uint8_t *b = p;
	return cells == 2 ? (uint64_t)fdt_be32(b) << 32 | fdt_be32(b + 4) : fdt_be32(b);
}

/* Does node name `name` match path element `elem` (len bytes)? */
static bool name_matches(const char *name, const char *elem, size_t len)
{
	if (strncmp(name, elem, len))
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(elem, '@', len));
}

int fdt_path_offset(const void *fdt, const char *path)
{
	struct blob b;
	if (!open_blob(fdt, &b) || path[0] != '/')
		return -1;
	const char *elems[MAX_DEPTH];
	size_t lens[MAX_DEPTH];
	unsigned nelems = 0;
	for (const char *s = path + 1; *s && nelems < MAX_DEPTH;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n) {
			elems[nelems] = s;
			lens[nelems++] = n;
		}
		s += n + (e ? 1 : 0);
	}
	uint32_t pos = 0, end = b.struct_size;
	int depth = -1;
	unsigned matched = 0; /* number of leading path elements matched by open nodes */
	while (pos + 4 <= end) {
		const uint8_t *tok = b.base + b.struct_off + pos;
		uint32_t t = fdt_be32(tok);
		pos += 4;
		if (t == FDT_BEGIN_NODE) {
			const char *name = (const char *)tok + 4;
			size_t max = end - pos, n = strnlen(name, max);
			if (n == max)
				return -1;
			depth++;
			if (depth == 0 && nelems == 0)
				return (int)(b.struct_off + pos - 4);
			if (depth >= 1 && matched == (unsigned)depth - 1 && depth <= (int)nelems &&
			    name_matches(name, elems[depth - 1], lens[depth - 1])) {
				matched = (unsigned)depth;
				if (matched == nelems)
					return (int)(b.struct_off + pos - 4);
			}
			pos += (uint32_t)((n + 1 + 3) & ~3u);
		} else if (t == FDT_END_NODE) {
			if (matched == (unsigned)depth && depth > 0)
				matched--;
			depth--;
		} else if (t == FDT_PROP) {
			if (pos + 8 > end)
				return -1;
			uint32_t len = fdt_be32(tok + 4);
			if (len > end - pos - 8)
				return -1;
			pos += 8 + ((len + 3) & ~3u);
		} else if (t == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	return -1;
}

const void *fdt_getprop(const void *fdt, int node, const char *name, int *len)
{
	struct blob b;
	if (!open_blob(fdt, &b) || node < (int)b.struct_off)
		return NULL;
	uint32_t end = b.struct_off + b.struct_size;
	uint32_t pos = (uint32_t)node;
	if (pos + 4 > end || fdt_be32(b.base + pos) != FDT_BEGIN_NODE)
		return NULL;
	pos += 4;
	size_t n = strnlen((const char *)b.base + pos, end - pos);
	pos += (uint32_t)((n + 1 + 3) & ~3u);
	/* Properties come before any child node. */
	while (pos + 4 <= end) {
		uint32_t t = fdt_be32(b.base + pos);
		if (t == FDT_NOP) {
			pos += 4;
			continue;
		}
		if (t != FDT_PROP || pos + 12 > end)
			return NULL;
		uint32_t plen = fdt_be32(b.base + pos + 4), nameoff = fdt_be32(b.base + pos + 8);
		if (plen > end - pos - 12 || nameoff >= b.strings_size)
			return NULL;
		const char *pname = (const char *)b.base + b.strings_off + nameoff;
		if (!strncmp(pname, name, b.strings_size - nameoff) &&
		    strnlen(pname, b.strings_size - nameoff) == strlen(name)) {
			if (len)
				*len = (int)plen;
			return b.base + pos + 12;
		}
		pos += 12 + ((plen + 3) & ~3u);
	}
	return NULL;
}
