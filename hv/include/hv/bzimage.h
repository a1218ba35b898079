/* x86 bzImage (Linux/x86 boot protocol, Documentation/arch/x86/boot.rst): its setup
 * header, where QEMU's -kernel puts each part (hw/i386/x86-common.c, x86_load_linux), and
 * the struct boot_params ("zero page") of the 32-bit boot protocol that testvisor hands
 * over instead of running the real-mode setup code (docs/x86.md, "Linux bzImage guests").
 * Pure logic: the host unit tests drive it directly. */
#ifndef HV_BZIMAGE_H
#define HV_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>

/* QEMU's places for a "high and recent" kernel (protocol >= 2.02, LOADED_HIGH). */
#define BZ_REAL_ADDR 0x10000u     /* setup code and header: testvisor's zero page */
#define BZ_CMDLINE_ADDR 0x20000u
#define BZ_PROT_ADDR 0x100000u    /* the protected-mode part */
/* hw/i386/pc.c PC_FW_DATA: kept free below the top of low RAM for the BIOS's ACPI
 * tables; the initrd goes under it. */
#define BZ_QEMU_FW_DATA 0x28000u
/* testvisor's GDT for the 32-bit entry: the page after the zero page, in the real-mode
 * area QEMU gives the setup code (no setup code runs under testvisor). */
#define BZ_GDT_ADDR (BZ_REAL_ADDR + 0x1000u)
#define BZ_BOOT_CS 0x10u          /* boot.rst: __BOOT_CS, __BOOT_DS */
#define BZ_BOOT_DS 0x18u
#define BZ_ZERO_PAGE_SIZE 0x1000u
#define BZ_LOADER_TYPE_QEMU 0xB0u /* type_of_loader QEMU writes */
#define BZ_E820_MAX 128u          /* boot_params e820_table entries */

struct bzimage_info {
	uint16_t protocol;
	uint8_t loadflags;
	uint16_t xloadflags;
	uint32_t code32_start, initrd_addr_max, cmdline_size, init_size;
	uint64_t pref_address;
	size_t setup_size;  /* the real-mode part: (setup_sects + 1) * 512 bytes */
	size_t prot_size;   /* the protected-mode part after it */
	size_t header_end;  /* the setup header is [0x1f1, header_end) */
};

/* Whether `img` has a bzImage's signature (boot_flag 0xAA55 and "HdrS"). */
int bzimage_is(const uint8_t *img, size_t size);
/* Validates a bzImage and reads its header. 0, or -1 with a one-line reason. */
int bzimage_parse(const uint8_t *img, size_t size, struct bzimage_info *bz, char *err,
		  size_t errlen);
/* Bytes from BZ_PROT_ADDR the kernel needs: its protected-mode part, or init_size when
 * larger (protocol >= 2.10). */
uint64_t bzimage_footprint(const struct bzimage_info *bz);
/* Where QEMU puts an initrd of `size` bytes for this kernel in a guest with `low_ram`
 * bytes of RAM below 4 GiB: under the lower of the kernel's limit and the RAM's top less
 * BZ_QEMU_FW_DATA, 4 KiB aligned down. 0 when it is too large. */
uint32_t bzimage_initrd_addr(const struct bzimage_info *bz, uint64_t low_ram, uint64_t size);

struct bz_e820 {
	uint64_t addr, size;
	uint32_t type;
};
struct bzimage_boot {
	const char *cmdline;
	uint32_t ramdisk_image, ramdisk_size;
	const struct bz_e820 *e820;
	unsigned nr_e820;
};
/* Fills the zero page `zp` (BZ_ZERO_PAGE_SIZE bytes) for the 32-bit boot protocol: zeroed,
 * the image's setup header copied in, then type_of_loader, cmd_line_ptr (BZ_CMDLINE_ADDR),
 * the ramdisk fields and the e820 table. 0, or -1 with a reason (too many e820 entries, a
 * command line longer than the kernel takes). */
int bzimage_boot_params(uint8_t *zp, const uint8_t *img, const struct bzimage_info *bz,
			const struct bzimage_boot *b, char *err, size_t errlen);
/* The GDT of the 32-bit entry: null, null, flat code at BZ_BOOT_CS, flat data at
 * BZ_BOOT_DS. */
#define BZ_GDT_SIZE 32u
void bzimage_gdt(uint8_t gdt[BZ_GDT_SIZE]);

#endif
