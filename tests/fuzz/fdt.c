/* Fuzz target: the FDT reader (common/fdt_read.c) with arm64's boot scan of it
 * (arch/arm64/isa/fdt_scan.c), and the writer (hv/fdt.c) in a round trip through the
 * reader. The reader takes blobs from firmware and hands payloads theirs; every offset in
 * a blob is untrusted.
 * Input, first byte even: a blob (the rest), checked with fdt_check against its real size,
 * then looked up by path and property; everything the reader returns must lie inside it.
 * First byte odd: a program for the writer (nodes, properties, their bytes), whose blob is
 * read back: each property written before the node's first child is found with its bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fdt.h>
#include <fdt_scan.h>

static const char *const paths[] = { "/", "/chosen", "/memory", "/cpus", "/cpus/cpu@0",
				     "/cpus/cpu", "/psci", "/n0", "/n0/n1", "/n0/n1/n2" };
static const char *const props[] = { "reg", "bootargs", "compatible", "#address-cells",
				     "linux,initrd-start", "method", "model", "p" };

static void inside(const uint8_t *blob, size_t size, const void *p, int len)
{
	const uint8_t *b = p;
	if (len < 0 || b < blob || (size_t)(b - blob) > size || (size_t)len > size - (size_t)(b - blob))
		abort();
}

static void read_blob(const uint8_t *data, size_t size)
{
	/* malloc'd to its exact size (and 8-aligned, as fdt_scan wants): ASan sees overreads. */
	uint8_t *blob = malloc(size ? size : 1);
	memcpy(blob, data, size);
	if (fdt_check(blob, size)) {
		size_t total = fdt_total_size(blob);
		if (total > size)
			abort();
		for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			int node = fdt_path_offset(blob, paths[i]);
			if (node < 0)
				continue;
			if ((size_t)node >= total)
				abort();
			for (unsigned j = 0; j < sizeof(props) / sizeof(props[0]); j++) {
				int len = -1;
				const void *p = fdt_getprop(blob, node, props[j], &len);
				if (!p)
					continue;
				inside(blob, total, p, len);
				if (len >= 8)
					(void)fdt_read_cells(p, 2);
			}
		}
		struct fdt_scan s;
		if (fdt_scan(blob, &s) && s.bootargs)
			inside(blob, total, s.bootargs, (int)strnlen(s.bootargs, total) + 1);
	}
	free(blob);
}

#define MAX_RECORDS 64
struct record {
	char path[128];
	char name[8];
	const uint8_t *data;
	size_t len;
};

/* Program bytes: 0-3 begin a child node, 4 end the node, 5-7 a property p<k> of up to 31
 * bytes taken from the input. */
static void round_trip(const uint8_t *data, size_t size)
{
	static uint8_t buf[4096];
	static struct record rec[MAX_RECORDS];
	struct fdt_writer w;
	char path[128] = "";
	size_t path_len[17] = { 0 };
	bool has_child[17] = { false };
	unsigned depth = 0, nodes = 0, nrec = 0;
	fdt_begin(&w, buf, (size_t)(data[0] >> 1) % 126 * 32 + 64); /* at most sizeof(buf) */
	fdt_begin_node(&w, "");
	size_t i = 1;
	while (i < size) {
		uint8_t op = data[i++] & 7;
		if (op < 4 && depth < 15) {
			char name[16];
			snprintf(name, sizeof(name), "n%u", nodes++);
			has_child[depth] = true;
			fdt_begin_node(&w, name);
			depth++;
			size_t l = path_len[depth - 1];
			snprintf(path + l, sizeof(path) - l, "/%s", name);
			path_len[depth] = strlen(path);
			has_child[depth] = false;
		} else if (op == 4 && depth > 0) {
			fdt_end_node(&w);
			depth--;
			path[path_len[depth]] = '\0';
		} else if (op >= 5 && i < size) {
			size_t len = data[i++] & 31;
			if (len > size - i)
				len = size - i;
			char name[8];
			snprintf(name, sizeof(name), "p%u", (unsigned)(data[i - 1] >> 5));
			fdt_prop(&w, name, data + i, len);
			bool seen = false;
			for (unsigned r = 0; r < nrec; r++)
				seen |= !strcmp(rec[r].path, depth ? path : "/") && !strcmp(rec[r].name, name);
			if (!has_child[depth] && !seen && nrec < MAX_RECORDS) {
				struct record *r = &rec[nrec++];
				strcpy(r->path, depth ? path : "/");
				strcpy(r->name, name);
				r->data = data + i;
				r->len = len;
			}
			i += len;
		}
	}
	while (depth--)
		fdt_end_node(&w);
	fdt_end_node(&w);
	size_t total = fdt_finish(&w);
	if (!total)
		return; /* did not fit */
	if (!fdt_check(buf, total) || fdt_total_size(buf) != total)
		abort();
	for (unsigned r = 0; r < nrec; r++) {
		int node = fdt_path_offset(buf, rec[r].path), len = -1;
		const void *p = node < 0 ? NULL : fdt_getprop(buf, node, rec[r].name, &len);
		if (!p || (size_t)len != rec[r].len || memcmp(p, rec[r].data, rec[r].len))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		round_trip(data, size);
	else
		read_blob(data + 1, size - 1);
	return 0;
}
