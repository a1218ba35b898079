/* Multiboot v1 information for guests (see x86/guest_boot.h). */
#include <string.h>
#include <x86/guest_boot.h>
#include <multiboot.h>

#define MBI_OFFSET 0x0
#define MMAP_OFFSET 0x100
#define CMDLINE_OFFSET 0x200

uint32_t guest_boot_build(uint8_t *buf, uint64_t ram_size, const char *name, const char *args)
{
	memset(buf, 0, GUEST_BOOT_DATA_SIZE);
	size_t name_len = strlen(name), args_len = strlen(args);
	if (CMDLINE_OFFSET + name_len + 1 + args_len + 1 > GUEST_BOOT_DATA_SIZE)
		return 0;
	char *cmdline = (char *)buf + CMDLINE_OFFSET;
	memcpy(cmdline, name, name_len);
	cmdline[name_len] = ' ';
	memcpy(cmdline + name_len + 1, args, args_len + 1);

	/* Conventional memory below 640 KiB, the rest from 1 MiB (none for a tiny guest). */
	uint64_t low = ram_size < GUEST_LOW_RAM_END ? ram_size : GUEST_LOW_RAM_END;
	uint64_t high = ram_size > GUEST_HIGH_RAM_BASE ? ram_size - GUEST_HIGH_RAM_BASE : 0;
	const struct mb_mmap_entry mmap[] = {
		{ sizeof(struct mb_mmap_entry) - 4, 0, low, MB_MMAP_RAM },
		{ sizeof(struct mb_mmap_entry) - 4, GUEST_HIGH_RAM_BASE, high, MB_MMAP_RAM },
	};
	size_t nr_mmap = high ? 2 : 1;
	memcpy(buf + MMAP_OFFSET, mmap, nr_mmap * sizeof(mmap[0]));

	struct mb_info mbi = {
		.flags = MB_INFO_MEMORY | MB_INFO_CMDLINE | MB_INFO_MMAP,
		.mem_lower = (uint32_t)(low / 1024),
		.mem_upper = (uint32_t)(high / 1024),
		.cmdline = GUEST_BOOT_DATA_GPA + CMDLINE_OFFSET,
		.mmap_length = (uint32_t)(nr_mmap * sizeof(mmap[0])),
		.mmap_addr = GUEST_BOOT_DATA_GPA + MMAP_OFFSET,
	};
	memcpy(buf + MBI_OFFSET, &mbi, sizeof(mbi));
	return GUEST_BOOT_DATA_GPA + MBI_OFFSET;
}
