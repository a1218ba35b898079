/* Boot paths of testvisor on x86_64 (multiboot, UEFI) and what they share. */
#ifndef BOOT_X86_H
#define BOOT_X86_H

#include <stdint.h>
#include <hv/hv.h>

/* Fills `bi` from the multiboot information; returns 0, or -1 after printing why. */
int x86_boot_info_from_multiboot(uint32_t magic, uint32_t mbi_pa, struct boot_info *bi);

/* Console, IDT, SSE and timer: everything hv_main expects from the CPU it runs on. */
void x86_cpu_setup(void);

#endif
