/* The instructions an SEV-ES/SNP guest's #VC handler carries out itself through the GHCB,
 * decoded from their bytes (AMD APM vol. 3: MOV, MOVZX, INS, OUTS; legacy prefixes, REX,
 * ModRM and SIB as in APM vol. 3 §1.2-1.4, 64-bit mode only):
 *  - MMIO (#VC 0x400): MOV r/m,r 88/89; MOV r,r/m 8A/8B; MOV r/m,imm C6/C7 /0; MOVZX
 *    0F B6/B7; operand size from the opcode, 66h and REX.W; the memory operand from
 *    ModRM/SIB/displacement or RIP-relative;
 *  - string port I/O (#VC 0x7B): INS 6C/6D, OUTS 6E/6F with 66h and REP (F3).
 * Written for the payload library, pure and host-tested (test_x86_vc_insn); testvisor's
 * own decoder (arch/x86/svm) is kept apart so that the two do not agree by construction. */
#ifndef GUEST_X86_VC_INSN_H
#define GUEST_X86_VC_INSN_H

#include <stdbool.h>
#include <stdint.h>

#define VC_INSN_MAX 15u
#define VC_REG_NONE 0xffu
#define VC_REG_RIP 16u

enum vc_mmio_kind { VC_MMIO_LOAD, VC_MMIO_LOAD_ZX, VC_MMIO_STORE, VC_MMIO_STORE_IMM };

struct vc_mmio {
	enum vc_mmio_kind kind;
	unsigned size;      /* bytes accessed in memory: 1, 2, 4 or 8 */
	unsigned reg_size;  /* the register operand's size (MOVZX: the destination's) */
	unsigned reg;       /* 0 RAX, 1 RCX, 2 RDX, 3 RBX, 4 RSP, 5 RBP, 6 RSI, 7 RDI, 8-15 */
	bool high8;         /* AH, CH, DH, BH: bits 15:8 of register reg */
	uint64_t imm;       /* MOV r/m,imm: sign-extended to the operand size */
	unsigned base, index; /* VC_REG_NONE, a register, or VC_REG_RIP for the base */
	unsigned scale;     /* 1, 2, 4, 8 */
	int64_t disp;
	unsigned len;       /* instruction length */
};

/* Decodes up to `avail` bytes at `insn`; false for anything else (a register operand
 * included: that is no memory access). */
bool vc_mmio_decode(const uint8_t *insn, unsigned avail, struct vc_mmio *m);
/* The memory operand's address; `regs` in the numbering above, `next_rip` the address of
 * the following instruction. */
uint64_t vc_mmio_address(const struct vc_mmio *m, const uint64_t regs[16], uint64_t next_rip);
/* The value a store writes (its `size` low bytes count). */
uint64_t vc_mmio_store_value(const struct vc_mmio *m, const uint64_t regs[16]);
/* Register `reg` after a load that read `val`: a 32-bit destination is zero-extended into
 * the whole register, 8- and 16-bit ones keep the other bits. */
uint64_t vc_mmio_load_result(const struct vc_mmio *m, uint64_t old, uint64_t val);

struct vc_string_io {
	bool in;        /* INS (else OUTS) */
	bool rep;
	unsigned size;  /* 1, 2 or 4 */
	unsigned len;
};
/* INS/OUTS without segment or address-size override; false for anything else. */
bool vc_string_io_decode(const uint8_t *insn, unsigned avail, struct vc_string_io *s);

#endif
