/* Decoding the guest's memory instructions (MMIO emulation, misaligned emulation) and
 * the arithmetic of AMOs. Pure logic: host unit-tested (tests/unit/riscv/). */
#ifndef RV_INSN_H
#define RV_INSN_H

#include <stdbool.h>
#include <stdint.h>

enum rv_mem_kind { RV_MEM_LOAD, RV_MEM_STORE, RV_MEM_AMO, RV_MEM_LR, RV_MEM_SC };

enum rv_amo_op {
	RV_AMO_ADD, RV_AMO_SWAP, RV_AMO_XOR, RV_AMO_AND, RV_AMO_OR,
	RV_AMO_MIN, RV_AMO_MAX, RV_AMO_MINU, RV_AMO_MAXU,
};

struct rv_mem_insn {
	enum rv_mem_kind kind;
	unsigned size;      /* bytes: 1, 2, 4, 8 */
	bool sign_extend;   /* loads (and AMO/LR results) */
	unsigned rd;        /* destination register (loads, AMO, LR, SC) */
	unsigned rs2;       /* source register (stores, AMO, SC) */
	unsigned len;       /* instruction length: 2 or 4 */
	bool fp;            /* rd/rs2 name f registers (flw, fld, fsw, fsd and compressed forms) */
	enum rv_amo_op amo;
};

/* Decodes a load, store, AMO, LR or SC, integer or FP (32-bit or compressed).
 * `insn` as fetched: compressed instructions in the low 16 bits. */
bool rv_decode_mem(uint32_t insn, struct rv_mem_insn *out);

/* Decodes htinst's transformed instruction (bit 0 set): the 32-bit form, where bit 1
 * clear means the original was compressed. False for 0 and pseudo-instructions. */
bool rv_decode_transformed(uint64_t htinst, struct rv_mem_insn *out);

/* The value an AMO stores, from the old memory value and the rs2 operand. */
uint64_t rv_amo_apply(enum rv_amo_op op, unsigned size, uint64_t old, uint64_t operand);

/* The register value a load of mi->size bytes `raw` gives: integer loads extend; flw
 * NaN-boxes the single into the 64-bit f register; fld takes all 64 bits. */
uint64_t rv_load_result(const struct rv_mem_insn *mi, uint64_t raw);

/* Sign- or zero-extends the low `size` bytes of v. */
uint64_t rv_extend(uint64_t v, unsigned size, bool sign);

/* What a virtual-instruction exception's instruction asks of testvisor (exits.c):
 * WFI waits (hstatus.VTW), WRS.NTO/WRS.STO (Zawrs, also trapped by VTW) yield the hart
 * to the other vCPUs; anything else is illegal for the guest. */
enum rv_virtual_insn { RV_VIRT_ILLEGAL, RV_VIRT_WFI, RV_VIRT_WRS };
enum rv_virtual_insn rv_classify_virtual_insn(uint32_t insn);

#endif
