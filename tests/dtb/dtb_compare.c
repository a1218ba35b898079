/* dtb_compare <reference> <candidate> <rules>: compares two device trees node by node
 * (dtb_diff.c). Each tree is a .dtb file or a console log holding dtb_dump's lines
 * (`DTB-BEGIN size=<n>`, `DTB <offset>: <hex>`; any prefix before them is ignored).
 * Exit status 0 when every difference is justified by a rule and every rule is used. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dtb_diff.h"

#define MAX_FILE (4u << 20)
#define MAX_ENTRIES 2048

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(MAX_FILE + 1);
	*len = buf ? fread(buf, 1, MAX_FILE, f) : 0;
	fclose(f);
	if (buf)
		buf[*len] = 0;
	return buf;
}

/* A log's dtb_dump lines back into the blob; the blob itself when it is one. */
static uint8_t *tree_of(const char *path, size_t *size)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text)
		return NULL;
	if (len >= 4 && (uint8_t)text[0] == 0xd0 && (uint8_t)text[1] == 0x0d) {
		*size = len;
		return (uint8_t *)text;
	}
	const char *begin = strstr(text, "DTB-BEGIN size=");
	uint8_t *blob = begin ? calloc(1, MAX_FILE) : NULL;
	unsigned want = begin ? (unsigned)strtoul(begin + 15, NULL, 10) : 0;
	if (!blob || want == 0 || want > MAX_FILE) {
		free(text);
		free(blob);
		return NULL;
	}
	size_t got = 0;
	for (const char *p = begin; (p = strstr(p + 1, "DTB ")) != NULL;) {
		unsigned off;
		int used;
		if (sscanf(p, "DTB %6x: %n", &off, &used) != 1 || off != got)
			continue;
		for (p += used; got < want && isxdigit((unsigned char)p[0]) &&
				isxdigit((unsigned char)p[1]); p += 2) {
			char pair[3] = { p[0], p[1], 0 };
			blob[got++] = (uint8_t)strtoul(pair, NULL, 16);
		}
	}
	free(text);
	if (got != want) {
		fprintf(stderr, "dtb_compare: %s: %zu of %u device-tree bytes found\n", path, got, want);
		free(blob);
		return NULL;
	}
	*size = got;
	return blob;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: dtb_compare <reference.dtb|log> <candidate.dtb|log> <rules>\n");
		return 2;
	}
	static struct dtb_entry ref[MAX_ENTRIES], cand[MAX_ENTRIES];
	static struct dtb_rule rules[256];
	size_t rsize = 0, csize = 0, tlen;
	uint8_t *r = tree_of(argv[1], &rsize), *c = tree_of(argv[2], &csize);
	char *text = read_file(argv[3], &tlen), err[160];
	int nref = r ? dtb_flatten(r, rsize, ref, MAX_ENTRIES) : -1;
	int ncand = c ? dtb_flatten(c, csize, cand, MAX_ENTRIES) : -1;
	int nrules = text ? dtb_rules_parse(text, rules, 256, err, sizeof(err)) : -1;
	if (nref < 0 || ncand < 0 || nrules < 0) {
		fprintf(stderr, "dtb_compare: %s\n", nref < 0 ? "reference: no well-formed device tree" :
			ncand < 0 ? "candidate: no well-formed device tree" : text ? err : "no rules file");
		return 2;
	}
	int bad = dtb_compare(ref, nref, cand, ncand, rules, nrules, stdout);
	printf("dtb_compare: %d entries in the reference, %d in the candidate, %d unjustified "
	       "(differences without a rule, or rules without a difference)\n", nref, ncand, bad);
	return bad ? 1 : 0;
}
