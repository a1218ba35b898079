/* The multiboot v1 hand-off testvisor gives its guests, as QEMU's -kernel loader does:
 * a multiboot information structure, memory map and command line in guest memory
 * (kept out of the image's way), EAX = magic, EBX = the structure. Pure logic. */
#ifndef X86_GUEST_BOOT_H
#define X86_GUEST_BOOT_H

#include <stddef.h>
#include <stdint.h>

/* Guest-physical range for the boot data: below the 1 MiB where images load. */
#define GUEST_BOOT_DATA_GPA 0x8000u
#define GUEST_BOOT_DATA_SIZE 0x2000u
/* Conventional memory the guest is told about: [0, 0x9f000) and [1 MiB, RAM end). */
#define GUEST_LOW_RAM_END 0x9f000u
#define GUEST_HIGH_RAM_BASE 0x100000u

/* Writes the boot data for a guest of `ram_size` bytes into `buf` (GUEST_BOOT_DATA_SIZE
 * bytes, to be copied to GUEST_BOOT_DATA_GPA). The command line is "<name> <args>": like
 * QEMU's, whose first word is the image path. Returns the guest-physical address of the
 * multiboot information, or 0 when the command line does not fit. */
uint32_t guest_boot_build(uint8_t *buf, uint64_t ram_size, const char *name, const char *args);

#endif
