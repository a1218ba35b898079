/* What testvisor's EFI loader (boot/arm64/efi/) hands to testvisor's arm64 entry in x1,
 * next to the firmware's DTB in x0: the guest image and its spec read from the EFI system
 * partition, and the memory they occupy. The -kernel path passes x1 = 0. */
#ifndef BOOT_ARM64_EFI_HANDOFF_H
#define BOOT_ARM64_EFI_HANDOFF_H

#include <stdint.h>

#define EFI_HANDOFF_MAGIC 0x214f484946455674ull /* "tVEFIHO!" */
#define EFI_HANDOFF_CMDLINE 512

struct efi_handoff {
	uint64_t magic;
	uint64_t region_base, region_size; /* everything below, testvisor must not reuse */
	uint64_t guest_base, guest_size;   /* 0 when the ESP has no guest.elf: built-in suite */
	char cmdline[EFI_HANDOFF_CMDLINE]; /* guest.cfg (the guest's spec) or "" */
};

#endif
