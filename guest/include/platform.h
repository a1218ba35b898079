/* What each architecture's payload start-up code provides (guest/lib/<arch>/). Only the
 * platform's standard devices may be used, so payloads run unchanged on bare QEMU and
 * under testvisor. */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stddef.h>
#include <stdnoreturn.h>

/* Called once before main(): console, trap vectors, anything else the library needs. */
void platform_init(void);
/* Writes one character to the standard console (COM1, PL011, SBI DBCN, SCLP). */
void platform_putc(char c);
/* Writes a buffer (platforms with a block console override the per-char path). */
void platform_write(const char *buf, size_t len);
/* Ends the payload with `status` through the platform's exit device
 * (isa-debug-exit, PSCI SYSTEM_OFF, test finisher, disabled-wait PSW). */
noreturn void platform_exit(int status);
/* The command line the boot protocol handed over ("" when none). */
const char *platform_cmdline(void);
/* The device tree the boot protocol handed over (arm64 x0, riscv64 a1); NULL on the
 * platforms that have none (x86_64, s390x). */
const void *platform_fdt(void);
/* Heap bounds for malloc (newlib's _sbrk): from the linker script by default. */
void platform_heap(char **start, char **end);

#endif
