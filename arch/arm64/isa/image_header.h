/* The arm64 Linux Image header (Documentation/arch/arm64/booting.rst) at the start of
 * both testvisor's and every payload's image, so that their binary form boots with the
 * Linux protocol (x0 = DTB). Loaded at RAM base + text_offset: the link address. */
#ifndef ARM64_IMAGE_HEADER_H
#define ARM64_IMAGE_HEADER_H

#ifdef __ASSEMBLY__
	.macro	image_header entry
	b	\entry			/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset */
	.quad	__image_size		/* image_size, BSS and heap included */
	.quad	0x2			/* flags: little endian, 4 KiB pages */
	.quad	0, 0, 0
	.ascii	"ARM\x64"		/* magic */
	.long	0
	.endm
#endif

#endif
