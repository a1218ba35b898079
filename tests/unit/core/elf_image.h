/* Test helper: builds small ELF images for the loader's and the run loop's tests. */
#ifndef TEST_ELF_IMAGE_H
#define TEST_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Builds an image with one PT_LOAD segment of `filesz` bytes (0x5a) + `bss` zero bytes at
 * `paddr`, entry `entry`, into `img` (room for 120 + filesz bytes); returns its size. */
size_t elf_image_build(uint8_t *img, bool is64, bool big, uint16_t machine, uint64_t paddr,
		       uint64_t entry, size_t filesz, size_t bss);

/* Stores the `n`-byte value `v` at `p` in the given byte order (for breaking images). */
void elf_image_put(uint8_t *p, uint64_t v, unsigned n, bool big);

#endif
