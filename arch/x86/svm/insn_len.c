/* Instruction length decoding for x86 (see x86/insn.h). The opcode maps are bitmaps: a
 * set bit means "this opcode has a ModRM byte" or "this opcode has an imm8". */
#include <x86/insn.h>

/* The bitmaps below were generated from these opcode lists (one bit per opcode):
 * modrm_1byte: 00-03 08-0b 10-13 18-1b 20-23 28-2b 30-33 38-3b 62 63 69 6b 80-8f c0 c1
 *              c4-c7 d0-d3 d8-df f6 f7 fe ff
 * no_modrm_0f: 05-09 0b 0e 30-37 77 80-8f a0-a2 a8-aa c8-cf (every other 0F opcode has one)
 * imm8_0f:     0f (3DNow! suffix) 70-73 a4 ac ba c2 c4-c6
 * imm8_1byte:  04 0c 14 1c 24 2c 34 3c 6a 6b 70-7f 80 82 83 a8 b0-b7 c0 c1 c6 cd d4 d5
 *              e0-e7 eb
 * immz_1byte:  05 0d 15 1d 25 2d 35 3d 68 69 81 a9 c7 e8 e9 (2 or 4 bytes by operand size) */
static const uint32_t modrm_1byte[8] = { 0x0f0f0f0f, 0x0f0f0f0f, 0x00000000, 0x00000a0c,
					 0x0000ffff, 0x00000000, 0xff0f00f3, 0xc0c00000 };
static const uint32_t no_modrm_0f[8] = { 0x00004be0, 0x00ff0000, 0x00000000, 0x00800000,
					 0x0000ffff, 0x00000707, 0x0000ff00, 0x00000000 };
static const uint32_t imm8_0f[8] = { 0x00008000, 0x00000000, 0x00000000, 0x000f0000,
				     0x00000000, 0x04001010, 0x00000074, 0x00000000 };
static const uint32_t imm8_1byte[8] = { 0x10101010, 0x10101010, 0x00000000, 0xffff0c00,
					0x0000000d, 0x00ff0100, 0x00302043, 0x000008ff };
static const uint32_t immz_1byte[8] = { 0x20202020, 0x20202020, 0x00000000, 0x00000300,
					0x00000002, 0x00000200, 0x00000080, 0x00000300 };

static bool bit(const uint32_t map[8], uint8_t op) { return (map[op >> 5] >> (op & 31)) & 1; }

static unsigned operand_bytes(enum x86_mode mode, bool opsize, bool rex_w)
{
	if (rex_w)
		return 8;
	bool sixteen = (mode == X86_MODE_16) != opsize;
	return sixteen ? 2 : 4;
}

static unsigned address_bytes(enum x86_mode mode, bool addrsize)
{
	switch (mode) {
	case X86_MODE_64: return addrsize ? 4 : 8;
	case X86_MODE_32: return addrsize ? 2 : 4;
	default: return addrsize ? 4 : 2;
	}
}

/* Length of ModRM + SIB + displacement, given the ModRM byte at p[0]. */
static int modrm_length(const uint8_t *p, size_t avail, unsigned addr_bytes)
{
	if (avail < 1)
		return INSN_TRUNCATED;
	uint8_t modrm = p[0], mod = modrm >> 6, rm = modrm & 7;
	if (mod == 3)
		return 1;
	if (addr_bytes == 2) {
		if (mod == 0)
			return rm == 6 ? 3 : 1;
		return mod == 1 ? 2 : 3;
	}
	unsigned len = 1;
	if (rm == 4) {
		if (avail < 2)
			return INSN_TRUNCATED;
		len++;
		if (mod == 0 && (p[1] & 7) == 5)
			return len + 4;
	}
	if (mod == 0)
		return rm == 5 ? len + 4 : len;
	return len + (mod == 1 ? 1 : 4);
}

static bool is_legacy_prefix(uint8_t b)
{
	switch (b) {
	case 0x66: case 0x67: case 0xf0: case 0xf2: case 0xf3:
	case 0x2e: case 0x36: case 0x3e: case 0x26: case 0x64: case 0x65:
		return true;
	default:
		return false;
	}
}

static bool has_modrm(enum insn_map map, uint8_t op)
{
	switch (map) {
	case INSN_MAP_1BYTE:
		return bit(modrm_1byte, op);
	case INSN_MAP_0F:
		return !bit(no_modrm_0f, op);
	default:
		return true;
	}
}

/* Immediate bytes of an instruction whose opcode and ModRM are known. */
static unsigned immediate_length(const struct x86_insn *in, enum x86_mode mode)
{
	bool rex_w = in->rex & 8;
	unsigned z = operand_bytes(mode, in->opsize_prefix, false) == 2 ? 2 : 4;
	uint8_t op = in->opcode, reg = (in->modrm >> 3) & 7;
	switch (in->map) {
	case INSN_MAP_0F:
		if (op >= 0x80 && op <= 0x8f)
			return z;
		return bit(imm8_0f, op) ? 1 : 0;
	case INSN_MAP_0F3A:
		return 1;
	case INSN_MAP_0F38:
		return 0;
	case INSN_MAP_1BYTE:
		break;
	}
	if (op >= 0xb8 && op <= 0xbf)
		return operand_bytes(mode, in->opsize_prefix, rex_w);
	if (op >= 0xa0 && op <= 0xa3)
		return address_bytes(mode, in->addrsize_prefix);
	if (op == 0xf6)
		return reg < 2 ? 1 : 0;
	if (op == 0xf7)
		return reg < 2 ? z : 0;
	if (op == 0xc2 || op == 0xca)
		return 2;
	if (op == 0xc8)
		return 3;
	if (op == 0x9a || op == 0xea)
		return z + 2;
	if (bit(imm8_1byte, op))
		return 1;
	if (bit(immz_1byte, op))
		return z;
	return 0;
}

