/* A small deterministic pseudo-random generator (xorshift64) for fuzzing payloads: the
 * same seed gives the same sequence on every platform, so standalone and guest runs of a
 * fuzzer make the same calls and their results can be compared. */
#include <libtv.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

void tv_srand(uint64_t seed) { state = seed ? seed : 0x9e3779b97f4a7c15ULL; }

uint64_t tv_rand(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}
