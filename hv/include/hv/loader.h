/* Guest image loading: validates an ELF image and copies its PT_LOAD segments into guest
 * memory. Pure logic over a write callback, so the host unit tests drive it directly. */
#ifndef HV_LOADER_H
#define HV_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_target {
	unsigned elf_class;   /* 1 = ELF32, 2 = ELF64 */
	unsigned elf_data;    /* 1 = little endian, 2 = big endian */
	unsigned machine;     /* e_machine */
	uint64_t ram_base, ram_size;       /* where segments may go (guest-physical) */
	uint64_t reserved_base, reserved_size; /* what they must not touch (boot data) */
	/* Copies `len` bytes (src NULL: zeroes) to guest-physical `addr`. */
	bool (*write)(void *ctx, uint64_t addr, const void *src, size_t len);
	void *ctx;
};

struct elf_loaded {
	uint64_t entry;
	uint64_t lowest, highest; /* loaded range [lowest, highest) */
};

/* Returns 0, or -1 with a one-line reason in `err` (nothing is loaded partially only when
 * validation fails; a failed write leaves the VM to be destroyed). */
int elf_load(const void *image, size_t size, const struct elf_target *t,
	     struct elf_loaded *out, char *err, size_t errlen);

#endif
