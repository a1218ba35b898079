/* VM configuration: "name=x mem=64M vcpus=2 key=value ... -- guest arguments". */
#include <hv/arch_if.h>
#include <hv/config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool parse_size(const char *s, uint64_t *out)
{
	char *end;
	if (!s || !*s)
		return false;
	unsigned long long v = strtoull(s, &end, 0);
	unsigned shift = 0;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	default: break;
	}
	if (*end || end == s || (shift && v > (~0ULL >> shift)))
		return false;
	*out = (uint64_t)v << shift;
	return true;
}

static int set_key(struct vm_config *cfg, const char *key, size_t klen, const char *val,
		   size_t vlen, char *err, size_t errlen)
{
	if (klen == 0 || klen >= sizeof(cfg->kv[0].key) || vlen >= sizeof(cfg->kv[0].value)) {
		snprintf(err, errlen, "config item '%.*s' too long or empty", (int)(klen + vlen + 1), key);
		return -1;
	}
	char v[sizeof(cfg->kv[0].value)];
	memcpy(v, val, vlen);
	v[vlen] = '\0';
	if (klen == 4 && !memcmp(key, "name", 4)) {
		if (vlen >= sizeof(cfg->name)) {
			snprintf(err, errlen, "guest name too long");
			return -1;
		}
		strcpy(cfg->name, v);
		return 0;
	}
	if (klen == 3 && !memcmp(key, "mem", 3)) {
		if (!parse_size(v, &cfg->mem_size) || cfg->mem_size == 0) {
			snprintf(err, errlen, "bad memory size '%s'", v);
			return -1;
		}
		return 0;
	}
	if (klen == 5 && !memcmp(key, "vcpus", 5)) {
		char *end;
		unsigned long n = strtoul(v, &end, 0);
		if (*end || n == 0 || n > 64) {
			snprintf(err, errlen, "bad vcpu count '%s'", v);
			return -1;
		}
		cfg->vcpus = (unsigned)n;
		return 0;
	}
	/* Any other key: kept for the architecture; a repeated key replaces the old value. */
	for (unsigned i = 0; i < cfg->nr_keys; i++) {
		if (strlen(cfg->kv[i].key) == klen && !memcmp(cfg->kv[i].key, key, klen)) {
			strcpy(cfg->kv[i].value, v);
			return 0;
		}
	}
	if (cfg->nr_keys == VM_CONFIG_MAX_KEYS) {
		snprintf(err, errlen, "too many config items");
		return -1;
	}
	memcpy(cfg->kv[cfg->nr_keys].key, key, klen);
	cfg->kv[cfg->nr_keys].key[klen] = '\0';
	strcpy(cfg->kv[cfg->nr_keys].value, v);
	cfg->nr_keys++;
	return 0;
}

int vm_config_parse(struct vm_config *cfg, const char *spec, char *err, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->vcpus = 1;
	strcpy(cfg->name, "guest");
	const char *s = spec ? spec : "";
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		const char *word = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		size_t wlen = (size_t)(s - word);
		if (wlen == 2 && word[0] == '-' && word[1] == '-') {
			while (*s == ' ' || *s == '\t')
				s++;
			if (strlen(s) >= sizeof(cfg->args)) {
				snprintf(err, errlen, "guest arguments too long");
				return -1;
			}
			strcpy(cfg->args, s);
			return 0;
		}
		const char *eq = memchr(word, '=', wlen);
		if (!eq) {
			snprintf(err, errlen, "config item '%.*s' is not key=value", (int)wlen, word);
			return -1;
		}
		if (set_key(cfg, word, (size_t)(eq - word), eq + 1, wlen - (size_t)(eq - word) - 1,
			    err, errlen))
			return -1;
	}
	return 0;
}

const char *vm_config_get(const struct vm_config *cfg, const char *key)
{
	for (unsigned i = 0; i < cfg->nr_keys; i++)
		if (!strcmp(cfg->kv[i].key, key))
			return cfg->kv[i].value;
	return NULL;
}

