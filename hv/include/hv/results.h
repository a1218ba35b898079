/* Result collection: parses a guest's console lines (PASS:/FAIL:/SKIP:/KFAIL:, SUMMARY,
 * EXIT: STATUS=) while they are shown, and gives each guest a verdict. Pure logic. */
#ifndef HV_RESULTS_H
#define HV_RESULTS_H

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

/* How a guest ended. */
enum guest_end {
	GUEST_STOPPED,           /* testvisor stopped it (fault, budget, bad input) */
	GUEST_ENDED,             /* it ended itself through a path that carries no status
				  * (PSCI SYSTEM_OFF, SBI SRST, a disabled wait): its EXIT line
				  * is its result */
	GUEST_ENDED_WITH_STATUS, /* through an exit device carrying a status (isa-debug-exit,
				  * virt test finisher), read as QEMU's exit code would be */
};

/* The exit convention of kvm-unit-tests: exit(code) prints
 * "EXIT: STATUS=<(code << 1) | 1>"; an even value cannot come from exit() (a crash). */
#define EXIT_LINE_STATUS(code) (((code) << 1) | 1)
#define EXIT_CODE_SKIP 77

/* Feeds one complete console line (without the newline). */
void results_feed_line(struct guest_results *r, const char *line);

/* The verdict for a guest that ended as `end` says; `status` is the code its exit device
 * carried (GUEST_ENDED_WITH_STATUS only). Fills `why` with the reason of a FAIL. */
enum verdict results_verdict(const struct guest_results *r, enum guest_end end, int status,
			     char *why, size_t whylen);

const char *verdict_name(enum verdict v);

#endif
