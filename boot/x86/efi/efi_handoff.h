/* The UEFI stage's hand-off to testvisor, pure logic (host-tested): the multiboot
 * information built from the firmware's memory map, the guest module and its spec, and
 * how testvisor's image announces its 64-bit entry. */
#ifndef EFI_HANDOFF_H
#define EFI_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

/* EFI memory types that are RAM testvisor may use once boot services are gone. */
enum { EFI_LOADER_CODE = 1, EFI_LOADER_DATA = 2, EFI_BS_CODE = 3, EFI_BS_DATA = 4,
       EFI_CONVENTIONAL = 7 };

/* The fields of an EFI memory descriptor the hand-off reads (descriptor_size apart). */
struct efi_mem_desc {
	uint32_t type;
	uint32_t pad;
	uint64_t phys_start;
	uint64_t virt_start;
	uint64_t nr_pages;
	uint64_t attribute;
};

#define HANDOFF_BUFFER_SIZE (4 * 4096)
#define HANDOFF_MAX_MMAP 64

struct handoff_module {
	uint64_t base, size;
	const char *cmdline; /* "<file> <spec>": the first word is the name, as QEMU gives it */
};

/* Builds the multiboot information into `buf` (HANDOFF_BUFFER_SIZE bytes, at physical
 * address buf_pa < 4 GiB): RAM ranges from the EFI map (adjacent ones merged), the
 * command line, and `nr_modules` (0 or 1) modules. Returns the physical address of the
 * structure, or 0 when something does not fit or lies above 4 GiB. */
uint32_t handoff_build(uint8_t *buf, uint64_t buf_pa, const void *map, size_t map_size,
		       size_t desc_size, const char *cmdline, const struct handoff_module *mods,
		       unsigned nr_modules);

/* Finds the 64-bit entry an image announces after its multiboot header (tag "tv64");
 * 0 when absent. */
uint64_t handoff_entry64(const uint8_t *image, size_t len);

#endif
