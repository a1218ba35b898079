/* x86 bzImage header, placement and zero page (hv/include/hv/bzimage.h). Offsets are those
 * of boot.rst's setup header and zero-page.rst's struct boot_params. */
#include <hv/bzimage.h>
#include <stdio.h>
#include <string.h>

#define HDR_START 0x1f1      /* setup_sects: the first field of the setup header */
#define HDR_SETUP_SECTS 0x1f1
#define HDR_SYSSIZE 0x1f4      /* the protected-mode part in 16-byte paragraphs (2.04+) */
#define HDR_BOOT_FLAG 0x1fe
#define HDR_JUMP_LEN 0x201   /* the jump's offset byte: the header ends at 0x202 + it */
#define HDR_MAGIC 0x202
#define HDR_VERSION 0x206
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS 0x211
#define HDR_CODE32_START 0x214
#define HDR_RAMDISK_IMAGE 0x218
#define HDR_RAMDISK_SIZE 0x21c
#define HDR_CMD_LINE_PTR 0x228
#define HDR_INITRD_ADDR_MAX 0x22c
#define HDR_XLOADFLAGS 0x236
#define HDR_CMDLINE_SIZE 0x238
#define HDR_PREF_ADDRESS 0x258
#define HDR_INIT_SIZE 0x260
#define BP_HDR_LIMIT 0x290   /* boot_params: the header's room ends at edd_mbr_sig_buffer */
#define BP_E820_ENTRIES 0x1e8
#define BP_E820_TABLE 0x2d0
#define E820_ENTRY_SIZE 20
#define SECTOR 512
#define DEFAULT_SETUP_SECTS 4 /* setup_sects 0 means 4 */
#define LOADED_HIGH 0x01
#define XLF_CAN_BE_LOADED_ABOVE_4G 0x02
#define MIN_PROTOCOL 0x0206   /* cmdline_size; older kernels are refused */
/* x86_load_linux's limits by protocol version: no initrd_addr_max before 2.03, none at
 * all with XLF_CAN_BE_LOADED_ABOVE_4G from 2.12 on. */
#define DEFAULT_INITRD_MAX 0x37ffffffu

static uint32_t le(const uint8_t *p, unsigned n)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int bzimage_is(const uint8_t *img, size_t size)
{
	return size >= HDR_MAGIC + 4 && le(img + HDR_BOOT_FLAG, 2) == 0xAA55 &&
	       !memcmp(img + HDR_MAGIC, "HdrS", 4);
}

int bzimage_parse(const uint8_t *img, size_t size, struct bzimage_info *bz, char *err,
		  size_t errlen)
{
	if (!bzimage_is(img, size)) {
		snprintf(err, errlen, "not a bzImage (no boot_flag 0xAA55 at 0x1fe and \"HdrS\" at 0x202)");
		return -1;
	}
	if (size < BP_HDR_LIMIT) {
		snprintf(err, errlen, "truncated bzImage: %zu bytes, its setup header alone needs %#x",
			 size, BP_HDR_LIMIT);
		return -1;
	}
	memset(bz, 0, sizeof(*bz));
	bz->protocol = (uint16_t)le(img + HDR_VERSION, 2);
	if (bz->protocol < MIN_PROTOCOL) {
		snprintf(err, errlen, "bzImage boot protocol %u.%02u is older than 2.06, which testvisor needs",
			 bz->protocol >> 8, bz->protocol & 0xff);
		return -1;
	}
	unsigned sects = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : DEFAULT_SETUP_SECTS;
	bz->setup_size = (size_t)(sects + 1) * SECTOR;
	bz->header_end = HDR_MAGIC + (size_t)img[HDR_JUMP_LEN];
	if (bz->setup_size >= size) {
		snprintf(err, errlen, "truncated bzImage: %zu bytes, its setup part alone takes %zu",
			 size, bz->setup_size);
		return -1;
	}
	if (bz->header_end < HDR_INIT_SIZE + 4 && bz->protocol >= 0x020a) {
		snprintf(err, errlen, "bzImage setup header ends at %#zx, before init_size (protocol %u.%02u)",
			 bz->header_end, bz->protocol >> 8, bz->protocol & 0xff);
		return -1;
	}
	if (bz->header_end > BP_HDR_LIMIT || bz->header_end > bz->setup_size ||
	    bz->header_end < HDR_CMDLINE_SIZE + 4) {
		snprintf(err, errlen, "bzImage setup header end %#zx is outside %#x-%#x", bz->header_end,
			 HDR_CMDLINE_SIZE + 4, BP_HDR_LIMIT);
		return -1;
	}
	bz->loadflags = img[HDR_LOADFLAGS];
	if (!(bz->loadflags & LOADED_HIGH)) {
		snprintf(err, errlen, "zImage (loadflags %#x without LOADED_HIGH): only bzImages load at 1 MiB",
			 bz->loadflags);
		return -1;
	}
	bz->prot_size = size - bz->setup_size;
	uint64_t syssize = (uint64_t)le(img + HDR_SYSSIZE, 4) * 16;
	if (syssize > bz->prot_size) {
		snprintf(err, errlen, "truncated bzImage: syssize says %llu bytes of protected-mode code, "
			 "the file has %zu", (unsigned long long)syssize, bz->prot_size);
		return -1;
	}
	bz->code32_start = le(img + HDR_CODE32_START, 4);
	bz->initrd_addr_max = le(img + HDR_INITRD_ADDR_MAX, 4);
	bz->cmdline_size = le(img + HDR_CMDLINE_SIZE, 4);
	bz->xloadflags = (uint16_t)le(img + HDR_XLOADFLAGS, 2);
	if (bz->protocol >= 0x020a) {
		bz->pref_address = le(img + HDR_PREF_ADDRESS, 4) |
				   (uint64_t)le(img + HDR_PREF_ADDRESS + 4, 4) << 32;
		bz->init_size = le(img + HDR_INIT_SIZE, 4);
	}
	if (bz->code32_start < BZ_PROT_ADDR || bz->code32_start - BZ_PROT_ADDR >= bz->prot_size) {
		snprintf(err, errlen, "bzImage code32_start %#x is outside its protected-mode part %#x-%#llx",
			 bz->code32_start, BZ_PROT_ADDR,
			 (unsigned long long)(BZ_PROT_ADDR + bz->prot_size));
		return -1;
	}
	return 0;
}

