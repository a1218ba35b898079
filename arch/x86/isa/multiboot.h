/* Multiboot v1 information structure: read by testvisor and the payloads (what their
 * loader passed in EBX), and written by testvisor for its guests. */
#ifndef X86_MULTIBOOT_H
#define X86_MULTIBOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB_LOADER_MAGIC 0x2BADB002u

#define MB_INFO_MEMORY  (1u << 0)
#define MB_INFO_CMDLINE (1u << 2)
#define MB_INFO_MODS    (1u << 3)
#define MB_INFO_MMAP    (1u << 6)
#define MB_INFO_LOADER_NAME (1u << 9)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;  /* KiB below 1 MiB, KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
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

_Static_assert(sizeof(struct mb_info) == 68, "multiboot info through boot_loader_name");
_Static_assert(sizeof(struct mb_mmap_entry) == 24, "multiboot memory map entry");

/* Whether the loader puts the image's own path first on the kernel command line. QEMU
 * does ("<kernel file> <append>", hw/i386/multiboot.c load_multiboot), and so does GRUB
 * legacy; GRUB 2 passes the arguments only (grub-core/loader/multiboot.c,
 * grub_cmd_multiboot: "Skip filename"). GRUB 2 names itself "GRUB 2.06", GRUB legacy
 * "GNU GRUB 0.97": the test is Xen's (xen/arch/x86/setup.c, loader_is_grub2). A loader
 * that gives no name is taken to put the path first. */
static inline bool mb_loader_puts_path_first(const char *loader_name)
{
	for (const char *p = loader_name; p && *p; p++)
		if (p[0] == 'G' && p[1] == 'R' && p[2] == 'U' && p[3] == 'B' && p[4] == ' ')
			return !(p[5] >= '1' && p[5] <= '9');
	return true;
}

static inline const char *mb_skip_blanks(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

static inline const char *mb_skip_word(const char *s)
{
	while (*s && *s != ' ')
		s++;
	return mb_skip_blanks(s);
}

/* The arguments on a kernel command line written by the loader named `loader_name`
 * (NULL: no name given). */
static inline const char *mb_cmdline_args(const char *cmdline, const char *loader_name)
{
	cmdline = mb_skip_blanks(cmdline);
	return mb_loader_puts_path_first(loader_name) ? mb_skip_word(cmdline) : cmdline;
}


/* The 64-bit entry an image announces right after its multiboot header (the "tv64" tag,
 * then the address; longmode.inc), for a loader that enters it in long mode: 0 when there
 * is none. The header lies in the image's first 8 KiB, 4-byte aligned, its checksum
 * making magic + flags + checksum 0. No C library needed (the EFI stage has none). */
#define MB_HEADER_MAGIC 0x1BADB002u
#define MB_HEADER_SEARCH 8192
#define MB_ENTRY64_TAG 0x34367674u
static inline uint64_t mb_le(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static inline uint64_t mb_find_entry64(const uint8_t *image, size_t len)
{
	if (len > MB_HEADER_SEARCH)
		len = MB_HEADER_SEARCH;
	for (size_t off = 0; off + 24 <= len; off += 4) {
		uint32_t magic = (uint32_t)mb_le(image + off, 4), flags = (uint32_t)mb_le(image + off + 4, 4);
		uint32_t sum = (uint32_t)mb_le(image + off + 8, 4);
		if (magic != MB_HEADER_MAGIC || (uint32_t)(magic + flags + sum) != 0)
			continue;
		return mb_le(image + off + 12, 4) == MB_ENTRY64_TAG ? mb_le(image + off + 16, 8) : 0;
	}
	return 0;
}

#endif