uint64_t vm_config_get_u64(const struct vm_config *cfg, const char *key, uint64_t dflt, bool *ok)
{
	const char *v = vm_config_get(cfg, key);
	if (ok)
		*ok = true;
	if (!v)
		return dflt;
	uint64_t n;
	if (!parse_size(v, &n)) {
		if (ok)
			*ok = false;
		return dflt;
	}
	return n;
}

const struct config_key core_config_keys[] = {
	{ "name", "the guest's name, prefixed to its lines and in its verdict" },
	{ "mem", "guest RAM, <n>[K|M|G]" },
	{ "vcpus", "number of vCPUs" },
	{ "budget_ms", "time budget in milliseconds before testvisor stops the guest" },
	{ "expect", "the outcome the guest exists to show: pass|stopped|refused" },
	{ "stop_reason", "text testvisor's reason for a stop or refusal must contain" },
	{ "virt_probe", "no: run as if the CPU could not run guests (proves the harness notices)" },
	{ "initrd", "the boot module (path or its last component) handed to the guest as its initrd" },
	{ "console_line_max", "console bytes without a newline before testvisor stops the guest (0: no limit)" },
};
const unsigned core_config_key_count = sizeof(core_config_keys) / sizeof(core_config_keys[0]);

/* Keys of testvisor's interface that only some architectures implement (docs/debug.md):
 * where the architecture does not list one, it is refused as not supported there rather
 * than as unknown. */
static const char *const per_arch_debug_keys[] = { "trace", "break" };

/* Core keys whose value is one of a few words (blank-separated). */
static const struct { const char *key, *words; } core_key_values[] = {
	{ "expect", "pass stopped refused" },
	{ "virt_probe", "yes no" },
};

static bool key_in(const char *key, const struct config_key *keys, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (keys[i].name && !strcmp(keys[i].name, key))
			return true;
	return false;
}

static bool word_in(const char *word, const char *words)
{
	size_t n = strlen(word);
	for (const char *w = words; *w;) {
		size_t len = strcspn(w, " ");
		if (len == n && !memcmp(w, word, n))
			return true;
		w += len;
		w += *w == ' ';
	}
	return false;
}

/* Appends " name" for each key of `keys` to `buf`, as far as it fits. */
static void list_keys(char *buf, size_t len, const struct config_key *keys, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		size_t used = strlen(buf);
		if (keys[i].name && used < len)
			snprintf(buf + used, len - used, " %s", keys[i].name);
	}
}

int vm_config_check_keys(const struct vm_config *cfg, const struct config_key *arch_keys,
			 unsigned nr_arch_keys, char *err, size_t errlen)
{
	for (unsigned i = 0; i < cfg->nr_keys; i++) {
		const char *key = cfg->kv[i].key, *val = cfg->kv[i].value;
		if (!key_in(key, core_config_keys, core_config_key_count) &&
		    !key_in(key, arch_keys, nr_arch_keys)) {
			for (unsigned j = 0; j < sizeof(per_arch_debug_keys) / sizeof(per_arch_debug_keys[0]); j++)
				if (!strcmp(key, per_arch_debug_keys[j])) {
					snprintf(err, errlen, "config key '%s' is not supported on %s "
						 "(docs/debug.md)", key, TV_ARCH);
					return -1;
				}
			snprintf(err, errlen, "unknown config key '%s' (valid keys:", key);
			list_keys(err, errlen, core_config_keys, core_config_key_count);
			list_keys(err, errlen, arch_keys, nr_arch_keys);
			size_t used = strlen(err);
			if (used < errlen)
				snprintf(err + used, errlen - used, ")");
			return -1;
		}
		for (unsigned j = 0; j < sizeof(core_key_values) / sizeof(core_key_values[0]); j++)
			if (!strcmp(key, core_key_values[j].key) && !word_in(val, core_key_values[j].words)) {
				snprintf(err, errlen, "config key %s=%s: the value must be one of: %s",
					 key, val, core_key_values[j].words);
				return -1;
			}
	}
	return 0;
}
