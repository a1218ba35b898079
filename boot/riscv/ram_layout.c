/* Free RAM for the allocator: see ram_layout.h. */
#include "ram_layout.h"
#include <stdbool.h>

/* A used range [base, end). */
struct used { uint64_t base, end; };

/* Adds [base, end) minus every used range (ascending) to the plan's free list. */
static void add_free(struct rv_ram_plan *plan, uint64_t base, uint64_t end,
		     const struct used *used, unsigned nr_used)
{
	for (unsigned i = 0; i < nr_used && base < end; i++) {
		if (used[i].end <= base || used[i].base >= end)
			continue;
		if (used[i].base > base)
			add_free(plan, base, used[i].base, used + i + 1, nr_used - i - 1);
		base = used[i].end;
	}
	base = PAGE_ALIGN_UP(base);
	end &= ~(uint64_t)(PAGE_SIZE - 1);
	if (base < end && plan->nr_free < HV_MAX_MEM_RANGES) {
		plan->free[plan->nr_free].base = pa_init(base);
		plan->free[plan->nr_free].size = end - base;
		plan->nr_free++;
	}
}

static bool overlaps(uint64_t base, uint64_t end, uint64_t other_base, uint64_t other_end)
{
	return base < other_end && other_base < end;
}

/* QEMU puts the initrd 128 MiB into RAM (half-way with less than 256 MiB), which cuts
 * free RAM in two and leaves no room for a guest of half the machine. Moved down next to
 * testvisor (or just past a DTB that is there), it leaves free RAM in one piece. It only
 * ever moves down, never over the DTB, and stays where it is when no place fits. */
static uint64_t initrd_destination(const struct rv_ram_facts *f, uint64_t size)
{
	const uint64_t candidates[] = { PAGE_ALIGN_UP(f->image_end), PAGE_ALIGN_UP(f->fdt_end) };
	for (unsigned i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		uint64_t dest = candidates[i];
		if (dest >= f->image_end && dest <= f->initrd_base && dest + size <= f->ram_end &&
		    !overlaps(dest, dest + size, f->fdt_base, f->fdt_end))
			return dest;
	}
	return f->initrd_base;
}

void rv_plan_ram(const struct rv_ram_facts *f, struct rv_ram_plan *plan)
{
	plan->nr_free = 0;
	uint64_t initrd_size = f->initrd_end - f->initrd_base;
	plan->initrd_base = initrd_size ? initrd_destination(f, initrd_size) : f->initrd_base;
	struct used used[3];
	unsigned n = 0;
	used[n++] = (struct used){ 0, f->image_end };
	used[n++] = (struct used){ f->fdt_base, f->fdt_end };
	if (initrd_size)
		used[n++] = (struct used){ plan->initrd_base, plan->initrd_base + initrd_size };
	/* add_free expects the used ranges in ascending order. */
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && used[j].base < used[j - 1].base; j--) {
			struct used t = used[j];
			used[j] = used[j - 1];
			used[j - 1] = t;
		}
	add_free(plan, f->ram_base, f->ram_end, used, n);
}

void rv_move_modules(struct boot_module *modules, unsigned n, uint64_t from, uint64_t size,
		     uint64_t to)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t at = pa_addr(modules[i].base);
		if (at >= from && at - from <= size)
			modules[i].base = pa_init(at - from + to);
	}
}
