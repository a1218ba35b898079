/* Start-up steps shared by testvisor's entry and the payloads' (both S-mode images). */
#ifndef RISCV_EARLY_START_S_H
#define RISCV_EARLY_START_S_H

/* Zeroes [__bss_start, __bss_end) (8-byte aligned); uses t0 and t1. */
.macro ZERO_BSS
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:
.endm

#endif
