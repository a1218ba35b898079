/* Decoding the instructions the #VC handler carries out (vc_insn.h). */
#include "vc_insn.h"

struct prefixes {
	bool opsize, rep, rex_w, rex_r, rex_x, rex_b, rex, other;
	unsigned len;
};

/* Legacy prefixes, then an optional REX. Segment overrides of CS/DS/ES/SS change nothing
 * in 64-bit mode; FS/GS, address-size and LOCK are refused (`other`). */
static struct prefixes read_prefixes(const uint8_t *b, unsigned avail)
{
	struct prefixes p = { 0 };
	for (; p.len < avail; p.len++) {
		uint8_t c = b[p.len];
		if (c == 0x66)
			p.opsize = true;
		else if (c == 0xf3)
			p.rep = true;
		else if (c == 0x2e || c == 0x3e || c == 0x26 || c == 0x36)
			continue;
		else if (c == 0x64 || c == 0x65 || c == 0x67 || c == 0xf0 || c == 0xf2)
			p.other = true;
		else
			break;
	}
	if (p.len < avail && (b[p.len] & 0xf0) == 0x40) {
		uint8_t r = b[p.len++];
		p.rex = true;
		p.rex_w = r & 8, p.rex_r = r & 4, p.rex_x = r & 2, p.rex_b = r & 1;
	}
	return p;
}

/* ModRM (and SIB, displacement) at b[0]: a memory operand only. */
static bool read_modrm(const uint8_t *b, unsigned avail, const struct prefixes *p,
		       struct vc_mmio *m, unsigned *used)
{
	if (avail < 1)
		return false;
	unsigned mod = b[0] >> 6, reg = (b[0] >> 3) & 7, rm = b[0] & 7, n = 1;
	if (mod == 3)
		return false;
	m->reg = reg | (p->rex_r ? 8 : 0);
	m->base = m->index = VC_REG_NONE;
	m->scale = 1;
	unsigned disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
	if (rm == 4) {
		if (avail < 2)
			return false;
		uint8_t sib = b[n++];
		unsigned index = ((sib >> 3) & 7) | (p->rex_x ? 8 : 0), base = sib & 7;
		m->scale = 1u << (sib >> 6);
		if (index != 4)
			m->index = index;
		if (base == 5 && mod == 0)
			disp_size = 4;
		else
			m->base = base | (p->rex_b ? 8 : 0);
	} else if (rm == 5 && mod == 0) {
		m->base = VC_REG_RIP;
		disp_size = 4;
	} else {
		m->base = rm | (p->rex_b ? 8 : 0);
	}
	if (n + disp_size > avail)
		return false;
	if (disp_size == 1) {
		m->disp = (int8_t)b[n];
	} else if (disp_size == 4) {
		uint32_t d = (uint32_t)b[n] | (uint32_t)b[n + 1] << 8 | (uint32_t)b[n + 2] << 16 |
			     (uint32_t)b[n + 3] << 24;
		m->disp = (int32_t)d;
	}
	*used = n + disp_size;
	return true;
}

static uint64_t read_imm(const uint8_t *b, unsigned size)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

static uint64_t sign_extend(uint64_t v, unsigned from_size)
{
	unsigned shift = 64 - 8 * from_size;
	return (uint64_t)((int64_t)(v << shift) >> shift);
}

bool vc_mmio_decode(const uint8_t *insn, unsigned avail, struct vc_mmio *m)
{
	*m = (struct vc_mmio){ 0 };
	if (avail > VC_INSN_MAX)
		avail = VC_INSN_MAX;
	struct prefixes p = read_prefixes(insn, avail);
	if (p.other || p.rep || p.len >= avail)
		return false;
	unsigned n = p.len, op = insn[n++];
	bool two_byte = op == 0x0f;
	if (two_byte) {
		if (n >= avail)
			return false;
		op = 0x100 | insn[n++];
	}
	unsigned wide = p.rex_w ? 8 : p.opsize ? 2 : 4, used;
	switch (op) {
	case 0x88: case 0x89: m->kind = VC_MMIO_STORE; break;
	case 0x8a: case 0x8b: m->kind = VC_MMIO_LOAD; break;
	case 0xc6: case 0xc7: m->kind = VC_MMIO_STORE_IMM; break;
	case 0x1b6: case 0x1b7: m->kind = VC_MMIO_LOAD_ZX; break;
	default: return false;
	}
	if (!read_modrm(insn + n, avail - n, &p, m, &used))
		return false;
	n += used;
	if (m->kind == VC_MMIO_LOAD_ZX) {
		m->size = op == 0x1b6 ? 1 : 2;
		m->reg_size = wide;
	} else {
		m->size = m->reg_size = (op & 1) ? wide : 1;
	}
	if (m->kind == VC_MMIO_STORE_IMM) {
		if (m->reg & 7) /* C6/C7 need ModRM.reg 0 */
			return false;
		unsigned imm_size = m->size == 8 ? 4 : m->size;
		if (n + imm_size > avail)
			return false;
		m->imm = sign_extend(read_imm(insn + n, imm_size), imm_size);
		n += imm_size;
		m->reg = VC_REG_NONE;
	} else if (m->reg_size == 1 && !p.rex && m->reg >= 4 && m->reg < 8) {
		m->reg -= 4; /* AH, CH, DH, BH without REX */
		m->high8 = true;
	}
	m->len = n;
	return true;
}

uint64_t vc_mmio_address(const struct vc_mmio *m, const uint64_t regs[16], uint64_t next_rip)
{
	uint64_t a = (uint64_t)m->disp;
	if (m->base == VC_REG_RIP)
		a += next_rip;
	else if (m->base != VC_REG_NONE)
		a += regs[m->base];
	if (m->index != VC_REG_NONE)
		a += regs[m->index] * m->scale;
	return a;
}

uint64_t vc_mmio_store_value(const struct vc_mmio *m, const uint64_t regs[16])
{
	if (m->kind == VC_MMIO_STORE_IMM)
		return m->imm;
	return m->high8 ? regs[m->reg] >> 8 : regs[m->reg];
}

uint64_t vc_mmio_load_result(const struct vc_mmio *m, uint64_t old, uint64_t val)
{
	uint64_t mask = m->size == 8 ? ~0ull : (1ull << (8 * m->size)) - 1;
	val &= mask; /* MOVZX: zero-extended from here to the destination */
	if (m->high8)
		return (old & ~0xff00ull) | (val << 8);
	switch (m->reg_size) {
	case 1: return (old & ~0xffull) | val;
	case 2: return (old & ~0xffffull) | val;
	case 4: return val & 0xffffffffull;
	default: return val;
	}
}

bool vc_string_io_decode(const uint8_t *insn, unsigned avail, struct vc_string_io *s)
{
	if (avail > VC_INSN_MAX)
		avail = VC_INSN_MAX;
	struct prefixes p = read_prefixes(insn, avail);
	if (p.other || p.len >= avail || p.len != (unsigned)(p.opsize + p.rep + p.rex))
		return false; /* a segment override would name another source */
	uint8_t op = insn[p.len];
	if (op < 0x6c || op > 0x6f)
		return false;
	*s = (struct vc_string_io){ .in = op < 0x6e, .rep = p.rep, .len = p.len + 1,
				    .size = !(op & 1) ? 1 : p.opsize ? 2 : 4 };
	return true;
}
