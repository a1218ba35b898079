/* Device-tree comparison (see dtb_diff.h). */
#include <ctype.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dtb_diff.h"

#define TOKEN_BEGIN_NODE 1
#define TOKEN_END_NODE 2
#define TOKEN_PROP 3
#define TOKEN_NOP 4
#define TOKEN_END 9
#define MAX_DEPTH 16
#define MAX_PHANDLES 256

/* Properties whose every cell is a phandle. */
static const char *const phandle_props[] = { "interrupt-parent", "msi-parent", "cpu", "clocks",
						 "regmap" };

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct walker {
	const uint8_t *dtb;
	size_t size, struct_off, struct_end, strings_off, strings_size;
	struct { uint32_t phandle; char path[DTB_PATH_MAX]; } ph[MAX_PHANDLES];
	int nph;
};

static bool walker_init(struct walker *w, const void *dtb, size_t size)
{
	w->dtb = dtb;
	w->size = size;
	w->nph = 0;
	if (size < 40 || be32(w->dtb) != 0xd00dfeedu)
		return false;
	/* A dump may stop at the end of the last block, before the header's total size. */
	if (be32(w->dtb + 4) < size)
		w->size = be32(w->dtb + 4);
	w->struct_off = be32(w->dtb + 8);
	w->strings_off = be32(w->dtb + 12);
	w->strings_size = be32(w->dtb + 32);
	w->struct_end = w->struct_off + (size_t)be32(w->dtb + 36);
	return w->struct_off < w->size && w->struct_end <= w->size &&
	       w->strings_off + w->strings_size <= w->size;
}

static const char *phandle_path(const struct walker *w, uint32_t ph)
{
	for (int i = 0; i < w->nph; i++)
		if (w->ph[i].phandle == ph)
			return w->ph[i].path;
	return NULL;
}

static bool printable_strings(const uint8_t *v, uint32_t len)
{
	if (len == 0 || v[len - 1] != 0 || v[0] == 0)
		return false;
	for (uint32_t i = 0; i < len; i++) {
		if (v[i] == 0 && i + 1 < len && v[i + 1] == 0)
			return false;
		if (v[i] != 0 && !isprint(v[i]))
			return false;
	}
	return true;
}

static void render(const struct walker *w, const char *prop, const uint8_t *v, uint32_t len,
		   char *out, size_t cap)
{
	size_t pos = 0;
	out[0] = 0;
#define PUT(...) (pos += (size_t)snprintf(out + pos, pos < cap ? cap - pos : 0, __VA_ARGS__))
	bool refs = false;
	for (size_t i = 0; i < sizeof(phandle_props) / sizeof(phandle_props[0]); i++)
		refs |= strcmp(prop, phandle_props[i]) == 0;
	if (len == 0) {
		PUT("(empty)");
	} else if (refs && len % 4 == 0) {
		for (uint32_t i = 0; i < len; i += 4) {
			const char *p = phandle_path(w, be32(v + i));
			PUT(p ? "%s&%s" : "%s&unknown", i ? " " : "", p);
		}
	} else if (printable_strings(v, len)) {
		for (uint32_t i = 0; i < len; i += (uint32_t)strlen((const char *)v + i) + 1)
			PUT("%s\"%s\"", i ? "," : "", (const char *)v + i);
	} else if (len % 4 == 0) {
		PUT("<");
		for (uint32_t i = 0; i < len; i += 4)
			PUT("%s%#x", i ? " " : "", be32(v + i));
		PUT(">");
	} else {
		PUT("[");
		for (uint32_t i = 0; i < len; i++)
			PUT("%s%02x", i ? " " : "", v[i]);
		PUT("]");
	}
#undef PUT
	if (pos >= cap && cap > 4)
		memcpy(out + cap - 4, "...", 4); /* too long to show whole: still compared so */
}

/* One pass over the structure block; `emit` NULL collects phandles only. */
static int walk(struct walker *w, struct dtb_entry *emit, int max)
{
	char path[MAX_DEPTH][DTB_PATH_MAX];
	int depth = -1, n = 0;
	size_t off = w->struct_off;
	while (off + 4 <= w->struct_end) {
		uint32_t token = be32(w->dtb + off);
		off += 4;
		if (token == TOKEN_BEGIN_NODE) {
			const char *name = (const char *)w->dtb + off;
			size_t nlen = strnlen(name, w->struct_end - off);
			if (off + nlen >= w->struct_end || ++depth >= MAX_DEPTH)
				return -1;
			char joined[DTB_PATH_MAX];
			snprintf(joined, sizeof(joined), "%s%s%s", depth ? path[depth - 1] : "/",
				 depth > 1 ? "/" : "", name);
			memcpy(path[depth], joined, sizeof(joined));
			off = (off + nlen + 1 + 3) & ~(size_t)3;
			if (emit) {
				if (n >= max)
					return -1;
				snprintf(emit[n].path, DTB_PATH_MAX, "%s", path[depth]);
				emit[n].prop[0] = 0;
				snprintf(emit[n].value, DTB_VALUE_MAX, "(node)");
				n++;
			}
		} else if (token == TOKEN_END_NODE) {
			if (--depth < -1)
				return -1;
		} else if (token == TOKEN_PROP) {
			if (off + 8 > w->struct_end || depth < 0)
				return -1;
			uint32_t len = be32(w->dtb + off), nameoff = be32(w->dtb + off + 4);
			const uint8_t *val = w->dtb + off + 8;
			if (len > w->struct_end - off - 8 || nameoff >= w->strings_size)
				return -1;
			const char *name = (const char *)w->dtb + w->strings_off + nameoff;
			off = (off + 8 + len + 3) & ~(size_t)3;
			bool is_phandle = !strcmp(name, "phandle") || !strcmp(name, "linux,phandle");
			if (!emit && is_phandle && len == 4 && w->nph < MAX_PHANDLES) {
				w->ph[w->nph].phandle = be32(val);
				snprintf(w->ph[w->nph].path, DTB_PATH_MAX, "%s", path[depth]);
				w->nph++;
			}
			if (emit && !is_phandle) {
				if (n >= max)
					return -1;
				snprintf(emit[n].path, DTB_PATH_MAX, "%s", path[depth]);
				snprintf(emit[n].prop, DTB_PROP_MAX, "%s", name);
				render(w, name, val, len, emit[n].value, DTB_VALUE_MAX);
				n++;
			}
		} else if (token == TOKEN_END) {
			return depth == -1 ? n : -1;
		} else if (token != TOKEN_NOP) {
			return -1;
		}
	}
	return -1;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct dtb_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : strcmp(x->prop, y->prop);
}

