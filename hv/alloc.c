/* Page allocator over the free RAM ranges the boot code found. A small array of free
 * extents, first fit with alignment; freed pages are merged back with their neighbours.
 * Pure logic apart from zeroing, so it is unit-tested on the host. */
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>

#define MAX_EXTENTS 64

struct extent {
	uintptr_t base; /* page aligned */
	size_t pages;
};

static struct extent extents[MAX_EXTENTS];
static unsigned nr_extents;

static void remove_extent(unsigned i)
{
	memmove(&extents[i], &extents[i + 1], (nr_extents - i - 1) * sizeof(extents[0]));
	nr_extents--;
}

/* Inserts a free extent, keeping the array sorted and merged. */
static void insert_extent(uintptr_t base, size_t pages)
{
	unsigned i = 0;
	while (i < nr_extents && extents[i].base < base)
		i++;
	if (i > 0 && extents[i - 1].base + extents[i - 1].pages * PAGE_SIZE == base) {
		extents[i - 1].pages += pages;
		if (i < nr_extents && base + pages * PAGE_SIZE == extents[i].base) {
			extents[i - 1].pages += extents[i].pages;
			remove_extent(i);
		}
		return;
	}
	if (i < nr_extents && base + pages * PAGE_SIZE == extents[i].base) {
		extents[i].base = base;
		extents[i].pages += pages;
		return;
	}
	if (nr_extents == MAX_EXTENTS)
		return; /* too fragmented: leak these pages rather than fail */
	memmove(&extents[i + 1], &extents[i], (nr_extents - i) * sizeof(extents[0]));
	extents[i] = (struct extent){ base, pages };
	nr_extents++;
}

void hv_alloc_init(const struct mem_range *ranges, unsigned n)
{
	nr_extents = 0;
	for (unsigned i = 0; i < n; i++) {
		uintptr_t lo = PAGE_ALIGN_UP(pa_addr(ranges[i].base));
		uintptr_t hi = (pa_addr(ranges[i].base) + ranges[i].size) & ~(PAGE_SIZE - 1);
		/* Never hand out page 0: a null paddr means "out of memory". */
		if (lo == 0)
			lo = PAGE_SIZE;
		if (hi > lo)
			insert_extent(lo, (hi - lo) / PAGE_SIZE);
	}
}

paddr_t hv_alloc_pages_nozero(size_t npages, size_t align_pages)
{
	size_t align = (align_pages ? align_pages : 1) * PAGE_SIZE;
	for (unsigned i = 0; i < nr_extents; i++) {
		struct extent *e = &extents[i];
		uintptr_t start = (e->base + align - 1) & ~(uintptr_t)(align - 1);
		uintptr_t end = e->base + e->pages * PAGE_SIZE;
		if (start < e->base || start + npages * PAGE_SIZE > end)
			continue;
		uintptr_t old_base = e->base;
		remove_extent(i);
		if (start > old_base)
			insert_extent(old_base, (start - old_base) / PAGE_SIZE);
		uintptr_t tail = start + npages * PAGE_SIZE;
		if (end > tail)
			insert_extent(tail, (end - tail) / PAGE_SIZE);
		return pa_init(start);
	}
	return pa_init(0);
}

paddr_t hv_alloc_pages(size_t npages, size_t align_pages)
{
	paddr_t pa = hv_alloc_pages_nozero(npages, align_pages);
	if (pa_addr(pa))
		memset(ptr_from_pa(pa), 0, npages * PAGE_SIZE);
	return pa;
}

void hv_free_pages(paddr_t pa, size_t npages)
{
	if (pa_addr(pa) && npages)
		insert_extent(pa_addr(pa), npages);
}

size_t hv_free_page_count(void)
{
	size_t n = 0;
	for (unsigned i = 0; i < nr_extents; i++)
		n += extents[i].pages;
	return n;
}

/* The invariants every operation keeps: extents page aligned, non-empty, never page 0,
 * sorted, neither overlapping nor touching (touching ones are merged), not wrapping. */
bool hv_alloc_check(char *why, size_t whylen)
{
	if (nr_extents > MAX_EXTENTS) {
		snprintf(why, whylen, "allocator: %u extents, at most %u", nr_extents, MAX_EXTENTS);
		return false;
	}
	for (unsigned i = 0; i < nr_extents; i++) {
		const struct extent *e = &extents[i];
		uintptr_t end = e->base + e->pages * PAGE_SIZE;
		const char *bad = !e->base ? "holds page 0"
				  : !IS_PAGE_ALIGNED(e->base) ? "is not page aligned"
				  : !e->pages ? "is empty"
				  : end <= e->base ? "wraps around"
				  : i && extents[i - 1].base + extents[i - 1].pages * PAGE_SIZE > e->base
					  ? "overlaps or is out of order with the one before"
				  : i && extents[i - 1].base + extents[i - 1].pages * PAGE_SIZE == e->base
					  ? "touches the one before without being merged"
					  : NULL;
		if (bad) {
			snprintf(why, whylen, "allocator: free extent %u (%#lx, %lu pages) %s", i,
				 (unsigned long)e->base, (unsigned long)e->pages, bad);
			return false;
		}
	}
	return true;
}
