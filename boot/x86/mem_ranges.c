#include "mem_ranges.h"

#define PAGE 4096ull

/* Adds [base, end) after cutting out every used range, recursively on the pieces. */
static unsigned add_piece(uint64_t base, uint64_t end, const struct phys_range *used,
			  unsigned nr_used, struct phys_range *out, unsigned n, unsigned max)
{
	base = (base + PAGE - 1) & ~(PAGE - 1);
	end &= ~(PAGE - 1);
	if (base >= end)
		return n;
	for (unsigned i = 0; i < nr_used; i++) {
		uint64_t ub = used[i].base, ue = used[i].base + used[i].size;
		if (!used[i].size || ue <= base || ub >= end)
			continue;
		n = add_piece(base, ub, used + i + 1, nr_used - i - 1, out, n, max);
		return add_piece(ue, end, used + i + 1, nr_used - i - 1, out, n, max);
	}
	if (n < max)
		out[n++] = (struct phys_range){ base, end - base };
	return n;
}

unsigned mem_ranges_free(const struct phys_range *ram, unsigned nr_ram,
			 const struct phys_range *used, unsigned nr_used, uint64_t floor,
			 uint64_t ceiling, struct phys_range *out, unsigned max)
{
	unsigned n = 0;
	for (unsigned i = 0; i < nr_ram; i++) {
		uint64_t base = ram[i].base, end = ram[i].base + ram[i].size;
		if (end <= floor || base >= ceiling)
			continue;
		if (base < floor)
			base = floor;
		if (end > ceiling)
			end = ceiling;
		n = add_piece(base, end, used, nr_used, out, n, max);
	}
	return n;
}
