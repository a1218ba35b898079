/* Offsets shared by the assembly (arch/arm64/vectors.S, fpsimd.S) and C; C checks them
 * with static assertions in arch/arm64/vcpu.c. */
#ifndef ARM64_CTX_OFFSETS_H
#define ARM64_CTX_OFFSETS_H

#define EXIT_SYNC    0
#define EXIT_IRQ     1
#define EXIT_FIQ     2
#define EXIT_SERROR  3
#define EXIT_AARCH32 4

#define VCPU_HOST_REGS 288      /* offsetof(struct arch_vcpu, host_regs) */

#endif
