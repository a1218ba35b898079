/* Fuzz target: the x86 instruction-length decoder (arch/x86/svm/insn_len.c). The bytes are
 * the guest's own, read at its RIP when the CPU saved no next RIP; a wrong length skips
 * the guest into the middle of an instruction.
 * Input: byte 0 selects the mode (bits 0-1) and how many bytes the caller has (bits 2-5,
 * at most the rest of the input); the rest are the instruction bytes.
 * Checks beyond the sanitizers, from the decoder's contract (x86/insn.h):
 *  - a length is 1..15 and no more than the bytes given, and the same bytes give it again
 *    when exactly that many are given, and INSN_TRUNCATED with one fewer;
 *  - INSN_TRUNCATED only when fewer than 15 bytes were given (15 always decide);
 *  - any answer other than INSN_TRUNCATED stays the same when more bytes are given. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <x86/insn.h>

static int decode(const uint8_t *bytes, size_t avail, enum x86_mode mode, struct x86_insn *out)
{
	/* A private copy of exactly `avail` bytes: ASan sees a read past them. */
	uint8_t *p = malloc(avail ? avail : 1);
	memcpy(p, bytes, avail);
	int r = x86_insn_decode(p, avail, mode, out);
	free(p);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum x86_mode mode = (enum x86_mode)((data[0] & 3) % 3);
	const uint8_t *bytes = data + 1;
	size_t all = size - 1, avail = (size_t)(data[0] >> 2) & 15;
	if (avail > all)
		avail = all;
	struct x86_insn in;
	int r = decode(bytes, avail, mode, &in);
	if (r > 0) {
		if (r > X86_MAX_INSN_LEN || (size_t)r > avail || in.len != (unsigned)r)
			abort();
		if (decode(bytes, (size_t)r, mode, NULL) != r)
			abort();
		if (decode(bytes, (size_t)r - 1, mode, NULL) != INSN_TRUNCATED)
			abort();
	} else if (r == INSN_TRUNCATED) {
		if (avail >= X86_MAX_INSN_LEN)
			abort();
	} else if (r != INSN_TOO_LONG && r != INSN_UNSUPPORTED) {
		abort();
	}
	if (r != INSN_TRUNCATED && all > avail && decode(bytes, all, mode, NULL) != r)
		abort();
	return 0;
}
