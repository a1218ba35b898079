/* Which RAM testvisor may hand to its allocator, worked out from what occupies it (pure
 * logic, host unit-tested in tests/unit/riscv/test_rv_ram_layout.c). */
#ifndef RV_RAM_LAYOUT_H
#define RV_RAM_LAYOUT_H

#include <hv/hv.h>
#include <stdint.h>

/* What the DTB and the linker say: [base, end) ranges; initrd_end == initrd_base when
 * there is no initrd. Everything below image_end (the firmware, testvisor) is used.
 * The initrd is the whole of it as /chosen names it, every boot module made from it. */
struct rv_ram_facts {
	uint64_t ram_base, ram_end;
	uint64_t image_end;
	uint64_t fdt_base, fdt_end;
	uint64_t initrd_base, initrd_end;
};

struct rv_ram_plan {
	uint64_t initrd_base;  /* where the initrd is to be (the caller moves it there) */
	struct mem_range free[HV_MAX_MEM_RANGES];
	unsigned nr_free;
};

void rv_plan_ram(const struct rv_ram_facts *facts, struct rv_ram_plan *plan);

/* The initrd [from, from + size) moved to `to`: the boot modules inside it (one per file
 * of a cpio archive, hv/boot_modules.c) move by the same distance. */
void rv_move_modules(struct boot_module *modules, unsigned n, uint64_t from, uint64_t size,
		     uint64_t to);

#endif
