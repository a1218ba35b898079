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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_spec), cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_errors), cmocka_unit_test(test_repeat_replaces_and_u64),
		cmocka_unit_test(test_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