uint64_t bzimage_footprint(const struct bzimage_info *bz)
{
	return bz->init_size > bz->prot_size ? bz->init_size : bz->prot_size;
}

uint32_t bzimage_initrd_addr(const struct bzimage_info *bz, uint64_t low_ram, uint64_t size)
{
	uint64_t max = DEFAULT_INITRD_MAX;
	if (bz->protocol >= 0x020c && (bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G))
		max = 0xffffffffu;
	else if (bz->protocol >= 0x0203)
		max = bz->initrd_addr_max;
	if (low_ram <= BZ_QEMU_FW_DATA)
		return 0;
	if (max >= low_ram - BZ_QEMU_FW_DATA)
		max = low_ram - BZ_QEMU_FW_DATA - 1;
	if (size >= max)
		return 0;
	return (uint32_t)((max - size) & ~0xfffull);
}

int bzimage_boot_params(uint8_t *zp, const uint8_t *img, const struct bzimage_info *bz,
			const struct bzimage_boot *b, char *err, size_t errlen)
{
	size_t len = strlen(b->cmdline);
	if (len > bz->cmdline_size) {
		snprintf(err, errlen, "command line of %zu bytes is longer than the kernel's cmdline_size %u",
			 len, bz->cmdline_size);
		return -1;
	}
	if (b->nr_e820 > BZ_E820_MAX) {
		snprintf(err, errlen, "%u memory ranges, the zero page holds %u", b->nr_e820, BZ_E820_MAX);
		return -1;
	}
	memset(zp, 0, BZ_ZERO_PAGE_SIZE);
	memcpy(zp + HDR_START, img + HDR_START, bz->header_end - HDR_START);
	zp[HDR_TYPE_OF_LOADER] = BZ_LOADER_TYPE_QEMU;
	put_le(zp + HDR_CMD_LINE_PTR, BZ_CMDLINE_ADDR, 4);
	put_le(zp + HDR_RAMDISK_IMAGE, b->ramdisk_image, 4);
	put_le(zp + HDR_RAMDISK_SIZE, b->ramdisk_size, 4);
	zp[BP_E820_ENTRIES] = (uint8_t)b->nr_e820;
	for (unsigned i = 0; i < b->nr_e820; i++) {
		uint8_t *e = zp + BP_E820_TABLE + i * E820_ENTRY_SIZE;
		put_le(e, b->e820[i].addr, 8);
		put_le(e + 8, b->e820[i].size, 8);
		put_le(e + 16, b->e820[i].type, 4);
	}
	return 0;
}

void bzimage_gdt(uint8_t gdt[BZ_GDT_SIZE])
{
	/* Base 0, limit 4 GiB (G=1, D=1): execute/read code, read/write data (boot.rst). */
	memset(gdt, 0, BZ_GDT_SIZE);
	put_le(gdt + BZ_BOOT_CS, 0x00CF9A000000FFFFull, 8);
	put_le(gdt + BZ_BOOT_DS, 0x00CF92000000FFFFull, 8);
}
