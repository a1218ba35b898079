/* The `break` key's value (break_config.h). */
#include <stdio.h>
#include <string.h>
#include <break_config.h>

/* One address of `len` characters: 0x followed by hex digits, or decimal digits. */
static bool parse_address(const char *s, size_t len, uint64_t *out)
{
	bool hex = len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	unsigned base = hex ? 16 : 10;
	size_t i = hex ? 2 : 0;
	if (i == len)
		return false;
	uint64_t v = 0;
	for (; i < len; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (hex && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (hex && c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false; /* more than 64 bits */
		v = v * base + d;
	}
	*out = v;
	return true;
}

bool break_config_parse(const char *value, struct break_config *out, char *err, unsigned errlen)
{
	*out = (struct break_config){ 0 };
	if (!value)
		return true;
	const char *s = value;
	for (;;) {
		size_t len = strcspn(s, ",");
		uint64_t a;
		if (!parse_address(s, len, &a)) {
			snprintf(err, errlen, "break must be <gpa>[,<gpa>...] (0x hex or decimal), "
				 "not '%s'", value);
			return false;
		}
		if (break_config_hit(out, a)) {
			snprintf(err, errlen, "break lists %#llx twice", (unsigned long long)a);
			return false;
		}
		if (out->count == BREAK_MAX) {
			snprintf(err, errlen, "break takes at most %u addresses, not '%s'", BREAK_MAX, value);
			return false;
		}
		out->addr[out->count++] = a;
		if (!s[len])
			return true;
		s += len + 1;
	}
}

bool break_config_hit(const struct break_config *c, uint64_t gpa)
{
	for (unsigned i = 0; i < c->count; i++)
		if (c->addr[i] == gpa)
			return true;
	return false;
}
