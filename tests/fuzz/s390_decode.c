/* Fuzz target: the s390x privileged-instruction decoder (arch/s390/insn_decode.c), which
 * reads the guest's instruction at its PSW when it traps in problem state.
 * Input: byte 0 says how many bytes the caller has (0-7, at most the rest), the rest are
 * the instruction.
 * Checks beyond the sanitizers: a decoded instruction has the length its first byte
 * implies, fits the bytes given, names a table entry with its opcode, has register and
 * mask fields below 16 and displacements in range (12 bits unsigned, RSY 20 bits signed);
 * decoding stops at exactly its length (one byte fewer: refused). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <insn_decode.h>

static bool decode(const uint8_t *bytes, size_t avail, struct insn *out)
{
	uint8_t *p = malloc(avail ? avail : 1); /* exactly `avail` bytes: ASan sees overreads */
	memcpy(p, bytes, avail);
	bool ok = insn_decode(p, avail, out);
	free(p);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t avail = data[0] & 7;
	if (avail > size - 1)
		avail = size - 1;
	const uint8_t *b = data + 1;
	struct insn in;
	if (!decode(b, avail, &in))
		return 0;
	const struct insn_desc *d = in.desc;
	if (!d || d < insn_table || d >= insn_table + insn_table_len || d->op1 != b[0] ||
	    in.len != insn_length(b[0]) || in.len > avail || !d->name || d->id >= INSN_COUNT)
		abort();
	if (in.r1 > 15 || in.r2 > 15 || in.r3 > 15 || in.m3 > 15 || in.b1 > 15 || in.b2 > 15)
		abort();
	if (d->fmt == FMT_RSY ? (in.d2 < -(1 << 19) || in.d2 >= (1 << 19))
			      : (in.d1 < 0 || in.d1 > 0xfff || in.d2 < 0 || in.d2 > 0xfff))
		abort();
	struct insn again;
	if (!decode(b, in.len, &again) || again.desc != d || decode(b, in.len - 1, &again))
		abort();
	return 0;
}
