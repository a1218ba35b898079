/* QEMU virt platform constants and the PSCI / SMCCC function identifiers testvisor uses
 * both as a caller (of the firmware) and as the implementer (for its guests). */
#ifndef ARM64_PLATFORM_H
#define ARM64_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#define VIRT_RAM_BASE   0x40000000ull
#define VIRT_PL011_BASE 0x09000000ull
#define VIRT_PL011_SIZE 0x1000ull
#define VIRT_PL031_BASE 0x09010000ull
#define VIRT_PL031_SIZE 0x1000ull
#define VIRT_GICD_BASE  0x08000000ull
#define VIRT_GICR_BASE  0x080a0000ull

#define PSCI_FN_SYSTEM_OFF 0x84000008u

/* The PSCI conduit of the firmware (true: SMC), from the DTB (boot/arm64/boot.c). */
extern bool firmware_psci_smc;

/* Calls the firmware's PSCI through the conduit its DTB names. */
uint64_t psci_call_firmware(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
