/* The fake architecture of the host unit tests (tests/unit/fake_arch/fake_arch.c): just
 * enough for the core's headers, and what the fake records per VM and vCPU. */
#ifndef FAKE_ARCH_TYPES_H
#define FAKE_ARCH_TYPES_H

#include <stdint.h>

#define ARCH_ELF_MACHINE 62 /* EM_X86_64: the host's own images are handy test input */
#define ARCH_ELF_CLASS 2
#define ARCH_ELF_DATA 1
#define ARCH_GUEST_RAM_BASE 0x40000000ULL
#define ARCH_GUEST_RAM_DEFAULT (1ULL << 20)

struct arch_vm { unsigned maps; };
struct arch_vcpu { uint64_t regs[4]; uint64_t entry; unsigned runs; };

#endif
