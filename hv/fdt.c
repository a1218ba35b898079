/* FDT writer: header, one empty reservation entry, structure block, strings block. */
#include <fdt.h>
#include <string.h>

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_END 9
#define HEADER_SIZE 40
#define RSVMAP_SIZE 16

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void emit(struct fdt_writer *w, const void *data, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;
	if (w->overflow || w->pos + padded > w->cap) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->pos, data, len);
	memset(w->buf + w->pos + len, 0, padded - len);
	w->pos += padded;
}

static void emit32(struct fdt_writer *w, uint32_t v)
{
	uint8_t b[4];
	put32(b, v);
	emit(w, b, 4);
}

static uint32_t string_offset(struct fdt_writer *w, const char *name)
{
	size_t n = strlen(name) + 1;
	for (size_t off = 0; off < w->strings_len; off += strlen(w->strings + off) + 1)
		if (!strcmp(w->strings + off, name))
			return (uint32_t)off;
	if (w->strings_len + n > sizeof(w->strings)) {
		w->overflow = true;
		return 0;
	}
	memcpy(w->strings + w->strings_len, name, n);
	w->strings_len += n;
	return (uint32_t)(w->strings_len - n);
}

void fdt_begin(struct fdt_writer *w, void *buf, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->buf = buf;
	w->cap = cap;
	w->pos = HEADER_SIZE + RSVMAP_SIZE;
	if (cap < w->pos)
		w->overflow = true;
	else
		memset(buf, 0, w->pos);
}

void fdt_begin_node(struct fdt_writer *w, const char *name)
{
	emit32(w, FDT_BEGIN_NODE);
	emit(w, name, strlen(name) + 1);
	w->depth++;
}

void fdt_end_node(struct fdt_writer *w)
{
	emit32(w, FDT_END_NODE);
	w->depth--;
}

void fdt_prop(struct fdt_writer *w, const char *name, const void *data, size_t len)
{
	emit32(w, FDT_PROP);
	emit32(w, (uint32_t)len);
	emit32(w, string_offset(w, name));
	if (len)
		emit(w, data, len);
}

void fdt_prop_empty(struct fdt_writer *w, const char *name) { fdt_prop(w, name, NULL, 0); }

void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t v)
{
	fdt_prop_cells(w, name, &v, 1);
}

void fdt_prop_u64(struct fdt_writer *w, const char *name, uint64_t v)
{
	uint32_t cells[2] = { (uint32_t)(v >> 32), (uint32_t)v };
	fdt_prop_cells(w, name, cells, 2);
}

void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, unsigned n)
{
	uint8_t b[4 * 32];
	if (n > 32) {
		w->overflow = true;
		return;
	}
	for (unsigned i = 0; i < n; i++)
		put32(b + 4 * i, cells[i]);
	fdt_prop(w, name, b, 4 * n);
}

void fdt_prop_string(struct fdt_writer *w, const char *name, const char *s)
{
	fdt_prop(w, name, s, strlen(s) + 1);
}

void fdt_prop_strings(struct fdt_writer *w, const char *name, const char *const *list)
{
	char buf[160];
	size_t len = 0;
	for (; *list; list++) {
		size_t n = strlen(*list) + 1;
		if (len + n > sizeof(buf)) {
			w->overflow = true; /* a longer list is a testvisor bug: fdt_finish fails */
			return;
		}
		memcpy(buf + len, *list, n);
		len += n;
	}
	fdt_prop(w, name, buf, len);
}

size_t fdt_finish(struct fdt_writer *w)
{
	emit32(w, FDT_END);
	if (w->depth != 0 || w->overflow)
		return 0;
	size_t struct_size = w->pos - HEADER_SIZE - RSVMAP_SIZE;
	size_t strings_off = w->pos;
	if (strings_off + w->strings_len > w->cap)
		return 0;
	memcpy(w->buf + strings_off, w->strings, w->strings_len);
	size_t total = strings_off + w->strings_len;
	uint8_t *h = w->buf;
	put32(h + 0, FDT_MAGIC);
	put32(h + 4, (uint32_t)total);
	put32(h + 8, HEADER_SIZE + RSVMAP_SIZE);   /* off_dt_struct */
	put32(h + 12, (uint32_t)strings_off);      /* off_dt_strings */
	put32(h + 16, HEADER_SIZE);                /* off_mem_rsvmap */
	put32(h + 20, 17);                         /* version */
	put32(h + 24, 16);                         /* last compatible version */
	put32(h + 28, 0);                          /* boot cpu */
	put32(h + 32, (uint32_t)w->strings_len);
	put32(h + 36, (uint32_t)struct_size);
	return total;
}
