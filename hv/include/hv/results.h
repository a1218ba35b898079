/* Result collection: parses a guest's console lines (PASS:/FAIL:/SKIP:/KFAIL:, SUMMARY,
 * EXIT: STATUS=) while they are shown, and gives each guest a verdict. Pure logic. */
#ifndef HV_RESULTS_H
#define HV_RESULTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define RESULTS_LINE_MAX 256

struct guest_results {
	unsigned passed, failed, skipped, known_failures;
	bool summary_seen;
	bool exit_line_seen;
	int exit_line_status;
	size_t line_len;
	char line[RESULTS_LINE_MAX];
};

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIP };

/* The `status` of a guest that ended through a path carrying none (arm64: PSCI SYSTEM_OFF):
 * it is judged by its lines and EXIT line alone, and the verdict says so. */
#define RESULTS_NO_STATUS INT_MIN

/* Feeds one complete console line (without the newline). */
void results_feed_line(struct guest_results *r, const char *line);

/* The verdict for a guest that ended with `exited` (true: it ended itself with
 * `status`; false: testvisor stopped it). Fills `why` with the reason of a FAIL. */
enum verdict results_verdict(const struct guest_results *r, bool exited, int status,
			     char *why, size_t whylen);

const char *verdict_name(enum verdict v);

#endif
