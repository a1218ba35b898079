/* A minimal flattened-device-tree scan for what boot code needs before anything else runs:
 * the first memory range, /chosen (bootargs, initrd) and the PSCI conduit. Shared by the
 * payload start-up and testvisor's arm64 boot path (both run it with the MMU off, so it
 * makes only aligned accesses). Pure logic: host unit-tested. */
#ifndef FDT_SCAN_H
#define FDT_SCAN_H

#include <stdbool.h>
#include <stdint.h>

struct fdt_scan {
	uint32_t totalsize;
	uint64_t mem_base, mem_size;     /* first /memory reg entry; size 0 when none */
	const char *bootargs;            /* inside the blob; NULL when absent */
	uint64_t initrd_start, initrd_end; /* both 0 when absent */
	char psci_method[8];             /* "hvc", "smc" or "" */
	char model[32];                  /* the root node's model, "" when none */
};

/* Returns false when `fdt` is not a valid blob (bad magic, version or offsets). */
bool fdt_scan(const void *fdt, struct fdt_scan *out);

#endif
