/* The multiboot v1 hand-off testvisor gives its guests, as QEMU's -kernel loader does:
 * a multiboot information structure, memory map and command line in guest memory
 * (kept out of the image's way), EAX = magic, EBX = the structure. Pure logic. */
#ifndef X86_GUEST_BOOT_H
#define X86_GUEST_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The boot data: one block of guest RAM, placed after the image is loaded. Its third page
 * is an SEV-SNP guest's secrets page (guest_boot_add_secrets), the three after it an SEV
 * guest's first page tables (guest_boot_page_tables); unused otherwise. */
#define GUEST_BOOT_DATA_SIZE 0x6000u
#define GUEST_BOOT_SECRETS_OFFSET 0x2000u
#define GUEST_BOOT_TABLES_OFFSET 0x3000u
/* The lowest place tried (where it always was for images at 1 MiB): page 0 and the
 * pages below stay untouched, as a BIOS leaves its interrupt table and data there. */
#define GUEST_BOOT_DATA_FLOOR 0x8000u
/* Conventional memory the guest is told about: [0, 0x9f000) and [1 MiB, RAM end). */
#define GUEST_LOW_RAM_END 0x9f000u
#define GUEST_HIGH_RAM_BASE 0x100000u
#define MB_MMAP_RESERVED 2

/* Where the boot data goes for a guest of `ram_size` bytes whose image spans
 * [image_lo, image_hi): the first page-aligned GUEST_BOOT_DATA_SIZE bytes from
 * GUEST_BOOT_DATA_FLOOR up, within one RAM range of the guest's memory map, that the
 * image's span does not touch. 0 when there is no such place. */
uint32_t guest_boot_place(uint64_t ram_size, uint64_t image_lo, uint64_t image_hi);

/* Writes the boot data for a guest of `ram_size` bytes into `buf` (GUEST_BOOT_DATA_SIZE
 * bytes, to be copied to guest-physical `gpa`, from guest_boot_place). The memory map
 * lists the guest's RAM, with the boot data itself as reserved when `reserve` is set
 * (otherwise as RAM, as QEMU lists its own). The command line is
 * "<name> <args>": like QEMU's, whose first word is the image path. Returns the
 * guest-physical address of the multiboot information, or 0 when the command line does
 * not fit. */
uint32_t guest_boot_build(uint8_t *buf, uint32_t gpa, uint64_t ram_size, bool reserve,
			  const char *name, const char *args);

/* The memory map guest_boot_build lists (into `out`, GUEST_BOOT_MMAP_MAX entries at most),
 * for a boot protocol that takes it in another form (a bzImage's e820 table). Returns the
 * number of entries. */
#define GUEST_BOOT_MMAP_MAX 4
struct mb_mmap_entry;
unsigned guest_boot_memory_map(struct mb_mmap_entry *out, uint64_t ram_size, uint32_t gpa, bool reserve);

/* SEV-SNP: names the secrets page (at gpa + GUEST_BOOT_SECRETS_OFFSET, which the launch
 * fills) to the guest as multiboot module "snp-secrets" - testvisor's convention; with
 * QEMU and OVMF a guest learns it from the firmware's confidential-computing blob. */
#define GUEST_BOOT_SECRETS_NAME "snp-secrets"
void guest_boot_add_secrets(uint8_t *buf, uint32_t gpa);

/* An SEV guest starts in 64-bit mode on page tables its loader built, as a firmware such as
 * OVMF hands an SEV guest over (the C-bit must be in the tables before any access: with
 * paging on and the C-bit clear, private memory reads as ciphertext, and for SNP faults).
 * The first GiB identity-mapped by 2 MiB pages, every entry with `cbit_mask`; returns the
 * CR3 value (the PML4's address with the C-bit). */
uint64_t guest_boot_page_tables(uint8_t *buf, uint32_t gpa, uint64_t cbit_mask);

#endif
