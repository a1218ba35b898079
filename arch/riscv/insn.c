/* Memory-instruction decoding and AMO arithmetic: see rv_insn.h. Encodings from the RISC-V
 * unprivileged ISA (RV64I loads/stores, A extension, F/D loads and stores, C extension
 * quadrants 0 and 2). */
#include <rv_insn.h>

#define OP_LOAD  0x03
#define OP_STORE 0x23
#define OP_AMO   0x2f
#define OP_LOAD_FP  0x07
#define OP_STORE_FP 0x27
/* FP load/store width (funct3): W = flw/fsw, D = fld/fsd. H (Zfh) and Q are not emulated,
 * as Linux does not (arch/riscv/kernel/traps_misaligned.c). */
#define FP_WIDTH_W 2
#define FP_WIDTH_D 3

static unsigned bits(uint32_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

uint64_t rv_extend(uint64_t v, unsigned size, bool sign)
{
	if (size >= 8)
		return v;
	unsigned shift = 64 - 8 * size;
	return sign ? (uint64_t)((int64_t)(v << shift) >> shift) : (v << shift) >> shift;
}

/* funct3 of LOAD: size and signedness; index 7 is reserved. */
static const struct { unsigned size; bool sign; bool valid; } load_f3[8] = {
	{ 1, true, true }, { 2, true, true }, { 4, true, true }, { 8, true, true },
	{ 1, false, true }, { 2, false, true }, { 4, false, true }, { 0, false, false },
};

/* AMO funct5 -> operation. */
static const struct { unsigned funct5; enum rv_mem_kind kind; enum rv_amo_op op; } amo_f5[] = {
	{ 0x00, RV_MEM_AMO, RV_AMO_ADD }, { 0x01, RV_MEM_AMO, RV_AMO_SWAP },
	{ 0x02, RV_MEM_LR, RV_AMO_ADD }, { 0x03, RV_MEM_SC, RV_AMO_ADD },
	{ 0x04, RV_MEM_AMO, RV_AMO_XOR }, { 0x08, RV_MEM_AMO, RV_AMO_OR },
	{ 0x0c, RV_MEM_AMO, RV_AMO_AND }, { 0x10, RV_MEM_AMO, RV_AMO_MIN },
	{ 0x14, RV_MEM_AMO, RV_AMO_MAX }, { 0x18, RV_MEM_AMO, RV_AMO_MINU },
	{ 0x1c, RV_MEM_AMO, RV_AMO_MAXU },
};

static bool decode32(uint32_t insn, struct rv_mem_insn *o)
{
	unsigned f3 = bits(insn, 14, 12);
	o->rd = bits(insn, 11, 7);
	o->rs2 = bits(insn, 24, 20);
	o->len = 4;
	o->fp = false;
	switch (insn & 0x7f) {
	case OP_LOAD_FP:
	case OP_STORE_FP:
		if (f3 != FP_WIDTH_W && f3 != FP_WIDTH_D)
			return false;
		o->kind = (insn & 0x7f) == OP_LOAD_FP ? RV_MEM_LOAD : RV_MEM_STORE;
		o->size = f3 == FP_WIDTH_W ? 4 : 8;
		o->sign_extend = false;
		o->fp = true;
		return true;
	case OP_LOAD:
		if (!load_f3[f3].valid)
			return false;
		o->kind = RV_MEM_LOAD;
		o->size = load_f3[f3].size;
		o->sign_extend = load_f3[f3].sign;
		return true;
	case OP_STORE:
		if (f3 > 3)
			return false;
		o->kind = RV_MEM_STORE;
		o->size = 1u << f3;
		o->sign_extend = false;
		return true;
	case OP_AMO:
		if (f3 != 2 && f3 != 3)
			return false;
		for (unsigned i = 0; i < sizeof(amo_f5) / sizeof(amo_f5[0]); i++) {
			if (amo_f5[i].funct5 != bits(insn, 31, 27))
				continue;
			if (amo_f5[i].kind == RV_MEM_LR && o->rs2 != 0)
				return false;
			o->kind = amo_f5[i].kind;
			o->amo = amo_f5[i].op;
			o->size = f3 == 2 ? 4 : 8;
			o->sign_extend = true;
			return true;
		}
		return false;
	default:
		return false;
	}
}

/* Compressed loads/stores, by quadrant and funct3 (RV64C): quadrant 0 uses x8-x15/f8-f15
 * (c.fld, c.lw, c.ld, c.fsd, c.sw, c.sd), quadrant 2 the sp-relative forms (c.fldsp,
 * c.lwsp, c.ldsp, c.fsdsp, c.swsp, c.sdsp). size 0: not a load or store. */
static const struct c_form {
	unsigned size;
	bool store, fp;
} c_forms[8] = {
	[1] = { 8, false, true }, [2] = { 4, false, false }, [3] = { 8, false, false },
	[5] = { 8, true, true },  [6] = { 4, true, false },  [7] = { 8, true, false },
};

static bool decode16(uint16_t insn, struct rv_mem_insn *o)
{
	unsigned quadrant = insn & 3;
	const struct c_form *form = &c_forms[bits(insn, 15, 13)];
	if ((quadrant != 0 && quadrant != 2) || !form->size)
		return false;
	o->len = 2;
	o->sign_extend = !form->fp;
	o->fp = form->fp;
	o->kind = form->store ? RV_MEM_STORE : RV_MEM_LOAD;
	o->size = form->size;
	if (quadrant == 0) {
		o->rd = o->rs2 = 8 + bits(insn, 4, 2);
		return true;
	}
	o->rd = bits(insn, 11, 7);
	o->rs2 = bits(insn, 6, 2);
	/* c.lwsp/c.ldsp with rd = x0 are reserved; c.fldsp may load f0. */
	return form->store || form->fp || o->rd != 0;
}

bool rv_decode_mem(uint32_t insn, struct rv_mem_insn *out)
{
	if ((insn & 3) != 3)
		return decode16((uint16_t)insn, out);
	return decode32(insn, out);
}

bool rv_decode_transformed(uint64_t htinst, struct rv_mem_insn *out)
{
	if (!(htinst & 1))
		return false;
	bool compressed = !(htinst & 2);
	if (!decode32((uint32_t)htinst | 2, out))
		return false;
	out->len = compressed ? 2 : 4;
	return true;
}

/* NaN boxing: a narrower value in a wider f register has all upper bits set (unprivileged
 * ISA, D extension, "NaN Boxing of Narrower Values"). */
uint64_t rv_load_result(const struct rv_mem_insn *mi, uint64_t raw)
{
	if (mi->fp && mi->size == 4)
		return 0xffffffff00000000ULL | (uint32_t)raw;
	return rv_extend(raw, mi->size, mi->sign_extend);
}

uint64_t rv_amo_apply(enum rv_amo_op op, unsigned size, uint64_t old, uint64_t operand)
{
	int64_t so = (int64_t)rv_extend(old, size, true), sp = (int64_t)rv_extend(operand, size, true);
	uint64_t uo = rv_extend(old, size, false), up = rv_extend(operand, size, false);
	uint64_t r;
	switch (op) {
	case RV_AMO_ADD: r = old + operand; break;
	case RV_AMO_SWAP: r = operand; break;
	case RV_AMO_XOR: r = old ^ operand; break;
	case RV_AMO_AND: r = old & operand; break;
	case RV_AMO_OR: r = old | operand; break;
	case RV_AMO_MIN: r = so < sp ? old : operand; break;
	case RV_AMO_MAX: r = so > sp ? old : operand; break;
	case RV_AMO_MINU: r = uo < up ? old : operand; break;
	case RV_AMO_MAXU: r = uo > up ? old : operand; break;
	default: r = old; break;
	}
	return rv_extend(r, size, false);
}

/* Instructions a VS-mode guest may execute that trap to testvisor only because it asked
 * (hstatus.VTW): exact encodings, no operands (Priv spec, "Wait for Interrupt" and the
 * H extension's virtual-instruction rules; Zawrs: WRS.NTO and WRS.STO raise a
 * virtual-instruction exception with VTW set when they do not complete at once). */
static const struct { uint32_t insn; enum rv_virtual_insn kind; } virtual_insns[] = {
	{ 0x10500073u, RV_VIRT_WFI }, /* wfi */
	{ 0x00d00073u, RV_VIRT_WRS }, /* wrs.nto */
	{ 0x01d00073u, RV_VIRT_WRS }, /* wrs.sto */
};

enum rv_virtual_insn rv_classify_virtual_insn(uint32_t insn)
{
	for (unsigned i = 0; i < sizeof(virtual_insns) / sizeof(virtual_insns[0]); i++)
		if (virtual_insns[i].insn == insn)
			return virtual_insns[i].kind;
	return RV_VIRT_ILLEGAL;
}
