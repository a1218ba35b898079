/* Free-memory computation for the boot paths: RAM ranges from the firmware minus what is
 * in use (testvisor's image, boot modules, firmware tables). Pure logic, host-tested. */
#ifndef X86_MEM_RANGES_H
#define X86_MEM_RANGES_H

#include <stddef.h>
#include <stdint.h>

struct phys_range {
	uint64_t base, size;
};

/* Writes into `out` (capacity `max`) the page-aligned parts of `ram` that overlap none of
 * `used` and lie in [floor, ceiling); returns the number of ranges written. */
unsigned mem_ranges_free(const struct phys_range *ram, unsigned nr_ram,
			 const struct phys_range *used, unsigned nr_used, uint64_t floor,
			 uint64_t ceiling, struct phys_range *out, unsigned max);

#endif
