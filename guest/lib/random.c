/* A small deterministic pseudo-random generator (xorshift64) for fuzzing payloads: the
 * same seed gives the same sequence on every platform, so standalone and guest runs of a
 * fuzzer make the same calls and their results can be compared. */
#include <libtv.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

void tv_srand(uint64_t seed) { state = seed ? seed : 0x9e3779b97f4a7c15ULL; }

uint64_t tv_rand(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* Fuzzers' common arguments: seed=<n> (printed, so that a failure reproduces) and
 * count=<n>. */
uint64_t tv_fuzz_args(int argc, char **argv, uint64_t default_count)
{
	const char *s = tv_arg(argc, argv, "seed"), *c = tv_arg(argc, argv, "count");
	uint64_t seed = s ? strtoull(s, NULL, 0) : 0x5eed;
	tv_srand(seed);
	report_info("seed=%#llx (rerun with seed=%#llx to reproduce)", (unsigned long long)seed,
		    (unsigned long long)seed);
	return c ? strtoull(c, NULL, 0) : default_count;
}

/* The lines tests/soak.sh adds up: calls made, and exceptions seen by kind. */
void tv_fuzz_report_calls(const char *target, uint64_t calls)
{
	report_info("fuzz %s: %llu calls", target, (unsigned long long)calls);
}

void tv_fuzz_report_exception(const char *target, const char *kind, uint64_t n)
{
	if (n)
		report_info("fuzz %s: exception %s: %llu", target, kind, (unsigned long long)n);
}

void tv_fuzz_report_exception_counts(const char *target, const char *kind_format,
				     const uint64_t *counts, unsigned first, unsigned end)
{
	for (unsigned i = first; i < end; i++) {
		char kind[32];
		snprintf(kind, sizeof(kind), kind_format, i);
		tv_fuzz_report_exception(target, kind, counts[i]);
	}
}
