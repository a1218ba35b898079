/* The SEV model's switches (x86/sev_switches.h). */
#include <stdio.h>
#include <string.h>
#include <x86/sev_switches.h>

#define SEV_SWITCH_DEF(id, key, normal, flipped, meaning) [id] = { key, normal, flipped, meaning },
const struct sev_switch_def sev_switch_defs[SEV_SW_COUNT] = { SEV_SWITCHES(SEV_SWITCH_DEF) };
#undef SEV_SWITCH_DEF

int sev_switches_read(const char *(*lookup)(const void *ctx, const char *key), const void *ctx,
		      uint32_t *flipped, char *err, size_t errlen)
{
	_Static_assert(SEV_SW_COUNT <= 32, "the switch set is one 32-bit word");
	*flipped = 0;
	for (unsigned i = 0; i < SEV_SW_COUNT; i++) {
		const struct sev_switch_def *d = &sev_switch_defs[i];
		const char *v = lookup(ctx, d->key);
		if (!v || !strcmp(v, d->normal))
			continue;
		if (strcmp(v, d->flipped)) {
			snprintf(err, errlen, "%s=%s: use %s (default) or %s", d->key, v, d->normal, d->flipped);
			return -1;
		}
		*flipped |= 1u << i;
	}
	return 0;
}
