/* Test helper: small ELF images (tests/unit/core/elf_image.h). */
#include <string.h>
#include "elf_image.h"

void elf_image_put(uint8_t *p, uint64_t v, unsigned n, bool big)
{
	for (unsigned i = 0; i < n; i++)
		p[big ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

size_t elf_image_build(uint8_t *img, bool is64, bool big, uint16_t machine, uint64_t paddr,
		       uint64_t entry, size_t filesz, size_t bss)
{
	size_t eh = is64 ? 64 : 52, ph = is64 ? 56 : 32;
	memset(img, 0, eh + ph + filesz);
	memcpy(img, "\177ELF", 4);
	img[4] = is64 ? 2 : 1;
	img[5] = big ? 2 : 1;
	img[6] = 1;
	elf_image_put(img + 18, machine, 2, big);
	elf_image_put(img + 24, entry, is64 ? 8 : 4, big);
	elf_image_put(img + (is64 ? 32 : 28), eh, is64 ? 8 : 4, big);
	elf_image_put(img + (is64 ? 54 : 42), ph, 2, big);
	elf_image_put(img + (is64 ? 56 : 44), 1, 2, big);
	uint8_t *p = img + eh;
	elf_image_put(p, 1, 4, big);
	if (is64) {
		elf_image_put(p + 8, eh + ph, 8, big);
		elf_image_put(p + 24, paddr, 8, big);
		elf_image_put(p + 32, filesz, 8, big);
		elf_image_put(p + 40, filesz + bss, 8, big);
	} else {
		elf_image_put(p + 4, eh + ph, 4, big);
		elf_image_put(p + 12, paddr, 4, big);
		elf_image_put(p + 16, filesz, 4, big);
		elf_image_put(p + 20, filesz + bss, 4, big);
	}
	memset(img + eh + ph, 0x5a, filesz);
	return eh + ph + filesz;
}
