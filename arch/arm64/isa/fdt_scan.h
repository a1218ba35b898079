/* The boot facts arm64 start-up code takes from a DTB (first memory range, /chosen
 * bootargs and initrd, PSCI conduit, model), through the shared reader (common/fdt.h).
 * Used by the payload start-up and by testvisor's arm64 boot path; both call it with the
 * MMU on (the reader uses newlib's string functions, which need Normal memory). */
#ifndef FDT_SCAN_H
#define FDT_SCAN_H

#include <stdbool.h>
#include <stdint.h>

struct fdt_scan {
	uint32_t totalsize;
	uint64_t mem_base, mem_size;       /* first /memory reg entry; size 0 when none */
	const char *bootargs;              /* inside the blob; NULL when absent */
	uint64_t initrd_start, initrd_end; /* both 0 when absent */
	char psci_method[8];               /* "hvc", "smc" or "" */
	char model[32];                    /* the root node's model, "" when none */
};

/* Returns false when `fdt` is not a valid blob. */
bool fdt_scan(const void *fdt, struct fdt_scan *out);

#endif
