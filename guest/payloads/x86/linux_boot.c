/* The Linux/x86 boot protocol from the kernel's side (Documentation/arch/x86/boot.rst,
 * "32-bit BOOT PROTOCOL"; zero-page.rst), run as a bzImage (build/x86_64/payloads/
 * linux_boot.bzimage): standalone, QEMU's -kernel loads it and its own real-mode part
 * (guest/lib/x86/bzimage_setup.asm) enters it under SeaBIOS; as a guest, testvisor builds
 * the zero page and enters it directly. Either way the 32-bit entry must find CS =
 * __BOOT_CS, DS/ES/SS = __BOOT_DS of a flat GDT, paging off, interrupts off, ESI = the
 * boot_params with the setup header, EBX = EBP = EDI = 0; and boot_params must hold the
 * -append text, the -initrd file (the build's linux_boot.initrd) and an e820 map with the
 * kernel and initrd in RAM. Constants are boot.rst's, written here on purpose (not
 * testvisor's headers): the payload checks testvisor against the document. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "x86_guest.h"

#define BOOT_CS 0x10
#define BOOT_DS 0x18
#define BP_E820_ENTRIES 0x1e8
#define BP_BOOT_FLAG 0x1fe
#define BP_HEADER 0x202
#define BP_TYPE_OF_LOADER 0x210
#define BP_CODE32_START 0x214
#define BP_RAMDISK_IMAGE 0x218
#define BP_RAMDISK_SIZE 0x21c
#define BP_CMD_LINE_PTR 0x228
#define BP_CMDLINE_SIZE 0x238
#define BP_HDR_LIMIT 0x290   /* the setup header's room in boot_params ends here */
#define BP_E820_TABLE 0x2d0
#define E820_ENTRY_SIZE 20
#define E820_MAX 128
#define E820_RAM 1
#define KERNEL_LOAD 0x100000u
#define CR0_PE 0x1u
#define CR0_PG 0x80000000u
#define EFLAGS_IF 0x200u
/* The -append text the manifest gives (tests/manifest/x86_64.cfg [linux_boot]): all of
 * the command line, with no image path before it as multiboot loaders put. */
#define APPEND_TEXT "initrd_lines=300 note=\"linux boot\""
#define INITRD_LINE "testvisor initrd line\n" /* the build's initrd: this, initrd_lines times */

extern char __image_end[], linux_entry32[];

static uint32_t bp32(const uint8_t *bp, unsigned off)
{
	uint32_t v;
	memcpy(&v, bp + off, sizeof(v));
	return v;
}

/* Whether [base, base + size) lies inside one e820 entry of type RAM. */
static bool in_e820_ram(const uint8_t *bp, uint64_t base, uint64_t size)
{
	unsigned n = bp[BP_E820_ENTRIES];
	for (unsigned i = 0; i < n && i < E820_MAX; i++) {
		const uint8_t *e = bp + BP_E820_TABLE + i * E820_ENTRY_SIZE;
		uint64_t addr, len;
		memcpy(&addr, e, 8);
		memcpy(&len, e + 8, 8);
		if (bp32(e, 16) == E820_RAM && base >= addr && base + size <= addr + len)
			return true;
	}
	return false;
}

/* A flat 4 GiB descriptor (base 0, limit 0xfffff, G and D/B set) of the given type. */
static bool flat_descriptor(uint32_t gdt_base, unsigned sel, uint8_t access)
{
	uint64_t d;
	memcpy(&d, (const void *)(uintptr_t)(gdt_base + sel), sizeof(d));
	uint32_t base = (uint32_t)((d >> 16) & 0xffffff) | (uint32_t)((d >> 56) << 24);
	uint32_t limit = (uint32_t)(d & 0xffff) | (uint32_t)((d >> 48) & 0xf) << 16;
	unsigned flags = (unsigned)(d >> 52) & 0xc;
	/* Bit 0 of the access byte aside: the CPU sets it (Accessed) as it loads a selector. */
	return base == 0 && limit == 0xfffff && flags == 0xc && ((uint8_t)(d >> 40) | 1) == (access | 1);
}

