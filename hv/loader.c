/* Guest images as QEMU's -kernel takes them (hv/include/hv/loader.h): ELF32/ELF64 of
 * either endianness (a PIE placed at the machine's kernel address), arm64 and riscv64
 * Linux Images, raw binaries. Validate everything first, then load. */
#include <hv/bzimage.h>
#include <hv/loader.h>
#include <stdio.h>
#include <string.h>

#define PT_LOAD 1
#define ET_DYN 3
#define MAX_SEGMENTS 16
#define PIE_ALIGN 0x1000ULL /* a PIE's segments keep their offsets within a page */

struct segment {
	uint64_t offset, paddr, filesz, memsz;
};

static uint64_t get(const uint8_t *p, unsigned n, bool big)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[big ? n - 1 - i : i] << (8 * i);
	return v;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* Whether [addr, addr + len) may receive the image: inside guest RAM and clear of the boot
 * data. Fills `err` naming `what` when not. */
static bool range_ok(const struct elf_target *t, const char *what, uint64_t addr, uint64_t len,
		     char *err, size_t errlen)
{
	if (addr < t->ram_base || len > t->ram_size || addr - t->ram_base > t->ram_size - len) {
		snprintf(err, errlen, "%s %#llx-%#llx lies outside guest RAM %#llx-%#llx", what,
			 (unsigned long long)addr, (unsigned long long)(addr + len),
			 (unsigned long long)t->ram_base,
			 (unsigned long long)(t->ram_base + t->ram_size));
		return false;
	}
	if (overlaps(addr, len, t->reserved_base, t->reserved_size)) {
		snprintf(err, errlen, "%s %#llx-%#llx overlaps memory testvisor reserves at %#llx-%#llx",
			 what, (unsigned long long)addr, (unsigned long long)(addr + len),
			 (unsigned long long)t->reserved_base,
			 (unsigned long long)(t->reserved_base + t->reserved_size));
		return false;
	}
	return true;
}

/* A PIE that does not fit in guest RAM as linked moves to the kernel address (QEMU would
 * load it where it was linked; testvisor gives it the machine's conventional place). */
static uint64_t pie_bias(const struct elf_target *t, const struct segment *segs, unsigned n)
{
	uint64_t lowest = ~0ULL, highest = 0;
	for (unsigned i = 0; i < n; i++) {
		if (segs[i].paddr < lowest)
			lowest = segs[i].paddr;
		if (segs[i].paddr + segs[i].memsz > highest)
			highest = segs[i].paddr + segs[i].memsz;
	}
	bool fits = lowest >= t->ram_base && highest - t->ram_base <= t->ram_size;
	if (fits || !t->kernel_addr)
		return 0;
	return t->kernel_addr - (lowest & ~(PIE_ALIGN - 1));
}

