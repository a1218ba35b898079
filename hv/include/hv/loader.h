/* Guest image loading, in the formats QEMU's -kernel takes on the guest's machine: ELF
 * (static, or PIE placed at the machine's kernel address), an arm64 or riscv64 Linux
 * Image, or a raw flat binary at the kernel address (docs/ARCHITECTURE.md, "Guest image
 * formats"). Validates everything first, then copies into guest memory. Pure logic over a
 * write callback, so the host unit tests drive it directly. */
#ifndef HV_LOADER_H
#define HV_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which Linux Image header the machine's -kernel understands. */
enum linux_image_kind {
	LINUX_IMAGE_NONE,
	LINUX_IMAGE_ARM64, /* "ARM\x64" at 0x38: loaded at RAM base + text_offset */
	LINUX_IMAGE_RISCV, /* "RSC\x05" at 0x38: loaded at the kernel address */
	LINUX_IMAGE_S390,  /* any non-ELF image at 0: "S390EP" at 0x10008 (Linux) enters at
			    * 0x10000, anything else at its IPL PSW's address */
	LINUX_IMAGE_X86_BZIMAGE, /* "HdrS" at 0x202: the protected-mode part at 1 MiB */
};
/* elf_loaded.format of a bzImage: the architecture then hands over the Linux way. */
#define BZIMAGE_FORMAT "x86 bzImage"

struct elf_target {
	unsigned elf_class;   /* 1 = ELF32, 2 = ELF64 */
	unsigned elf_data;    /* 1 = little endian, 2 = big endian */
	unsigned machine;     /* e_machine */
	uint64_t ram_base, ram_size;       /* where segments may go (guest-physical) */
	uint64_t reserved_base, reserved_size; /* what they must not touch (boot data) */
	enum linux_image_kind linux_image;
	/* Where the machine's -kernel puts a raw image (and a riscv64 Image); a PIE that does
	 * not fit as linked goes there too. 0: raw images are refused. */
	uint64_t kernel_addr;
	/* Copies `len` bytes (src NULL: zeroes) to guest-physical `addr`. */
	bool (*write)(void *ctx, uint64_t addr, const void *src, size_t len);
	void *ctx;
};

struct elf_loaded {
	uint64_t entry;
	uint64_t lowest, highest; /* loaded range [lowest, highest) */
	const char *format;       /* "ELF", "ELF PIE", "arm64 Image", "riscv64 Image", "raw",
				   * BZIMAGE_FORMAT, ... */
};

/* Returns 0, or -1 with a one-line reason in `err` (nothing is loaded partially only when
 * validation fails; a failed write leaves the VM to be destroyed). */
int elf_load(const void *image, size_t size, const struct elf_target *t,
	     struct elf_loaded *out, char *err, size_t errlen);
/* Where the machine's -initrd puts an initrd of `size` bytes (QEMU: hw/arm/boot.c puts it
 * at RAM base + min(RAM / 2, 128 MiB), hw/riscv/boot.c:riscv_load_initrd at the kernel's
 * start + min(RAM / 2, 512 MiB)): `from` + min(ram_size / 2, cap), raised above the loaded
 * image's end, page aligned. 0 when it does not fit in RAM or meets `reserved`. */
uint64_t initrd_placement(uint64_t from, uint64_t cap, const struct elf_target *t,
			  uint64_t image_end, uint64_t size);
/* Where s390x's -initrd goes (hw/s390x/ipl.c s390_ipl_realize: INITRD_START 8 MiB, raised
 * in 1 MiB steps while the kernel's size plus 1 MiB lies beyond it): `start`, raised by `step`
 * while kernel_size + step > it. 0 when `size` bytes do not fit in RAM there. */
uint64_t initrd_placement_stepped(uint64_t start, uint64_t step, uint64_t kernel_size,
				  const struct elf_target *t, uint64_t size);
/* Where the machine puts the DTB of a Linux kernel (non-ELF) it boots: QEMU's
 * hw/arm/boot.c aligns the end of the initrd (or where the initrd would start) up to 2 MiB
 * for AArch64. `end` is that address; 0 when `size` bytes do not fit in RAM there. */
uint64_t dtb_placement_after(uint64_t end, uint64_t align, const struct elf_target *t, uint64_t size);
/* Where QEMU's riscv virt puts an RV64 guest's DTB (hw/riscv/boot.c
 * riscv_compute_fdt_addr since "load DTB to the end of dram in 64-bit system"): `size`
 * below the end of RAM, aligned down to 2 MiB (RV32's 3 GiB cap does not apply). */
uint64_t dtb_placement_top(uint64_t ram_base, uint64_t ram_size, uint64_t size);
/* Any of the formats: ELF by its magic, a Linux Image by the header the machine takes,
 * otherwise a raw image where the machine takes one. Same contract as elf_load. */
int image_load(const void *image, size_t size, const struct elf_target *t,
	       struct elf_loaded *out, char *err, size_t errlen);

#endif
