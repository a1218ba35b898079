/* Multiboot v1 information for guests (see x86/guest_boot.h). */
#include <multiboot.h>
#include <string.h>
#include <x86/guest_boot.h>

#define MBI_OFFSET 0x0
#define MMAP_OFFSET 0x100
#define MODULE_OFFSET 0x1e0      /* one struct mb_module */
#define MODULE_NAME_OFFSET 0x1f0 /* its string */
#define CMDLINE_OFFSET 0x200
#define PAGE 0x1000ull
#define MAX_RAM_RANGES 2

struct gpa_range {
	uint64_t base, end;
};

/* The guest's RAM as its memory map describes it: conventional memory below 640 KiB, the
 * rest from 1 MiB (none for a tiny guest). */
static unsigned guest_ram(uint64_t ram_size, struct gpa_range ram[MAX_RAM_RANGES])
{
	unsigned n = 0;
	ram[n++] = (struct gpa_range){ 0, ram_size < GUEST_LOW_RAM_END ? ram_size : GUEST_LOW_RAM_END };
	if (ram_size > GUEST_HIGH_RAM_BASE)
		ram[n++] = (struct gpa_range){ GUEST_HIGH_RAM_BASE, ram_size };
	return n;
}

static uint64_t align_up(uint64_t v) { return (v + PAGE - 1) & ~(PAGE - 1); }

uint32_t guest_boot_place(uint64_t ram_size, uint64_t image_lo, uint64_t image_hi)
{
	struct gpa_range ram[MAX_RAM_RANGES];
	unsigned n = guest_ram(ram_size, ram);
	for (unsigned i = 0; i < n; i++) {
		uint64_t at = align_up(ram[i].base > GUEST_BOOT_DATA_FLOOR ? ram[i].base : GUEST_BOOT_DATA_FLOOR);
		if (image_lo < at + GUEST_BOOT_DATA_SIZE && at < image_hi)
			at = align_up(image_hi); /* past the image, in this range if it still fits */
		if (at + GUEST_BOOT_DATA_SIZE <= ram[i].end && at + GUEST_BOOT_DATA_SIZE <= (1ull << 32))
			return (uint32_t)at;
	}
	return 0;
}

/* The memory map: each RAM range, with the boot data [gpa, gpa + size) cut out of the
 * range holding it and listed as reserved when `reserve`. Returns the number of entries. */
unsigned guest_boot_memory_map(struct mb_mmap_entry *out, uint64_t ram_size, uint32_t gpa, bool reserve)
{
	_Static_assert(GUEST_BOOT_MMAP_MAX == MAX_RAM_RANGES + 2, "a range split in three");
	struct gpa_range ram[MAX_RAM_RANGES];
	unsigned nr_ram = guest_ram(ram_size, ram), n = 0;
	const uint64_t boot_end = (uint64_t)gpa + GUEST_BOOT_DATA_SIZE;
	const struct gpa_range boot = { gpa, boot_end };
	for (unsigned i = 0; i < nr_ram; i++) {
		if (!reserve || gpa < ram[i].base || boot_end > ram[i].end) {
			out[n++] = (struct mb_mmap_entry){ sizeof(*out) - 4, ram[i].base,
							   ram[i].end - ram[i].base, MB_MMAP_RAM };
			continue;
		}
		const struct { struct gpa_range r; uint32_t type; } parts[] = {
			{ { ram[i].base, boot.base }, MB_MMAP_RAM },
			{ boot, MB_MMAP_RESERVED },
			{ { boot.end, ram[i].end }, MB_MMAP_RAM },
		};
		for (unsigned p = 0; p < 3; p++)
			if (parts[p].r.end > parts[p].r.base)
				out[n++] = (struct mb_mmap_entry){ sizeof(*out) - 4, parts[p].r.base,
								   parts[p].r.end - parts[p].r.base,
								   parts[p].type };
	}
	return n;
}