int elf_load(const void *image, size_t size, const struct elf_target *t,
	     struct elf_loaded *out, char *err, size_t errlen)
{
	const uint8_t *img = image;
	if (size < 16 || memcmp(img, "\177ELF", 4)) {
		snprintf(err, errlen, "not an ELF image (bad magic)");
		return -1;
	}
	if (img[4] != t->elf_class || img[5] != t->elf_data) {
		snprintf(err, errlen, "wrong ELF class/endianness (%u/%u, want %u/%u)",
			 img[4], img[5], t->elf_class, t->elf_data);
		return -1;
	}
	bool is64 = t->elf_class == 2, big = t->elf_data == 2;
	size_t ehsize = is64 ? 64 : 52;
	if (size < ehsize) {
		snprintf(err, errlen, "truncated: %zu bytes, ELF header needs %zu", size, ehsize);
		return -1;
	}
	unsigned machine = (unsigned)get(img + 18, 2, big);
	if (machine != t->machine) {
		snprintf(err, errlen, "wrong machine %u (want %u)", machine, t->machine);
		return -1;
	}
	uint64_t entry = get(img + 24, is64 ? 8 : 4, big);
	uint64_t phoff = get(img + (is64 ? 32 : 28), is64 ? 8 : 4, big);
	unsigned phentsize = (unsigned)get(img + (is64 ? 54 : 42), 2, big);
	unsigned phnum = (unsigned)get(img + (is64 ? 56 : 44), 2, big);
	if (phentsize < (is64 ? 56u : 32u) || phnum == 0 ||
	    phoff > size || (uint64_t)phentsize * phnum > size - phoff) {
		snprintf(err, errlen, "truncated or bad program headers (%u x %u at %#llx, size %zu)",
			 phnum, phentsize, (unsigned long long)phoff, size);
		return -1;
	}
	struct segment segs[MAX_SEGMENTS];
	unsigned nsegs = 0;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + (uint64_t)i * phentsize;
		if (get(ph, 4, big) != PT_LOAD)
			continue;
		struct segment s;
		if (is64) {
			s.offset = get(ph + 8, 8, big);
			s.paddr = get(ph + 24, 8, big);
			s.filesz = get(ph + 32, 8, big);
			s.memsz = get(ph + 40, 8, big);
		} else {
			s.offset = get(ph + 4, 4, big);
			s.paddr = get(ph + 12, 4, big);
			s.filesz = get(ph + 16, 4, big);
			s.memsz = get(ph + 20, 4, big);
		}
		if (s.memsz == 0)
			continue;
		if (nsegs == MAX_SEGMENTS) {
			snprintf(err, errlen, "more than %d loadable segments", MAX_SEGMENTS);
			return -1;
		}
		if (s.filesz > s.memsz || s.offset > size || s.filesz > size - s.offset) {
			snprintf(err, errlen, "truncated: segment %u needs bytes %#llx-%#llx, image has %zu",
				 i, (unsigned long long)s.offset,
				 (unsigned long long)(s.offset + s.filesz), size);
			return -1;
		}
		segs[nsegs++] = s;
	}
	if (!nsegs) {
		snprintf(err, errlen, "no loadable segment");
		return -1;
	}
	bool pie = get(img + 16, 2, big) == ET_DYN;
	uint64_t bias = pie ? pie_bias(t, segs, nsegs) : 0;
	for (unsigned i = 0; i < nsegs; i++) {
		struct segment *s = &segs[i];
		s->paddr += bias;
		if (!range_ok(t, "segment", s->paddr, s->memsz, err, errlen))
			return -1;
		for (unsigned j = 0; j < i; j++) {
			if (overlaps(s->paddr, s->memsz, segs[j].paddr, segs[j].memsz)) {
				snprintf(err, errlen, "segments overlap at %#llx", (unsigned long long)s->paddr);
				return -1;
			}
		}
	}
	entry += bias;
	out->format = pie ? "ELF PIE" : "ELF";
	out->lowest = ~0ULL;
	out->highest = 0;
	bool entry_loaded = false;
	for (unsigned i = 0; i < nsegs; i++) {
		struct segment *s = &segs[i];
		if (!t->write(t->ctx, s->paddr, img + s->offset, s->filesz) ||
		    !t->write(t->ctx, s->paddr + s->filesz, NULL, s->memsz - s->filesz)) {
			snprintf(err, errlen, "copying segment at %#llx failed", (unsigned long long)s->paddr);
			return -1;
		}
		if (s->paddr < out->lowest)
			out->lowest = s->paddr;
		if (s->paddr + s->memsz > out->highest)
			out->highest = s->paddr + s->memsz;
		if (entry >= s->paddr && entry < s->paddr + s->memsz)
			entry_loaded = true;
	}
	if (!entry_loaded) {
		snprintf(err, errlen, "entry point %#llx is not in any loaded segment",
			 (unsigned long long)entry);
		return -1;
	}
	out->entry = entry;
	return 0;
}


/* Offsets in the 64-byte Linux Image header, the same for arm64 and riscv64
 * (Documentation/arch/arm64/booting.rst, Documentation/arch/riscv/boot-image-header.rst). */
#define IMAGE_HDR_SIZE 64
#define IMAGE_TEXT_OFFSET 8
#define IMAGE_SIZE 16
#define IMAGE_FLAGS 24
#define IMAGE_MAGIC 0x38
#define IMAGE_FLAG_BE 1ULL
/* hw/arm/boot.c: a text_offset below its boot stub's size moves the image up 2 MiB. */
#define ARM64_BOOT_STUB_MAX 0x1000ULL
#define ARM64_STUB_SKIP (2ULL << 20)

struct linux_image_desc;
typedef int image_loader_fn(const struct linux_image_desc *d, const uint8_t *img, size_t size,
			    const struct elf_target *t, struct elf_loaded *out, char *err,
			    size_t errlen);
