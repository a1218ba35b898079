/* A minimal flattened-device-tree reader (read-only, no allocation), enough for the boot
 * paths: find a node by name at a depth, read its properties. Shared by the payload
 * start-up and testvisor's riscv boot code; every offset it returns is checked against
 * the blob's size, so a corrupt tree yields "not found", never a wild read. */
#ifndef RVFDT_READ_H
#define RVFDT_READ_H

#include <stdbool.h>
#include <stdint.h>

bool rvfdt_valid(const void *fdt);
uint32_t rvfdt_size(const void *fdt);
/* The offset of the first node after `from` (-1: from the start) at `depth` (root = 0)
 * whose name equals `name` or starts with `name` followed by '@'; -1 when none. */
int rvfdt_find(const void *fdt, int from, int depth, const char *name);
/* A property of the node at `node`; NULL when absent. */
const void *rvfdt_prop(const void *fdt, int node, const char *name, int *len);
/* Reads a big-endian number of `cells` 32-bit cells. */
uint64_t rvfdt_cells(const void *p, int cells);

#endif
