/* Where the loader's boot data lies. Multiboot 0.6.96, 3.3: the information structure,
 * the memory map and the command line are somewhere in memory, and the memory map lists
 * the RAM an OS may use (type 1). This payload has a segment of its own in conventional
 * memory at 0x8100 (section .lowmem, linker/x86_64-guest.ld), inside 0x8000-0xa000 where
 * testvisor used to keep its boot data and refused images: the loader must load it and
 * put its boot data elsewhere; none of that data may lie under the image. testvisor also
 * reports its boot data as reserved in the memory map (the spec does not ask for that),
 * or as RAM with mb_boot_data=available (argument expect=available).
 * Guest mode only: QEMU's own multiboot loader copies an ELF image's whole address span
 * as one block (hw/i386/multiboot.c, load_multiboot), over the legacy VGA and BIOS areas,
 * and never reaches this payload. */
#include <libtv.h>
#include <multiboot.h>
#include <string.h>
#include "x86_guest.h"

#define LOW_SEGMENT_GPA 0x8100u
#define LOW_MAGIC 0x10c0ffeeu

static volatile uint32_t low_words[4] __attribute__((section(".lowmem"), used)) = {
	LOW_MAGIC, ~LOW_MAGIC, LOW_MAGIC ^ 0x5a5a5a5a, 0,
};
extern char __image_start[], __image_end[];

struct range {
	const char *what;
	uint64_t base, size;
};

static bool overlaps(const struct range *a, uint64_t base, uint64_t size)
{
	return a->size && size && a->base < base + size && base < a->base + a->size;
}

/* Whether [base, base + size) touches RAM the memory map calls available. */
static bool in_available_ram(const struct mb_info *mbi, uint64_t base, uint64_t size)
{
	const struct range r = { "", base, size };
	for (uint32_t off = 0; off + sizeof(struct mb_mmap_entry) <= mbi->mmap_length;) {
		const struct mb_mmap_entry *e = (const void *)(uintptr_t)(mbi->mmap_addr + off);
		if (e->type == MB_MMAP_RAM && overlaps(&r, e->addr, e->len))
			return true;
		off += e->size + 4;
	}
	return false;
}

/* Whether [base, base + size) lies wholly inside one available RAM entry. */
static bool inside_available_ram(const struct mb_info *mbi, uint64_t base, uint64_t size)
{
	for (uint32_t off = 0; off + sizeof(struct mb_mmap_entry) <= mbi->mmap_length;) {
		const struct mb_mmap_entry *e = (const void *)(uintptr_t)(mbi->mmap_addr + off);
		if (e->type == MB_MMAP_RAM && base >= e->addr && base + size <= e->addr + e->len)
			return true;
		off += e->size + 4;
	}
	return false;
}

int main(int argc, char **argv)
{
	report_prefix_push("boot_data");
	report((uintptr_t)low_words == LOW_SEGMENT_GPA && low_words[0] == LOW_MAGIC &&
	       low_words[1] == ~LOW_MAGIC && low_words[2] == (LOW_MAGIC ^ 0x5a5a5a5a),
	       "segment at %#x loaded with its contents", LOW_SEGMENT_GPA);
	low_words[3] = LOW_MAGIC;
	report(low_words[3] == LOW_MAGIC, "segment at %#x writable", LOW_SEGMENT_GPA);

	const struct mb_info *mbi = x86_multiboot_info();
	if (!mbi || !(mbi->flags & MB_INFO_MMAP) || !(mbi->flags & MB_INFO_CMDLINE))
		report_abort("no multiboot information with memory map and command line");
	report(inside_available_ram(mbi, LOW_SEGMENT_GPA, sizeof(low_words)),
	       "the segment at %#x lies in RAM the memory map offers", LOW_SEGMENT_GPA);

	const struct range image[] = {
		{ "low segment", LOW_SEGMENT_GPA, sizeof(low_words) },
		{ "image", (uintptr_t)__image_start, (uintptr_t)(__image_end - __image_start) },
	};
	const char *cmdline = (const char *)(uintptr_t)mbi->cmdline;
	const struct range boot[] = {
		{ "information structure", (uintptr_t)mbi, sizeof(*mbi) },
		{ "memory map", mbi->mmap_addr, mbi->mmap_length },
		{ "command line", mbi->cmdline, strlen(cmdline) + 1 },
	};
	bool testvisor = on_testvisor();
	const char *expect = tv_arg(argc, argv, "expect");
	bool want_reserved = !expect || strcmp(expect, "available");
	for (unsigned i = 0; i < sizeof(boot) / sizeof(boot[0]); i++) {
		const struct range *b = &boot[i];
		report_info("%s at %#lx-%#lx", b->what, (unsigned long)b->base,
			    (unsigned long)(b->base + b->size));
		bool clear = true;
		for (unsigned j = 0; j < sizeof(image) / sizeof(image[0]); j++)
			clear = clear && !overlaps(b, image[j].base, image[j].size);
		report(clear, "%s clear of the image", b->what);
		if (testvisor)
			report(in_available_ram(mbi, b->base, b->size) != want_reserved,
			       "%s %s the RAM the memory map offers", b->what,
			       want_reserved ? "outside" : "inside");
		else
			report_skip("%s outside the RAM the memory map offers: testvisor's promise, "
				    "not the multiboot spec's", b->what);
	}
	return report_summary();
}
