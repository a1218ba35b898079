/* The guest instruction behind an MMIO access that exited as a nested page fault: the MOV
 * forms compilers use for device registers (MOV r/m,r 88/89; MOV r,r/m 8A/8B; MOV r/m,imm
 * C6/C7 with ModRM.reg 0). Operand size from the opcode, 66h and REX.W; the register from
 * ModRM.reg and REX.R. AMD APM vol. 3 (MOV), Intel SDM vol. 2 §2.1-2.2 (prefixes, ModRM,
 * REX). Other instructions are refused (the guest is stopped with the reason). Pure
 * logic, host-tested (test_x86_mmio_insn). */
#ifndef X86_MMIO_INSN_H
#define X86_MMIO_INSN_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/insn.h>

struct mmio_op {
	bool write;
	unsigned size;   /* 1, 2, 4 or 8 bytes */
	bool is_imm;     /* a write of `imm` rather than of register `reg` */
	uint64_t imm;    /* sign-extended to the operand size */
	unsigned reg;    /* 0 RAX ... 15 R15 */
};

/* `insn` as x86_insn_decode filled it from `bytes`; false for an unsupported form. */
bool mmio_insn_decode(const struct x86_insn *insn, const uint8_t *bytes, struct mmio_op *op);
/* A register after a read of `size` bytes: 4 zero-extends into the whole register (as
 * 32-bit operands do in 64-bit mode), 1 and 2 keep the upper bits. */
uint64_t mmio_merge_read(uint64_t old, uint64_t val, unsigned size);

#endif
