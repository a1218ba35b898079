/* Result collection from a guest's console lines. */
#include <hv/results.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

void results_feed_line(struct guest_results *r, const char *line)
{
	if (starts_with(line, "PASS:"))
		r->passed++;
	else if (starts_with(line, "FAIL:"))
		r->failed++;
	else if (starts_with(line, "SKIP:"))
		r->skipped++;
	else if (starts_with(line, "KFAIL:"))
		r->known_failures++;
	else if (starts_with(line, "SUMMARY:"))
		r->summary_seen = true;
	else if (starts_with(line, "EXIT: STATUS=")) {
		char *end;
		long v = strtol(line + 13, &end, 10);
		if (end != line + 13 && *end == '\0') {
			r->exit_line_seen = true;
			r->exit_line_status = (int)v;
		}
	}
}

const char *verdict_name(enum verdict v)
{
	return v == VERDICT_PASS ? "PASS" : v == VERDICT_SKIP ? "SKIP" : "FAIL";
}

enum verdict results_verdict(const struct guest_results *r, bool exited, int status,
			     char *why, size_t whylen)
{
	why[0] = '\0';
	if (!exited) {
		snprintf(why, whylen, "stopped by testvisor");
		return VERDICT_FAIL;
	}
	bool unchecked = status == RESULTS_NO_STATUS;
	if (unchecked && !r->exit_line_seen) {
		snprintf(why, whylen, "exited without a status and without an EXIT line");
		return VERDICT_FAIL;
	}
	if (unchecked)
		status = r->exit_line_status; /* the only status there is */
	if (!r->summary_seen) {
		snprintf(why, whylen, "exited with status %d without a SUMMARY line", status);
		return VERDICT_FAIL;
	}
	if (!r->exit_line_seen) {
		snprintf(why, whylen, "exited with status %d without an EXIT line", status);
		return VERDICT_FAIL;
	}
	if (r->exit_line_status != status) {
		snprintf(why, whylen, "printed EXIT: STATUS=%d but exited with status %d",
			 r->exit_line_status, status);
		return VERDICT_FAIL;
	}
	if (r->failed) {
		snprintf(why, whylen, "%u unexpected failures", r->failed);
		return VERDICT_FAIL;
	}
	if (status != 0 && !(status == 77 && !r->passed)) {
		snprintf(why, whylen, "exit status %d", status);
		return VERDICT_FAIL;
	}
	if (unchecked)
		snprintf(why, whylen, "exit status not cross-checked: the guest's exit carries "
			 "none, its EXIT line is all there is");
	return status == 77 ? VERDICT_SKIP : VERDICT_PASS;
}
