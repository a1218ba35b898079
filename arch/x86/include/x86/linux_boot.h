/* The hand-over to a bzImage guest: the Linux/x86 32-bit boot protocol (boot.rst, "32-bit
 * BOOT PROTOCOL"), since testvisor has no BIOS to run the image's real-mode setup code on
 * (docs/x86.md, "Linux bzImage guests"). */
#ifndef X86_LINUX_BOOT_H
#define X86_LINUX_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vm;
/* Writes the zero page (with the memory map of the multiboot hand-over: boot data at
 * `boot_data_gpa`, reserved when `reserve`), its GDT, the command line (the guest's args)
 * and the initrd where QEMU puts them. 0, or -1 with a one-line reason. */
int x86_linux_boot_prepare(struct vm *vm, uint32_t boot_data_gpa, bool reserve, char *err,
			   size_t errlen);

#endif
