/* VM configuration parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hv/config.h>
#include <string.h>

static void test_full_spec(void **state)
{
	struct vm_config c;
	char err[100];
	assert_int_equal(vm_config_parse(&c, " name=fwft mem=64M vcpus=2 psci=1.1 -- a \"b c\"", err, sizeof(err)), 0);
	assert_string_equal(c.name, "fwft");
	assert_int_equal(c.mem_size, 64ULL << 20);
	assert_int_equal(c.vcpus, 2);
	assert_string_equal(vm_config_get(&c, "psci"), "1.1");
	assert_string_equal(c.args, "a \"b c\"");
	assert_null(vm_config_get(&c, "ras"));
}

static void test_defaults(void **state)
{
	struct vm_config c;
	char err[100];
	assert_int_equal(vm_config_parse(&c, "", err, sizeof(err)), 0);
	assert_string_equal(c.name, "guest");
	assert_int_equal(c.vcpus, 1);
	assert_int_equal(c.mem_size, 0);
	assert_string_equal(c.args, "");
}

static void test_errors(void **state)
{
	struct vm_config c;
	char err[100];
	assert_int_not_equal(vm_config_parse(&c, "mem=lots", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "memory"));
	assert_int_not_equal(vm_config_parse(&c, "vcpus=0", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_parse(&c, "standalone", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "key=value"));
	assert_int_not_equal(vm_config_parse(&c, "=x", err, sizeof(err)), 0);
}

static void test_repeat_replaces_and_u64(void **state)
{
	struct vm_config c;
	char err[100];
	bool ok;
	assert_int_equal(vm_config_parse(&c, "tsc=1 tsc=0x10 bad=zz", err, sizeof(err)), 0);
	assert_int_equal(vm_config_get_u64(&c, "tsc", 5, &ok), 16);
	assert_true(ok);
	assert_int_equal(vm_config_get_u64(&c, "bad", 5, &ok), 5);
	assert_false(ok);
	assert_int_equal(vm_config_get_u64(&c, "absent", 7, &ok), 7);
	assert_true(ok);
}

static void test_sizes(void **state)
{
	uint64_t v;
	assert_true(parse_size("4K", &v));
	assert_int_equal(v, 4096);
	assert_true(parse_size("2G", &v));
	assert_int_equal(v, 2ULL << 30);
	assert_false(parse_size("", &v));
	assert_false(parse_size("12Q", &v));
	assert_false(parse_size("99999999999999999999G", &v));
}

static const struct config_key some_arch_keys[] = {
	{ "psci", "PSCI version" },
	{ "ras", "RAS level" },
};

static void test_unknown_key_refused_with_valid_list(void **state)
{
	struct vm_config c;
	char err[400];
	assert_int_equal(vm_config_parse(&c, "name=t rass=v1p1", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, some_arch_keys, 2, err, sizeof(err)), 0);
	assert_string_equal(err, "unknown config key 'rass' (valid keys: name mem vcpus budget_ms "
				 "expect stop_reason virt_probe initrd console_line_max psci ras)");
	/* The same key spelt right is the architecture's. */
	assert_int_equal(vm_config_parse(&c, "name=t ras=v1p1 psci=1.0", err, sizeof(err)), 0);
	assert_int_equal(vm_config_check_keys(&c, some_arch_keys, 2, err, sizeof(err)), 0);
	/* The core's own keys need no architecture. */
	assert_int_equal(vm_config_parse(&c, "budget_ms=5 expect=stopped stop_reason=x virt_probe=no",
					 err, sizeof(err)), 0);
	assert_int_equal(vm_config_check_keys(&c, NULL, 0, err, sizeof(err)), 0);
	/* An architecture key where the architecture does not have it. */
	assert_int_equal(vm_config_parse(&c, "psci=1.0", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, NULL, 0, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "'psci'"));
}

/* trace= and break= where the architecture lacks them: "not supported", not "unknown"
 * (TV_ARCH is "host" in the unit tests). */
static void test_debug_key_not_supported(void **state)
{
	struct vm_config c;
	char err[400];
	assert_int_equal(vm_config_parse(&c, "break=0x1000", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, some_arch_keys, 2, err, sizeof(err)), 0);
	assert_string_equal(err, "config key 'break' is not supported on host (docs/debug.md)");
	assert_int_equal(vm_config_parse(&c, "trace=5", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, some_arch_keys, 2, err, sizeof(err)), 0);
	assert_string_equal(err, "config key 'trace' is not supported on host (docs/debug.md)");
	static const struct config_key with_break[] = { { "break", "break addresses" } };
	assert_int_equal(vm_config_parse(&c, "break=0x1000", err, sizeof(err)), 0);
	assert_int_equal(vm_config_check_keys(&c, with_break, 1, err, sizeof(err)), 0);
}

static void test_core_key_values_checked(void **state)
{
	struct vm_config c;
	char err[400];
	assert_int_equal(vm_config_parse(&c, "expect=stoped", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, NULL, 0, err, sizeof(err)), 0);
	assert_string_equal(err, "config key expect=stoped: the value must be one of: pass stopped refused");
	assert_int_equal(vm_config_parse(&c, "virt_probe=maybe", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, NULL, 0, err, sizeof(err)), 0);
}

/* A long list is cut, never overflows. */
static void test_key_list_truncated_safely(void **state)
{
	struct vm_config c;
	char err[40];
	assert_int_equal(vm_config_parse(&c, "nosuchkey=1", err, sizeof(err)), 0);
	assert_int_not_equal(vm_config_check_keys(&c, some_arch_keys, 2, err, sizeof(err)), 0);
	assert_int_equal(strlen(err), sizeof(err) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_spec), cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_errors), cmocka_unit_test(test_repeat_replaces_and_u64),
		cmocka_unit_test(test_sizes), cmocka_unit_test(test_unknown_key_refused_with_valid_list),
		cmocka_unit_test(test_core_key_values_checked),
		cmocka_unit_test(test_debug_key_not_supported),
		cmocka_unit_test(test_key_list_truncated_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