struct linux_image_desc {
	enum linux_image_kind kind;
	size_t magic_offset;
	const char *magic;
	size_t magic_len;
	const char *name;
	bool honours_text_offset; /* arm64: RAM base + text_offset; riscv64: kernel address */
	bool takes_any_image;     /* s390x: a non-Linux raw image has its own layout */
	image_loader_fn *load;
};

/* Copies `size` bytes to `addr` and zeroes up to `footprint`; fills `out`. */
static int place_blob(const struct elf_target *t, const char *format, const uint8_t *img,
		      size_t size, uint64_t addr, uint64_t footprint, struct elf_loaded *out,
		      char *err, size_t errlen)
{
	if (footprint < size)
		footprint = size;
	if (!range_ok(t, format, addr, footprint, err, errlen))
		return -1;
	if (!t->write(t->ctx, addr, img, size) ||
	    !t->write(t->ctx, addr + size, NULL, footprint - size)) {
		snprintf(err, errlen, "copying the %s to %#llx failed", format, (unsigned long long)addr);
		return -1;
	}
	out->entry = addr;
	out->lowest = addr;
	out->highest = addr + footprint;
	out->format = format;
	return 0;
}

static int linux_image_load(const struct linux_image_desc *d, const uint8_t *img, size_t size,
			    const struct elf_target *t, struct elf_loaded *out, char *err,
			    size_t errlen)
{
	if (size < IMAGE_HDR_SIZE) {
		snprintf(err, errlen, "truncated %s: %zu bytes, its header needs %d", d->name, size,
			 IMAGE_HDR_SIZE);
		return -1;
	}
	uint64_t text_offset = get(img + IMAGE_TEXT_OFFSET, 8, false);
	uint64_t image_size = get(img + IMAGE_SIZE, 8, false);
	uint64_t flags = get(img + IMAGE_FLAGS, 8, false);
	if (flags & IMAGE_FLAG_BE) {
		snprintf(err, errlen, "%s is a big-endian kernel (flags %#llx)", d->name,
			 (unsigned long long)flags);
		return -1;
	}
	uint64_t addr = t->kernel_addr;
	/* text_offset is valid only when image_size is set (hw/arm/boot.c). */
	if (d->honours_text_offset && image_size) {
		addr = t->ram_base + text_offset;
		if (text_offset < ARM64_BOOT_STUB_MAX)
			addr += ARM64_STUB_SKIP;
	}
	return place_blob(t, d->name, img, size, addr, image_size, out, err, errlen);
}

/* s390x (hw/s390x/ipl.c, s390_ipl_realize): a non-ELF image is loaded at absolute 0. With
 * "S390EP" at 0x10008 it is a Linux kernel entered at 0x10000; otherwise the entry is
 * the address of the short IPL PSW at 0 (its second word, bit 0 being the addressing
 * mode). */
#define S390_LINUX_ENTRY 0x10000ULL
#define S390_IPL_PSW_ADDR 4
#define S390_SHORT_PSW_ADDR_MASK 0x7fffffffULL

static int s390_image_load(const struct linux_image_desc *d, const uint8_t *img, size_t size,
			   const struct elf_target *t, struct elf_loaded *out, char *err,
			   size_t errlen)
{
	bool is_linux = d->magic_len && size >= d->magic_offset + d->magic_len &&
			!memcmp(img + d->magic_offset, d->magic, d->magic_len);
	if (!is_linux && size < S390_IPL_PSW_ADDR + 4) {
		snprintf(err, errlen, "raw s390x image of %zu bytes has no IPL PSW (bytes 0-7)", size);
		return -1;
	}
	if (place_blob(t, is_linux ? d->name : "raw s390x image (IPL PSW at 0)", img, size,
		       t->ram_base, size, out, err, errlen))
		return -1;
	out->entry = is_linux ? S390_LINUX_ENTRY :
		     (get(img + S390_IPL_PSW_ADDR, 4, true) & S390_SHORT_PSW_ADDR_MASK);
	return 0;
}

/* x86 (hw/i386/x86-common.c, x86_load_linux): the protected-mode part of a bzImage at
 * 1 MiB, entered at code32_start; its setup part stays unloaded (testvisor builds the zero
 * page from its header, arch/x86/svm/linux_boot.c). */
