/* Internal interfaces of testvisor's arm64 boot path. */
#ifndef BOOT_ARM64_BOOT_H
#define BOOT_ARM64_BOOT_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/hv.h>

/* Identity map with Normal memory from the GiB holding `ram_base` upwards; MMU on. */
void mmu_init(uint64_t ram_base);

struct efi_handoff;
/* Fills boot_info from the firmware DTB, the image's own extent and, when booted by the
 * EFI loader, its handoff (NULL otherwise). */
bool boot_info_from_fdt(struct boot_info *bi, const void *fdt, const struct efi_handoff *efi);

/* arch/arm64/wallclock.c */
void arm64_wallclock_init(uint32_t rtc_seconds);

#endif
