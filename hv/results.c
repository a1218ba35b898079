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

/* The guest's exit code, from its EXIT line and/or its exit device; false (with `why`)
 * when they are missing, malformed or disagree. */
static bool exit_code(const struct guest_results *r, enum guest_end end, int status,
		      int *code, char *why, size_t whylen)
{
	if (!r->exit_line_seen) {
		if (end == GUEST_ENDED_WITH_STATUS) {
			*code = status; /* the status alone decides; no SUMMARY needed */
			return true;
		}
		snprintf(why, whylen, "ended through an exit that carries no status without an EXIT line");
		return false;
	}
	if (!(r->exit_line_status & 1)) {
		snprintf(why, whylen, "printed EXIT: STATUS=%d: an even status is a crash marker "
			 "(exit(code) prints (code << 1) | 1)", r->exit_line_status);
		return false;
	}
	*code = r->exit_line_status >> 1;
	if (end == GUEST_ENDED_WITH_STATUS && *code != status) {
		snprintf(why, whylen, "printed EXIT: STATUS=%d (code %d) but its exit device carried status %d",
			 r->exit_line_status, *code, status);
		return false;
	}
	if (!r->summary_seen) {
		snprintf(why, whylen, "exited with code %d without a SUMMARY line", *code);
		return false;
	}
	return true;
}

enum verdict results_verdict(const struct guest_results *r, enum guest_end end, int status,
			     char *why, size_t whylen)
{
	why[0] = '\0';
	if (end == GUEST_STOPPED) {
		snprintf(why, whylen, "stopped by testvisor");
		return VERDICT_FAIL;
	}
	int code;
	if (!exit_code(r, end, status, &code, why, whylen))
		return VERDICT_FAIL;
	if (r->failed) {
		snprintf(why, whylen, "%u unexpected failures", r->failed);
		return VERDICT_FAIL;
	}
	if (code == EXIT_CODE_SKIP && !r->passed)
		return VERDICT_SKIP;
	if (code != 0) {
		snprintf(why, whylen, "exit code %d", code);
		return VERDICT_FAIL;
	}
	if (end == GUEST_ENDED)
		snprintf(why, whylen, "exit status not cross-checked: the guest's exit carries "
			 "none, its EXIT line is all there is");
	return VERDICT_PASS;
}
