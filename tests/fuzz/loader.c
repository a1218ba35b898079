/* Fuzz target: the guest-image loader (hv/loader.c), ELF32/ELF64 of either byte order,
 * arm64 and riscv64 Linux Images, raw images. The image comes from whoever wrote the
 * guest, so it is hostile input. Input: one byte choosing the machine (as hv/run.c fills
 * struct elf_target for each architecture), then the image.
 * Checks beyond the sanitizers: every write lands inside guest RAM and clear of the boot
 * data, copies only bytes of the image, and a successful load reports a range that holds
 * the entry point and every write. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/loader.h>

#define RAM_SIZE (16ull << 20)
#define RESERVED_SIZE 0x10000ull

/* The four machines' ELF identity and -kernel addresses (arch/<arch>/include/arch_types.h),
 * and whether a write fails partway (the loader must then report failure). */
static const struct profile {
	unsigned elf_class, elf_data, machine;
	uint64_t ram_base;
	enum linux_image_kind linux_image;
	uint64_t kernel_addr;
} profiles[] = {
	{ 1, 1, 3, 0, LINUX_IMAGE_X86_BZIMAGE, 0 },                            /* x86_64 */
	{ 2, 1, 183, 0x40000000ull, LINUX_IMAGE_ARM64, 0x40080000ull },        /* arm64 */
	{ 2, 1, 243, 0x80000000ull, LINUX_IMAGE_RISCV, 0x80200000ull },        /* riscv64 */
	{ 2, 2, 22, 0, LINUX_IMAGE_NONE, 0 },                                  /* s390x */
};

struct sink {
	const struct elf_target *t;
	const uint8_t *img;
	size_t size;
	uint64_t lowest, highest;
	unsigned writes, fail_at;
	volatile uint8_t sum;
};

static bool sink_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	struct sink *s = ctx;
	const struct elf_target *t = s->t;
	if (len == 0)
		return ++s->writes != s->fail_at;
	/* Inside RAM, clear of the reserved boot data. */
	if (addr < t->ram_base || len > t->ram_size || addr - t->ram_base > t->ram_size - len)
		abort();
	if (addr < t->reserved_base + t->reserved_size && t->reserved_base < addr + len)
		abort();
	if (src) {
		const uint8_t *p = src;
		if (p < s->img || len > s->size || (size_t)(p - s->img) > s->size - len)
			abort();
		s->sum ^= p[0] ^ p[len - 1]; /* the ends of what is copied must be readable */
	}
	if (addr < s->lowest)
		s->lowest = addr;
	if (addr + len > s->highest)
		s->highest = addr + len;
	return ++s->writes != s->fail_at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct profile *p = &profiles[data[0] & 3];
	bool fail_a_write = data[0] & 4;
	bool elf_only = data[0] & 8;
	/* A private copy, exactly as long as the image: ASan sees any read past its end. */
	size_t n = size - 1;
	uint8_t *img = malloc(n ? n : 1);
	memcpy(img, data + 1, n);
	struct elf_target t = {
		.elf_class = p->elf_class, .elf_data = p->elf_data, .machine = p->machine,
		.ram_base = p->ram_base, .ram_size = RAM_SIZE,
		.reserved_base = p->ram_base + RAM_SIZE - RESERVED_SIZE, .reserved_size = RESERVED_SIZE,
		.linux_image = p->linux_image, .kernel_addr = p->kernel_addr,
		.write = sink_write,
	};
	struct sink s = { .t = &t, .img = img, .size = n, .lowest = ~0ull, .fail_at = fail_a_write ? 2 : 0 };
	t.ctx = &s;
	struct elf_loaded out;
	char err[160];
	int rc = elf_only ? elf_load(img, n, &t, &out, err, sizeof(err))
			  : image_load(img, n, &t, &out, err, sizeof(err));
	if (rc == 0) {
		if (fail_a_write && s.writes >= 2)
			abort(); /* a failed copy must fail the load */
		if (!out.format || out.lowest > out.highest || out.entry < out.lowest ||
		    out.entry >= out.highest)
			abort();
		if (out.lowest < t.ram_base || out.highest - t.ram_base > t.ram_size)
			abort();
		if (s.writes && (s.lowest < out.lowest || s.highest > out.highest))
			abort();
	} else if (!memchr(err, '\0', sizeof(err)) || !err[0]) {
		abort(); /* a refusal always says why */
	}
	free(img);
	return 0;
}
