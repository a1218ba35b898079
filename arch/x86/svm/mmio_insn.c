/* MOV decoding for emulated MMIO (see x86/mmio_insn.h). */
#include <x86/mmio_insn.h>

#define REX_W 0x08
#define REX_R 0x04

static const struct {
	uint8_t opcode;
	bool write, byte, imm;
} forms[] = {
	{ 0x88, true, true, false },  { 0x89, true, false, false },
	{ 0x8A, false, true, false }, { 0x8B, false, false, false },
	{ 0xC6, true, true, true },   { 0xC7, true, false, true },
};

bool mmio_insn_decode(const struct x86_insn *insn, const uint8_t *bytes, struct mmio_op *op)
{
	if (insn->map != INSN_MAP_1BYTE || !insn->has_modrm || (insn->modrm >> 6) == 3)
		return false; /* a register operand is not memory */
	for (unsigned i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (forms[i].opcode != insn->opcode)
			continue;
		unsigned reg = (insn->modrm >> 3 & 7) | (insn->rex & REX_R ? 8 : 0);
		unsigned size = forms[i].byte ? 1 : (insn->rex & REX_W) ? 8 : insn->opsize_prefix ? 2 : 4;
		if (forms[i].byte && !insn->rex && reg >= 4)
			return false; /* AH, CH, DH, BH */
		*op = (struct mmio_op){ .write = forms[i].write, .size = size, .is_imm = forms[i].imm,
					.reg = reg };
		if (!forms[i].imm)
			return true;
		if ((insn->modrm >> 3 & 7) != 0)
			return false; /* C6/C7 /0 only */
		unsigned imm_len = size > 4 ? 4 : size; /* imm32 sign-extended for REX.W */
		uint64_t imm = 0;
		for (unsigned b = 0; b < imm_len; b++)
			imm |= (uint64_t)bytes[insn->len - imm_len + b] << (8 * b);
		if (size == 8 && (imm & 0x80000000u))
			imm |= 0xFFFFFFFF00000000ull;
		op->imm = imm;
		return true;
	}
	return false;
}

uint64_t mmio_merge_read(uint64_t old, uint64_t val, unsigned size)
{
	if (size >= 4)
		return size == 4 ? (uint32_t)val : val;
	uint64_t mask = size == 2 ? 0xFFFFull : 0xFFull;
	return (old & ~mask) | (val & mask);
}
