/* Node-by-node comparison of two device trees (tests/dtb-compare.sh): each tree becomes
 * a sorted list of (node path, property, rendered value); the differences are matched
 * against a rules file that justifies each expected one. Pure logic, host unit-tested
 * (tests/unit/core/test_dtb_diff.c). */
#ifndef TESTS_DTB_DIFF_H
#define TESTS_DTB_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#define DTB_PATH_MAX 160
#define DTB_PROP_MAX 64
#define DTB_VALUE_MAX 1024

struct dtb_entry {
	char path[DTB_PATH_MAX];
	char prop[DTB_PROP_MAX];   /* "" for the node itself */
	char value[DTB_VALUE_MAX];
};

/* Flattens a DTB into `out` sorted by path then property. Phandles are replaced by the
 * path of the node they name (their numbers are arbitrary), `phandle` properties are
 * dropped. Returns the count, or -1 for a malformed tree or more than `max` entries. */
int dtb_flatten(const void *dtb, size_t size, struct dtb_entry *out, int max);

enum dtb_diff_kind { DTB_ABSENT, DTB_EXTRA, DTB_DIFFERS };

struct dtb_rule {
	enum dtb_diff_kind kind;
	char path_glob[DTB_PATH_MAX]; /* fnmatch pattern; '*' also matches '/' */
	char prop[DTB_PROP_MAX];      /* a property, "*" for any, "-" for the node itself */
	char reason[256];
	unsigned used;
};

/* Rules file: `<absent|extra|differs> <path-glob> <prop|*|-> -- <reason>` per line, '#'
 * comments and blank lines ignored. A rule without a reason is an error. Returns the count
 * or -1 with `err` saying which line is wrong. */
int dtb_rules_parse(const char *text, struct dtb_rule *rules, int max, char *err, size_t errlen);

/* Compares `cand` against `ref`, printing one line per difference to `out` (a FILE *),
 * each with its justification or `UNJUSTIFIED`. Returns the number of unjustified
 * differences plus unused rules (0: the trees differ only as the rules say). */
int dtb_compare(const struct dtb_entry *ref, int nref, const struct dtb_entry *cand, int ncand,
		struct dtb_rule *rules, int nrules, void *out);

#endif
