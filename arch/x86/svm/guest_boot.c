/* Multiboot v1 information for guests (see x86/guest_boot.h). */
#include <string.h>
#include <x86/guest_boot.h>
#include <x86/multiboot.h>

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

	const struct mb_mmap_entry mmap[] = {
		{ sizeof(struct mb_mmap_entry) - 4, 0, GUEST_LOW_RAM_END, MB_MMAP_RAM },
		{ sizeof(struct mb_mmap_entry) - 4, GUEST_HIGH_RAM_BASE,
		  ram_size - GUEST_HIGH_RAM_BASE, MB_MMAP_RAM },
	};
	memcpy(buf + MMAP_OFFSET, mmap, sizeof(mmap));

	struct mb_info mbi = {
		.flags = MB_INFO_MEMORY | MB_INFO_CMDLINE | MB_INFO_MMAP,
		.mem_lower = GUEST_LOW_RAM_END / 1024,
		.mem_upper = (uint32_t)((ram_size - GUEST_HIGH_RAM_BASE) / 1024),
		.cmdline = GUEST_BOOT_DATA_GPA + CMDLINE_OFFSET,
		.mmap_length = sizeof(mmap),
		.mmap_addr = GUEST_BOOT_DATA_GPA + MMAP_OFFSET,
	};
	memcpy(buf + MBI_OFFSET, &mbi, sizeof(mbi));
	return GUEST_BOOT_DATA_GPA + MBI_OFFSET;
}
