/* boot_info from a multiboot v1 information structure (QEMU -kernel, GRUB): memory map,
 * command line and modules (guest images). Strings are copied: the loader's tables live
 * in memory the allocator may hand out. */
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>
#include <multiboot.h>
#include "boot_x86.h"
#include "mb_strings.h"
#include "mem_ranges.h"

#define LOW_MEMORY_END 0x100000ull /* BIOS data, EBDA, option ROMs: never handed out */
#define IDENTITY_MAP_END (4ull << 30) /* what longmode.inc maps: RAM above is not used */

static char hv_cmdline[512];
static char module_cmdlines[HV_MAX_MODULES][512];
static char module_names[HV_MAX_MODULES][128];

static const void *phys(uint32_t pa) { return (const void *)(uintptr_t)pa; }

static unsigned collect_ram(const struct mb_info *mbi, struct phys_range *ram, unsigned max)
{
	unsigned n = 0;
	if (mbi->flags & MB_INFO_MMAP) {
		uint32_t off = 0;
		while (off + sizeof(struct mb_mmap_entry) <= mbi->mmap_length && n < max) {
			const struct mb_mmap_entry *e = phys(mbi->mmap_addr + off);
			if (e->type == MB_MMAP_RAM)
				ram[n++] = (struct phys_range){ e->addr, e->len };
			off += e->size + 4;
		}
	} else if (mbi->flags & MB_INFO_MEMORY) {
		ram[n++] = (struct phys_range){ LOW_MEMORY_END, (uint64_t)mbi->mem_upper * 1024 };
	}
	return n;
}

int x86_boot_info_from_multiboot(uint32_t magic, uint32_t mbi_pa, struct boot_info *bi)
{
	extern char __hv_start[], __hv_end[];
	if (magic != MB_LOADER_MAGIC) {
		printf("testvisor: not started by a multiboot loader (magic %#x)\n", magic);
		return -1;
	}
	const struct mb_info *mbi = phys(mbi_pa);
	bi->boot_path = "multiboot";
	const char *loader = (mbi->flags & MB_INFO_LOADER_NAME) ? phys(mbi->boot_loader_name) : NULL;
	if (mbi->flags & MB_INFO_CMDLINE) {
		strncpy(hv_cmdline, mb_cmdline_args(phys(mbi->cmdline), loader), sizeof(hv_cmdline) - 1);
		bi->cmdline = hv_cmdline;
	}

	struct phys_range used[2 + HV_MAX_MODULES];
	unsigned nr_used = 0;
	used[nr_used++] = (struct phys_range){ (uintptr_t)__hv_start,
					      (uintptr_t)(__hv_end - __hv_start) };
	if (mbi->flags & MB_INFO_MODS) {
		const struct mb_module *mods = phys(mbi->mods_addr);
		for (uint32_t i = 0; i < mbi->mods_count; i++) {
			if (bi->nr_modules == HV_MAX_MODULES) {
				printf("testvisor: more than %u boot modules, ignoring the rest\n",
				       HV_MAX_MODULES);
				break;
			}
			struct boot_module *m = &bi->modules[bi->nr_modules];
			m->base = pa_init(mods[i].mod_start);
			m->size = mods[i].mod_end - mods[i].mod_start;
			if (mods[i].string) {
				char *copy = module_cmdlines[bi->nr_modules];
				const char *s = phys(mods[i].string);
				const char *spec = mb_module_spec(s);
				strncpy(copy, spec, 511);
				m->cmdline = copy;
				/* GRUB 2 passes no path: the module is then named by its number. */
				size_t path_len = spec == s ? 0 : strcspn(s, " ");
				if (path_len)
					snprintf(module_names[bi->nr_modules], sizeof(module_names[0]),
						 "%.*s", (int)path_len, s);
				else
					snprintf(module_names[bi->nr_modules], sizeof(module_names[0]),
						 "module %u", (unsigned)i);
				m->name = module_names[bi->nr_modules];
			}
			used[nr_used++] = (struct phys_range){ mods[i].mod_start, m->size };
			bi->nr_modules++;
		}
	}

	struct phys_range ram[HV_MAX_MEM_RANGES], free_mem[HV_MAX_MEM_RANGES];
	unsigned nr_ram = collect_ram(mbi, ram, HV_MAX_MEM_RANGES);
	unsigned nr_free = mem_ranges_free(ram, nr_ram, used, nr_used, LOW_MEMORY_END,
					   IDENTITY_MAP_END, free_mem, HV_MAX_MEM_RANGES);
	for (unsigned i = 0; i < nr_free; i++)
		bi->free_mem[i] = (struct mem_range){ pa_init(free_mem[i].base), free_mem[i].size };
	bi->nr_free_mem = nr_free;
	return 0;
}