static int bzimage_load(const struct linux_image_desc *d, const uint8_t *img, size_t size,
			const struct elf_target *t, struct elf_loaded *out, char *err, size_t errlen)
{
	struct bzimage_info bz;
	if (bzimage_parse(img, size, &bz, err, errlen))
		return -1;
	if (place_blob(t, d->name, img + bz.setup_size, bz.prot_size, BZ_PROT_ADDR,
		       bzimage_footprint(&bz), out, err, errlen))
		return -1;
	out->entry = bz.code32_start;
	return 0;
}

static const struct linux_image_desc linux_images[] = {
	{ LINUX_IMAGE_ARM64, IMAGE_MAGIC, "ARM\x64", 4, "arm64 Image", true, false, linux_image_load },
	{ LINUX_IMAGE_RISCV, IMAGE_MAGIC, "RSC\x05", 4, "riscv64 Image", false, false, linux_image_load },
	{ LINUX_IMAGE_S390, 0x10008, "S390EP", 6, "s390x Linux image", false, true, s390_image_load },
	{ LINUX_IMAGE_X86_BZIMAGE, 0x202, "HdrS", 4, BZIMAGE_FORMAT, false, false, bzimage_load },
};

static const struct linux_image_desc *linux_image_of(const struct elf_target *t)
{
	for (unsigned i = 0; i < sizeof(linux_images) / sizeof(linux_images[0]); i++)
		if (linux_images[i].kind == t->linux_image)
			return &linux_images[i];
	return NULL;
}

int image_load(const void *image, size_t size, const struct elf_target *t,
	       struct elf_loaded *out, char *err, size_t errlen)
{
	const uint8_t *img = image;
	/* Nothing to run: as a raw image it would load no byte and start the guest at an
	 * entry point outside its own (empty) range. */
	if (size == 0) {
		snprintf(err, errlen, "empty guest image");
		return -1;
	}
	if (size >= 4 && !memcmp(img, "\177ELF", 4))
		return elf_load(image, size, t, out, err, errlen);
	const struct linux_image_desc *d = linux_image_of(t);
	if (d && (d->takes_any_image || (size >= d->magic_offset + d->magic_len &&
					 !memcmp(img + d->magic_offset, d->magic, d->magic_len))))
		return d->load(d, img, size, t, out, err, errlen);
	if (!t->kernel_addr)
		return elf_load(image, size, t, out, err, errlen); /* refused: not an ELF image */
	return place_blob(t, "raw", img, size, t->kernel_addr, size, out, err, errlen);
}

uint64_t initrd_placement(uint64_t from, uint64_t cap, const struct elf_target *t,
			  uint64_t image_end, uint64_t size)
{
	const uint64_t page = 4096;
	uint64_t at = from + (t->ram_size / 2 < cap ? t->ram_size / 2 : cap);
	if (at < image_end)
		at = image_end;
	at = (at + page - 1) & ~(page - 1);
	uint64_t ram_end = t->ram_base + t->ram_size;
	uint64_t resv_end = t->reserved_base + t->reserved_size;
	if (at < t->ram_base || at > ram_end || size > ram_end - at ||
	    (at < resv_end && at + size > t->reserved_base))
		return 0;
	return at;
}

uint64_t initrd_placement_stepped(uint64_t start, uint64_t step, uint64_t kernel_size,
				  const struct elf_target *t, uint64_t size)
{
	uint64_t at = start;
	while (kernel_size + step > at)
		at += step;
	uint64_t ram_end = t->ram_base + t->ram_size;
	if (at < t->ram_base || at > ram_end || size > ram_end - at ||
	    overlaps(at, size, t->reserved_base, t->reserved_size))
		return 0;
	return at;
}

uint64_t dtb_placement_after(uint64_t end, uint64_t align, const struct elf_target *t, uint64_t size)
{
	uint64_t at = (end + align - 1) & ~(align - 1);
	uint64_t ram_end = t->ram_base + t->ram_size;
	if (at < end || at < t->ram_base || at >= ram_end || size > ram_end - at)
		return 0;
	return at;
}

uint64_t dtb_placement_top(uint64_t ram_base, uint64_t ram_size, uint64_t size)
{
	const uint64_t align = 2ull << 20;
	return (ram_base + ram_size - size) & ~(align - 1);
}
