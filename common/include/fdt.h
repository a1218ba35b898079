/* Flattened device tree: a reader (common/fdt_read.c: for the DTB firmware gives testvisor,
 * and the DTB a payload is booted with) and a writer (hv/fdt.c: for the DTB testvisor gives
 * its arm64 and riscv64 guests). Big-endian as the format requires; pure logic, unit-tested
 * on the host. */
#ifndef HV_FDT_H
#define HV_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu

struct fdt_writer {
	uint8_t *buf;
	size_t cap;
	size_t pos;        /* end of the structure block so far */
	char strings[1024];
	size_t strings_len;
	int depth;
	bool overflow;
};

void fdt_begin(struct fdt_writer *w, void *buf, size_t cap);
void fdt_begin_node(struct fdt_writer *w, const char *name);
void fdt_end_node(struct fdt_writer *w);
void fdt_prop(struct fdt_writer *w, const char *name, const void *data, size_t len);
void fdt_prop_empty(struct fdt_writer *w, const char *name);
void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t v);
void fdt_prop_u64(struct fdt_writer *w, const char *name, uint64_t v);
void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, unsigned n);
void fdt_prop_string(struct fdt_writer *w, const char *name, const char *s);
/* A string-list property from a NULL-terminated array ("a\0b\0"). */
void fdt_prop_strings(struct fdt_writer *w, const char *name, const char *const *list);
/* Completes the blob in the buffer; returns its size, or 0 when it did not fit or the
 * nodes were unbalanced. */
size_t fdt_finish(struct fdt_writer *w);

/* Reader. Offsets are byte offsets of a node's BEGIN_NODE token; negative = not found. */
bool fdt_check(const void *fdt, size_t max_size);
size_t fdt_total_size(const void *fdt);
/* Finds a node by path ("/chosen", "/memory", "/cpus/cpu@0"); a path element without a
 * unit address also matches "name@unit". */
int fdt_path_offset(const void *fdt, const char *path);
const void *fdt_getprop(const void *fdt, int node, const char *name, int *len);
/* Reads a cell-sized (1 or 2 cells) big-endian number. */
uint64_t fdt_read_cells(const void *p, unsigned cells);
static inline uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

#endif
