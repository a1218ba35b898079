/* Multiboot v1 information structure: read by testvisor and the payloads (what their
 * loader passed in EBX), and written by testvisor for its guests. */
#ifndef X86_MULTIBOOT_H
#define X86_MULTIBOOT_H

#include <stdint.h>

#define MB_LOADER_MAGIC 0x2BADB002u

#define MB_INFO_MEMORY  (1u << 0)
#define MB_INFO_CMDLINE (1u << 2)
#define MB_INFO_MODS    (1u << 3)
#define MB_INFO_MMAP    (1u << 6)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;  /* KiB below 1 MiB, KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_module {
	uint32_t mod_start, mod_end;
	uint32_t string;
	uint32_t reserved;
} __attribute__((packed));

/* `size` does not count itself: the next entry is at (char *)e + e->size + 4. */
struct mb_mmap_entry {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

#define MB_MMAP_RAM 1

_Static_assert(sizeof(struct mb_info) == 52, "multiboot info through mmap_addr");
_Static_assert(sizeof(struct mb_mmap_entry) == 24, "multiboot memory map entry");

#endif
