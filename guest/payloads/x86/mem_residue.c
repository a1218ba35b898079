/* Guests must not see each other's memory: run as a pair in one testvisor run (mode
 * `pair` of tests/qemu/x86_64.sh). The first guest (role=write) fills guest-physical
 * [8 MiB, 12 MiB) with a pattern and exits; the second (role=scan) reads the same range
 * of its own RAM, which must hold none of it (testvisor gives each guest zeroed memory).
 * Standalone, a single run can only write and scan itself: the scan then skips. */
#include <libtv.h>
#include <string.h>

#define REGION_START (8ull << 20)
#define REGION_SIZE (4ull << 20)
#define PATTERN_SEED 0x7e57715052455349ull /* "testvisor RESI"-ish */

/* The pattern word for index i (never zero). */
static uint64_t pattern(uint64_t i) { return (PATTERN_SEED ^ (i * 0x9e3779b97f4a7c15ull)) | 1; }

int main(int argc, char **argv)
{
	const char *role = tv_arg(argc, argv, "role");
	volatile uint64_t *region = (volatile uint64_t *)(uintptr_t)REGION_START;
	size_t words = REGION_SIZE / sizeof(uint64_t);
	if (role && !strcmp(role, "write")) {
		for (size_t i = 0; i < words; i++)
			region[i] = pattern(i);
		report(region[words - 1] == pattern(words - 1), "pattern written to [8 MiB, 12 MiB)");
		return report_summary();
	}
	if (!role || strcmp(role, "scan"))
		report_abort("role=write|scan missing");
	if (strcmp(tv_platform_name(), "testvisor")) {
		report_skip("a scan needs a writer guest before it in the same testvisor run");
		return report_summary();
	}
	size_t found = 0, nonzero = 0;
	for (size_t i = 0; i < words; i++) {
		uint64_t v = region[i];
		nonzero += v != 0;
		found += v == pattern(i);
	}
	report(found == 0, "no word of the previous guest's pattern visible (%zu found)", found);
	report(nonzero == 0, "memory the guest never wrote reads as zero (%zu non-zero words)", nonzero);
	return report_summary();
}
