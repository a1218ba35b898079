/* ELF32/ELF64, either endianness: validate everything first, then load. */
#include <hv/loader.h>
#include <stdio.h>
#include <string.h>

#define PT_LOAD 1
#define MAX_SEGMENTS 16

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
		if (s.paddr < t->ram_base || s.memsz > t->ram_size ||
		    s.paddr - t->ram_base > t->ram_size - s.memsz) {
			snprintf(err, errlen, "segment %#llx-%#llx lies outside guest RAM %#llx-%#llx",
				 (unsigned long long)s.paddr, (unsigned long long)(s.paddr + s.memsz),
				 (unsigned long long)t->ram_base,
				 (unsigned long long)(t->ram_base + t->ram_size));
			return -1;
		}
		if (overlaps(s.paddr, s.memsz, t->reserved_base, t->reserved_size)) {
			snprintf(err, errlen, "segment %#llx-%#llx overlaps memory testvisor reserves at %#llx-%#llx",
				 (unsigned long long)s.paddr, (unsigned long long)(s.paddr + s.memsz),
				 (unsigned long long)t->reserved_base,
				 (unsigned long long)(t->reserved_base + t->reserved_size));
			return -1;
		}
		for (unsigned j = 0; j < nsegs; j++) {
			if (overlaps(s.paddr, s.memsz, segs[j].paddr, segs[j].memsz)) {
				snprintf(err, errlen, "segments overlap at %#llx", (unsigned long long)s.paddr);
				return -1;
			}
		}
		segs[nsegs++] = s;
	}
	if (!nsegs) {
		snprintf(err, errlen, "no loadable segment");
		return -1;
	}
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