int dtb_flatten(const void *dtb, size_t size, struct dtb_entry *out, int max)
{
	static struct walker w; /* phandle table: too big for a small stack */
	if (!walker_init(&w, dtb, size) || walk(&w, NULL, 0) < 0)
		return -1;
	int n = walk(&w, out, max);
	if (n > 0)
		qsort(out, (size_t)n, sizeof(*out), entry_cmp);
	return n;
}

int dtb_rules_parse(const char *text, struct dtb_rule *rules, int max, char *err, size_t errlen)
{
	static const char *const kinds[] = { "absent", "extra", "differs" };
	int n = 0, lineno = 0;
	while (*text) {
		const char *end = strchr(text, '\n');
		size_t len = end ? (size_t)(end - text) : strlen(text);
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)(len < sizeof(line) ? len : sizeof(line) - 1), text);
		text += len + (end ? 1 : 0);
		lineno++;
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		char kind[16], glob[DTB_PATH_MAX], prop[DTB_PROP_MAX];
		char *reason = strstr(p, " -- ");
		if (n >= max || !reason || sscanf(p, "%15s %159s %63s", kind, glob, prop) != 3) {
			snprintf(err, errlen, "line %d: want '<absent|extra|differs> <path> <prop|*|-> -- <reason>'%s",
				 lineno, n >= max ? " (too many rules)" : "");
			return -1;
		}
		reason += 4;
		while (isspace((unsigned char)*reason))
			reason++;
		int k = -1;
		for (int i = 0; i < 3; i++)
			if (!strcmp(kind, kinds[i]))
				k = i;
		if (k < 0 || !*reason) {
			snprintf(err, errlen, "line %d: %s", lineno,
				 k < 0 ? "kind must be absent, extra or differs" : "a rule needs a reason");
			return -1;
		}
		rules[n] = (struct dtb_rule){ .kind = (enum dtb_diff_kind)k };
		snprintf(rules[n].path_glob, sizeof(rules[n].path_glob), "%s", glob);
		snprintf(rules[n].prop, sizeof(rules[n].prop), "%s", prop);
		snprintf(rules[n].reason, sizeof(rules[n].reason), "%s", reason);
		n++;
	}
	return n;
}

static struct dtb_rule *justify(struct dtb_rule *rules, int nrules, enum dtb_diff_kind kind,
				const struct dtb_entry *e)
{
	for (int i = 0; i < nrules; i++) {
		struct dtb_rule *r = &rules[i];
		bool prop_ok = !strcmp(r->prop, "*") || (!strcmp(r->prop, "-") ? !e->prop[0] :
							 !strcmp(r->prop, e->prop));
		if (r->kind == kind && prop_ok && fnmatch(r->path_glob, e->path, 0) == 0) {
			r->used++;
			return r;
		}
	}
	return NULL;
}

static int report(FILE *f, struct dtb_rule *rules, int nrules, enum dtb_diff_kind kind,
		  const struct dtb_entry *e, const char *ref_value, const char *cand_value)
{
	static const char *const names[] = { "absent", "extra", "differs" };
	const struct dtb_rule *r = justify(rules, nrules, kind, e);
	fprintf(f, "%-7s %s %s", names[kind], e->path, e->prop[0] ? e->prop : "(node)");
	if (kind == DTB_DIFFERS)
		fprintf(f, ": qemu %s, testvisor %s", ref_value, cand_value);
	else if (e->prop[0])
		fprintf(f, ": %s", kind == DTB_ABSENT ? ref_value : cand_value);
	fprintf(f, "\n        %s%s\n", r ? "justified: " : "UNJUSTIFIED", r ? r->reason : "");
	return r ? 0 : 1;
}

int dtb_compare(const struct dtb_entry *ref, int nref, const struct dtb_entry *cand, int ncand,
		struct dtb_rule *rules, int nrules, void *out)
{
	FILE *f = out;
	int bad = 0, i = 0, j = 0;
	while (i < nref || j < ncand) {
		int c = i >= nref ? 1 : j >= ncand ? -1 : entry_cmp(&ref[i], &cand[j]);
		if (c < 0) {
			bad += report(f, rules, nrules, DTB_ABSENT, &ref[i], ref[i].value, NULL);
			i++;
		} else if (c > 0) {
			bad += report(f, rules, nrules, DTB_EXTRA, &cand[j], NULL, cand[j].value);
			j++;
		} else {
			if (strcmp(ref[i].value, cand[j].value))
				bad += report(f, rules, nrules, DTB_DIFFERS, &ref[i], ref[i].value,
					      cand[j].value);
			i++;
			j++;
		}
	}
	for (int r = 0; r < nrules; r++)
		if (!rules[r].used) {
			fprintf(f, "unused rule %s %s: matches no difference (stale justification)\n",
				rules[r].path_glob, rules[r].prop);
			bad++;
		}
	return bad;
}
