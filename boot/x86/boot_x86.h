/* Boot paths of testvisor on x86_64 (multiboot, UEFI) and what they share. */
#ifndef BOOT_X86_H
#define BOOT_X86_H

#include <stdint.h>
#include <hv/hv.h>

/* How the image was entered (third argument of x86_boot_main; see longmode.inc). */
#define X86_BOOT_KIND_MULTIBOOT 0
#define X86_BOOT_KIND_UEFI 1

/* Fills `bi` from the multiboot information; returns 0, or -1 after printing why. */
int x86_boot_info_from_multiboot(uint32_t magic, uint32_t mbi_pa, struct boot_info *bi);

#endif
