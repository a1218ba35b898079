/* Multiboot information from the UEFI memory map (see efi_handoff.h). Self-contained:
 * the EFI stage has no C library, so the few string and memory helpers are here. */
#include "efi_handoff.h"
#include <multiboot.h>

#define PAGE 4096ull
#define FOUR_GIB (1ull << 32)

static size_t str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static void copy(void *dst, const void *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((uint8_t *)dst)[i] = ((const uint8_t *)src)[i];
}

static void zero(void *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((uint8_t *)dst)[i] = 0;
}

static int is_ram(uint32_t type)
{
	return type == EFI_LOADER_CODE || type == EFI_LOADER_DATA || type == EFI_BS_CODE ||
	       type == EFI_BS_DATA || type == EFI_CONVENTIONAL;
}

/* A bump allocator over the hand-off buffer. */
struct area {
	uint8_t *buf;
	uint64_t pa;
	size_t used;
};

static void *take(struct area *a, size_t len, uint32_t *pa)
{
	len = (len + 7) & ~(size_t)7;
	if (a->used + len > HANDOFF_BUFFER_SIZE)
		return NULL;
	void *p = a->buf + a->used;
	*pa = (uint32_t)(a->pa + a->used);
	a->used += len;
	return p;
}

static uint32_t put_string(struct area *a, const char *s)
{
	uint32_t pa;
	char *d = take(a, str_len(s) + 1, &pa);
	if (!d)
		return 0;
	copy(d, s, str_len(s) + 1);
	return pa;
}

uint32_t handoff_build(uint8_t *buf, uint64_t buf_pa, const void *map, size_t map_size,
		       size_t desc_size, const char *cmdline, const struct handoff_module *mods,
		       unsigned nr_modules)
{
	if (buf_pa + HANDOFF_BUFFER_SIZE > FOUR_GIB || desc_size < sizeof(struct efi_mem_desc))
		return 0;
	zero(buf, HANDOFF_BUFFER_SIZE);
	struct area a = { buf, buf_pa, 0 };
	uint32_t mbi_pa, mmap_pa, mods_pa = 0;
	struct mb_info *mbi = take(&a, sizeof(*mbi), &mbi_pa);
	struct mb_mmap_entry *mmap = take(&a, HANDOFF_MAX_MMAP * sizeof(*mmap), &mmap_pa);
	struct mb_module *mod = nr_modules ? take(&a, nr_modules * sizeof(*mod), &mods_pa) : NULL;
	if (!mbi || !mmap || (nr_modules && !mod))
		return 0;

	unsigned n = 0;
	for (size_t off = 0; off + desc_size <= map_size; off += desc_size) {
		struct efi_mem_desc d;
		copy(&d, (const uint8_t *)map + off, sizeof(d));
		if (!is_ram(d.type) || !d.nr_pages)
			continue;
		uint64_t len = d.nr_pages * PAGE;
		if (n && mmap[n - 1].addr + mmap[n - 1].len == d.phys_start) {
			mmap[n - 1].len += len; /* adjacent: merge */
			continue;
		}
		if (n == HANDOFF_MAX_MMAP)
			return 0;
		mmap[n++] = (struct mb_mmap_entry){ sizeof(struct mb_mmap_entry) - 4, d.phys_start,
						     len, MB_MMAP_RAM };
	}
	mbi->flags = MB_INFO_MMAP | MB_INFO_CMDLINE | (nr_modules ? MB_INFO_MODS : 0);
	mbi->mmap_addr = mmap_pa;
	mbi->mmap_length = n * sizeof(struct mb_mmap_entry);
	mbi->cmdline = put_string(&a, cmdline);
	if (!mbi->cmdline)
		return 0;
	for (unsigned i = 0; i < nr_modules; i++) {
		if (mods[i].base + mods[i].size > FOUR_GIB)
			return 0;
		mod[i].mod_start = (uint32_t)mods[i].base;
		mod[i].mod_end = (uint32_t)(mods[i].base + mods[i].size);
		mod[i].string = put_string(&a, mods[i].cmdline);
		if (!mod[i].string)
			return 0;
	}
	mbi->mods_count = nr_modules;
	mbi->mods_addr = mods_pa;
	return mbi_pa;
}

uint64_t handoff_entry64(const uint8_t *image, size_t len) { return mb_find_entry64(image, len); }
