/* Reading a fuzz target's input: fixed-width values from its bytes, host byte order (the
 * input is arbitrary bytes; only its variety matters). */
#ifndef TESTS_FUZZ_INPUT_H
#define TESTS_FUZZ_INPUT_H

#include <stdint.h>
#include <string.h>

static inline uint64_t fuzz_u64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

#endif