uint32_t guest_boot_build(uint8_t *buf, uint32_t gpa, uint64_t ram_size, bool reserve,
			  const char *name, const char *args)
{
	memset(buf, 0, GUEST_BOOT_DATA_SIZE);
	size_t name_len = strlen(name), args_len = strlen(args);
	if (CMDLINE_OFFSET + name_len + 1 + args_len + 1 > GUEST_BOOT_SECRETS_OFFSET)
		return 0;
	char *cmdline = (char *)buf + CMDLINE_OFFSET;
	memcpy(cmdline, name, name_len);
	cmdline[name_len] = ' ';
	memcpy(cmdline + name_len + 1, args, args_len + 1);

	struct mb_mmap_entry mmap[GUEST_BOOT_MMAP_MAX];
	unsigned nr_mmap = guest_boot_memory_map(mmap, ram_size, gpa, reserve);
	_Static_assert(sizeof(mmap) <= CMDLINE_OFFSET - MMAP_OFFSET, "memory map fits its slot");
	memcpy(buf + MMAP_OFFSET, mmap, nr_mmap * sizeof(mmap[0]));

	uint64_t low = ram_size < GUEST_LOW_RAM_END ? ram_size : GUEST_LOW_RAM_END;
	uint64_t high = ram_size > GUEST_HIGH_RAM_BASE ? ram_size - GUEST_HIGH_RAM_BASE : 0;
	struct mb_info mbi = {
		.flags = MB_INFO_MEMORY | MB_INFO_CMDLINE | MB_INFO_MMAP,
		.mem_lower = (uint32_t)(low / 1024),
		.mem_upper = (uint32_t)(high / 1024),
		.cmdline = gpa + CMDLINE_OFFSET,
		.mmap_length = (uint32_t)(nr_mmap * sizeof(mmap[0])),
		.mmap_addr = gpa + MMAP_OFFSET,
	};
	memcpy(buf + MBI_OFFSET, &mbi, sizeof(mbi));
	return gpa + MBI_OFFSET;
}

void guest_boot_add_secrets(uint8_t *buf, uint32_t gpa)
{
	_Static_assert(MODULE_NAME_OFFSET + sizeof(GUEST_BOOT_SECRETS_NAME) <= CMDLINE_OFFSET,
		       "the module's name fits before the command line");
	struct mb_module mod = { gpa + GUEST_BOOT_SECRETS_OFFSET, gpa + GUEST_BOOT_SECRETS_OFFSET + PAGE,
				 gpa + MODULE_NAME_OFFSET, 0 };
	memcpy(buf + MODULE_OFFSET, &mod, sizeof(mod));
	memcpy(buf + MODULE_NAME_OFFSET, GUEST_BOOT_SECRETS_NAME, sizeof(GUEST_BOOT_SECRETS_NAME));
	struct mb_info mbi;
	memcpy(&mbi, buf + MBI_OFFSET, sizeof(mbi));
	mbi.flags |= MB_INFO_MODS;
	mbi.mods_count = 1;
	mbi.mods_addr = gpa + MODULE_OFFSET;
	memcpy(buf + MBI_OFFSET, &mbi, sizeof(mbi));
}

#define PTE_P_RW 0x3ull
#define PDE_2M 0x83ull
uint64_t guest_boot_page_tables(uint8_t *buf, uint32_t gpa, uint64_t cbit_mask)
{
	uint64_t pml4 = gpa + GUEST_BOOT_TABLES_OFFSET, pdpt = pml4 + PAGE, pd = pdpt + PAGE;
	uint64_t e = pdpt | PTE_P_RW | cbit_mask;
	memcpy(buf + GUEST_BOOT_TABLES_OFFSET, &e, 8);
	e = pd | PTE_P_RW | cbit_mask;
	memcpy(buf + GUEST_BOOT_TABLES_OFFSET + PAGE, &e, 8);
	for (uint64_t i = 0; i < 512; i++) {
		e = (i << 21) | PDE_2M | cbit_mask;
		memcpy(buf + GUEST_BOOT_TABLES_OFFSET + 2 * PAGE + 8 * i, &e, 8);
	}
	return pml4 | cbit_mask;
}