static void check_entry_state(const uint8_t *bp)
{
	const struct x86_linux_entry *s = &x86_linux_entry_state;
	/* Values that differ between QEMU and testvisor go to INFO lines: results compare. */
	report_info("entry: ESI %#x, EFLAGS %#x, GDT at %#x", s->esi, s->eflags, s->gdt_base);
	report(s->esi == (uint32_t)(uintptr_t)bp, "ESI at entry is the boot_params");
	report(s->cs == BOOT_CS, "CS at entry is __BOOT_CS (%#x)", s->cs);
	report(s->ds == BOOT_DS && s->es == BOOT_DS && s->ss == BOOT_DS,
	       "DS/ES/SS at entry are __BOOT_DS (%#x/%#x/%#x)", s->ds, s->es, s->ss);
	report(s->ebx == 0 && s->ebp == 0 && s->edi == 0, "EBX/EBP/EDI at entry are 0 (%#x/%#x/%#x)",
	       s->ebx, s->ebp, s->edi);
	report((s->cr0 & (CR0_PE | CR0_PG)) == CR0_PE, "protected mode, paging off (CR0 %#x)", s->cr0);
	report(!(s->eflags & EFLAGS_IF), "interrupts off");
	bool gdt_ok = s->gdt_limit >= BOOT_DS + 7 && flat_descriptor(s->gdt_base, BOOT_CS, 0x9a) &&
		      flat_descriptor(s->gdt_base, BOOT_DS, 0x92);
	report(gdt_ok, "GDT (limit %#x): flat __BOOT_CS code, __BOOT_DS data", s->gdt_limit);
}

static void check_header(const uint8_t *bp)
{
	report(!memcmp(bp + BP_HEADER, "HdrS", 4) && bp[BP_BOOT_FLAG] == 0x55 &&
	       bp[BP_BOOT_FLAG + 1] == 0xaa, "boot_params holds the setup header (HdrS, 0xAA55)");
	/* A fresh boot_params with the header copied in, the header's end being 0x202 plus
	 * the byte at 0x201 (its jump's offset): nothing of the image past it. */
	unsigned end = 0x202 + bp[0x201], stray = 0;
	for (unsigned i = end; i < BP_HDR_LIMIT; i++)
		stray += bp[i] != 0;
	report(end <= BP_HDR_LIMIT && !stray, "boot_params is zero past the header (%u bytes set)", stray);
	report(bp32(bp, BP_CODE32_START) == (uint32_t)(uintptr_t)linux_entry32,
	       "code32_start %#x is this entry", bp32(bp, BP_CODE32_START));
	report(bp[BP_TYPE_OF_LOADER] != 0, "type_of_loader %#x is set", bp[BP_TYPE_OF_LOADER]);
	unsigned n = bp[BP_E820_ENTRIES];
	report_info("e820 map of %u entries", n);
	report(n > 0 && n <= E820_MAX, "e820 map present and within its table");
	report(in_e820_ram(bp, KERNEL_LOAD, (uintptr_t)__image_end - KERNEL_LOAD),
	       "the e820 map lists RAM under the kernel %#x-%p", KERNEL_LOAD, __image_end);
	report(in_e820_ram(bp, (uintptr_t)bp, 4096), "the e820 map lists RAM under boot_params");
}

static void check_cmdline(const uint8_t *bp)
{
	const char *cmdline = (const char *)(uintptr_t)bp32(bp, BP_CMD_LINE_PTR);
	if (!report(cmdline != NULL, "cmd_line_ptr is set (%p)", cmdline))
		return;
	report(!strcmp(cmdline, APPEND_TEXT), "the command line is the -append text: '%s'", cmdline);
	report(strlen(cmdline) <= bp32(bp, BP_CMDLINE_SIZE), "it fits cmdline_size %u",
	       bp32(bp, BP_CMDLINE_SIZE));
}

static void check_initrd(const uint8_t *bp, unsigned lines)
{
	uint32_t image = bp32(bp, BP_RAMDISK_IMAGE), size = bp32(bp, BP_RAMDISK_SIZE);
	const size_t line_len = sizeof(INITRD_LINE) - 1;
	if (!report(size == lines * line_len, "ramdisk_size %u is the initrd's (%zu)", size,
		    lines * line_len))
		return;
	report_info("ramdisk_image %#x", image);
	report(image && !(image & 0xfff), "ramdisk_image is page aligned");
	report(image >= (uintptr_t)__image_end || image + size <= KERNEL_LOAD,
	       "the initrd is clear of the kernel");
	report(in_e820_ram(bp, image, size), "the e820 map lists RAM under the initrd");
	const char *p = (const char *)(uintptr_t)image;
	unsigned good = 0;
	while (good < lines && !memcmp(p + good * line_len, INITRD_LINE, line_len))
		good++;
	report(good == lines, "the initrd's content: %u of %u lines as built", good, lines);
}

int main(int argc, char **argv)
{
	const uint8_t *bp = x86_linux_boot_params();
	if (!report(bp != NULL, "entered by the Linux 32-bit boot protocol (bzImage)"))
		return report_summary();
	report_info("boot_params at %p, %s", bp, tv_platform_name());
	check_entry_state(bp);
	check_header(bp);
	check_cmdline(bp);
	const char *lines = tv_arg(argc, argv, "initrd_lines");
	if (lines)
		check_initrd(bp, (unsigned)strtoul(lines, NULL, 0));
	else
		report_skip("no initrd_lines= argument: no initrd to check");
	return report_summary();
}
