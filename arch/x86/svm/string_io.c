/* String port I/O: decoding and register arithmetic (see x86/string_io.h). */
#include <x86/string_io.h>
#include <x86/vmcb.h>

#define IOIO_ADDR_SHIFT 7 /* bits 7..9: 16/32/64-bit address size, one-hot */

static unsigned one_hot(unsigned field)
{
	return field == 1 ? 0 : field == 2 ? 1 : field == 4 ? 2 : 3;
}

bool string_io_decode(uint64_t info, struct string_io *s)
{
	unsigned size = one_hot((info >> IOIO_SIZE_SHIFT) & 7);
	unsigned addr = one_hot((info >> IOIO_ADDR_SHIFT) & 7);
	bool addr_unreported = ((info >> IOIO_ADDR_SHIFT) & 7) == 0;
	if (!(info & IOIO_STRING) || size > 2 || (addr > 2 && !addr_unreported))
		return false;
	s->in = info & IOIO_IN;
	s->rep = info & IOIO_REP;
	s->size = 1u << size;
	s->addr_bits = addr_unreported ? 0 : 16u << addr;
	return true;
}

static bool is_legacy_prefix(uint8_t b)
{
	static const uint8_t prefixes[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67,
					    0xf0, 0xf2, 0xf3 };
	for (size_t i = 0; i < sizeof(prefixes); i++)
		if (b == prefixes[i])
			return true;
	return false;
}

unsigned string_io_mode_addr_bits(bool long_mode, bool cs_d, const uint8_t *bytes, size_t len)
{
	bool override = false;
	for (size_t i = 0; i < len && is_legacy_prefix(bytes[i]); i++)
		override |= bytes[i] == 0x67;
	if (long_mode)
		return override ? 32 : 64;
	return cs_d != override ? 32 : 16;
}

enum x86_seg string_io_source_segment(const uint8_t *bytes, size_t len)
{
	static const struct { uint8_t prefix; enum x86_seg seg; } overrides[] = {
		{ 0x26, SEG_ES }, { 0x2e, SEG_CS }, { 0x36, SEG_SS },
		{ 0x3e, SEG_DS }, { 0x64, SEG_FS }, { 0x65, SEG_GS },
	};
	enum x86_seg seg = SEG_DS;
	/* Prefixes end at REX (0x40-0x4f) or the opcode; the last segment override wins. */
	for (size_t i = 0; i < len && is_legacy_prefix(bytes[i]); i++)
		for (size_t j = 0; j < sizeof(overrides) / sizeof(overrides[0]); j++)
			if (bytes[i] == overrides[j].prefix)
				seg = overrides[j].seg;
	return seg;
}

static uint64_t addr_mask(const struct string_io *s)
{
	return s->addr_bits == 64 ? ~0ull : (1ull << s->addr_bits) - 1;
}

uint64_t string_io_count(const struct string_io *s, uint64_t rcx)
{
	return s->rep ? rcx & addr_mask(s) : 1;
}

uint64_t string_io_offset(const struct string_io *s, uint64_t index)
{
	return index & addr_mask(s);
}

static uint64_t with_low_part(const struct string_io *s, uint64_t reg, uint64_t value)
{
	uint64_t mask = addr_mask(s);
	if (s->addr_bits == 16)
		return (reg & ~mask) | (value & mask);
	return value & mask;
}

void string_io_advance(const struct string_io *s, bool df, uint64_t *index, uint64_t *rcx)
{
	uint64_t step = df ? (uint64_t)0 - s->size : s->size;
	*index = with_low_part(s, *index, *index + step);
	if (s->rep)
		*rcx = with_low_part(s, *rcx, *rcx - 1);
}
