/* Internal interfaces between testvisor's s390x files. */
#ifndef S390_HOST_H
#define S390_HOST_H

#include <stdint.h>
#include <arch_types.h>

void s390_console_flush(void);
uint64_t s390_sclp_memory_size(void);
/* Byte SCLP_CPU_ENTRY_FEATURES of the first CPU entry of Read SCP Info (0 if none). */
uint8_t s390_sclp_cpu_features(void);
void guest_enter(struct guest_ctx *ctx);
bool s390_sie_available(void);
/* Zeroes the floating-point, vector and access registers (before each guest). */
void s390_clear_guest_registers(void);

/* Disabled-wait address of a testvisor failure (QEMU exits 1 on any non-0xfff wait). */
#define WAIT_ADDR_HOST_FAULT 0xbad0ULL

#endif
