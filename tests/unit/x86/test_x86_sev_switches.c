/* The SEV model's switch table (arch/x86/sev/sev_switches.c): every switch is a guest-spec
 * key x86 accepts, its two words differ, the default word and an absent key leave it off,
 * the other word flips exactly its own bit, and any third word is an error naming both. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <hv/arch_if.h>
#include <x86/sev_switches.h>

struct given {
	const char *key, *value;
};

static const char *lookup(const void *ctx, const char *key)
{
	for (const struct given *g = ctx; g->key; g++)
		if (!strcmp(g->key, key))
			return g->value;
	return NULL;
}

static void every_switch_is_a_key(void **state)
{
	for (unsigned i = 0; i < SEV_SW_COUNT; i++) {
		const struct sev_switch_def *d = &sev_switch_defs[i];
		assert_non_null(d->key);
		assert_string_not_equal(d->normal, d->flipped);
		assert_true(strlen(d->meaning) > 10);
		unsigned found = 0;
		for (unsigned k = 0; k < arch_config_key_count; k++)
			found += !strcmp(arch_config_keys[k].name, d->key);
		assert_int_equal(found, 1);
		for (unsigned j = 0; j < i; j++)
			assert_string_not_equal(sev_switch_defs[j].key, d->key);
	}
}

static void words(void **state)
{
	uint32_t flipped = 0xdead;
	char err[160] = "";
	const struct given none[] = { { NULL, NULL } };
	assert_int_equal(sev_switches_read(lookup, none, &flipped, err, sizeof(err)), 0);
	assert_int_equal(flipped, 0);
	for (unsigned i = 0; i < SEV_SW_COUNT; i++) {
		const struct sev_switch_def *d = &sev_switch_defs[i];
		const struct given on[] = { { d->key, d->flipped }, { NULL, NULL } };
		assert_int_equal(sev_switches_read(lookup, on, &flipped, err, sizeof(err)), 0);
		assert_int_equal(flipped, 1u << i);
		assert_true(sev_switch_on(flipped, (enum sev_switch)i));
		const struct given off[] = { { d->key, d->normal }, { NULL, NULL } };
		assert_int_equal(sev_switches_read(lookup, off, &flipped, err, sizeof(err)), 0);
		assert_int_equal(flipped, 0);
	}
	const struct given two[] = { { "sev_nae", "direct" }, { "snp_ap_vmsa_check", "run" }, { NULL, NULL } };
	assert_int_equal(sev_switches_read(lookup, two, &flipped, err, sizeof(err)), 0);
	assert_int_equal(flipped, 1u << SEV_SW_NAE_DIRECT | 1u << SEV_SW_AP_VMSA_RUN);
	const struct given bad[] = { { "ghcb_mmio_length", "loose" }, { NULL, NULL } };
	assert_int_equal(sev_switches_read(lookup, bad, &flipped, err, sizeof(err)), -1);
	assert_string_equal(err, "ghcb_mmio_length=loose: use strict (default) or split");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_switch_is_a_key),
		cmocka_unit_test(words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