static bool invalid_in_64bit(uint8_t op)
{
	switch (op) {
	case 0x06: case 0x07: case 0x0e: case 0x16: case 0x17: case 0x1e: case 0x1f:
	case 0x27: case 0x2f: case 0x37: case 0x3f: case 0x60: case 0x61: case 0x62:
	case 0x82: case 0x9a: case 0xc4: case 0xc5: case 0xce: case 0xd4: case 0xd5:
	case 0xea: case 0x8f: /* 0x8f is XOP when ModRM.reg != 0; see below */
		return true;
	default:
		return false;
	}
}

/* The instructions that exit most often, without prefixes: recognised before the general
 * decoder (the exit fast path). Same results as the general path (unit-tested). */
static int decode_common_exit(const uint8_t *b, size_t avail, struct x86_insn *out)
{
	if (avail < 3 || b[0] != 0x0f)
		return 0;
	unsigned len;
	uint8_t op = b[1];
	if (op == 0xa2 || op == 0x30 || op == 0x31 || op == 0x32) /* cpuid wrmsr rdtsc rdmsr */
		len = 2;
	else if (op == 0x01 && (b[2] == 0xd9 || b[2] == 0xf9))     /* vmmcall rdtscp */
		len = 3;
	else
		return 0;
	if (out)
		*out = (struct x86_insn){ .len = len, .map = INSN_MAP_0F, .opcode = op,
					  .has_modrm = len == 3, .modrm = len == 3 ? b[2] : 0 };
	return (int)len;
}

static int decode(const uint8_t *bytes, size_t avail, enum x86_mode mode, struct x86_insn *out)
{
	int fast = decode_common_exit(bytes, avail, out);
	if (fast)
		return fast;
	struct x86_insn in = { 0 };
	size_t i = 0;
	for (;; i++) {
		if (i >= avail)
			return INSN_TRUNCATED;
		uint8_t b = bytes[i];
		if (!is_legacy_prefix(b))
			break;
		in.rex = 0; /* a legacy prefix after REX cancels it */
		in.opsize_prefix |= b == 0x66;
		in.addrsize_prefix |= b == 0x67;
		in.rep_prefix |= b == 0xf3 || b == 0xf2;
	}
	if (mode == X86_MODE_64 && (bytes[i] & 0xf0) == 0x40) {
		in.rex = bytes[i++];
		if (i >= avail)
			return INSN_TRUNCATED;
	}
	uint8_t op = bytes[i++];
	in.map = INSN_MAP_1BYTE;
	if (op == 0x0f) {
		if (i >= avail)
			return INSN_TRUNCATED;
		op = bytes[i++];
		in.map = INSN_MAP_0F;
		if (op == 0x38 || op == 0x3a) {
			in.map = op == 0x38 ? INSN_MAP_0F38 : INSN_MAP_0F3A;
			if (i >= avail)
				return INSN_TRUNCATED;
			op = bytes[i++];
		}
	} else if (mode == X86_MODE_64 && invalid_in_64bit(op)) {
		if (op != 0x8f)
			return INSN_UNSUPPORTED;
		/* POP r/m64 is 8F /0; other ModRM.reg values are the XOP prefix. */
		if (i >= avail)
			return INSN_TRUNCATED;
		if ((bytes[i] >> 3) & 7)
			return INSN_UNSUPPORTED;
	} else if (mode != X86_MODE_64 && (op == 0xc4 || op == 0xc5 || op == 0x62)) {
		/* LES/LDS/BOUND unless ModRM.mod == 3, which makes them VEX/EVEX. */
		if (i >= avail)
			return INSN_TRUNCATED;
		if ((bytes[i] >> 6) == 3)
			return INSN_UNSUPPORTED;
	}
	in.opcode = op;
	in.has_modrm = has_modrm(in.map, op);
	if (in.has_modrm) {
		int n = modrm_length(bytes + i, avail - i, address_bytes(mode, in.addrsize_prefix));
		if (n < 0)
			return n;
		in.modrm = bytes[i];
		i += (size_t)n;
	}
	i += immediate_length(&in, mode);
	if (i > X86_MAX_INSN_LEN)
		return INSN_TOO_LONG;
	if (i > avail)
		return INSN_TRUNCATED;
	in.len = (unsigned)i;
	if (out)
		*out = in;
	return (int)i;
}

int x86_insn_decode(const uint8_t *bytes, size_t avail, enum x86_mode mode, struct x86_insn *out)
{
	/* The decoder never looks past the 15th byte: needing a 16th is being too long,
	 * whichever step asks for it (prefixes, REX, opcode, ModRM/SIB), and what a 16th byte
	 * holds (an invalid opcode, say) must not change the answer. */
	int r = decode(bytes, avail < X86_MAX_INSN_LEN ? avail : X86_MAX_INSN_LEN, mode, out);
	if (r == INSN_TRUNCATED && avail >= X86_MAX_INSN_LEN)
		return INSN_TOO_LONG;
	return r;
}
