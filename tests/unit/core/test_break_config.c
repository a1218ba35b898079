/* The `break` key's value (common/break_config.c, docs/debug.md): guest-physical
 * addresses, 0x hex or decimal, comma-separated, at most BREAK_MAX (4), none repeated;
 * and the hit decision made before each guest instruction. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <break_config.h>

static void test_parse_forms(void **state)
{
	struct break_config c;
	char err[160];
	assert_true(break_config_parse(NULL, &c, err, sizeof(err)));
	assert_int_equal(c.count, 0);
	assert_true(break_config_parse("0x100870", &c, err, sizeof(err)));
	assert_int_equal(c.count, 1);
	assert_int_equal(c.addr[0], 0x100870);
	assert_true(break_config_parse("0X1aB,4096,0,0xffffffffffffffff", &c, err, sizeof(err)));
	assert_int_equal(c.count, 4);
	assert_int_equal(c.addr[0], 0x1ab);
	assert_int_equal(c.addr[1], 4096);
	assert_int_equal(c.addr[2], 0);
	assert_int_equal(c.addr[3], UINT64_MAX);
}

static void test_parse_refusals(void **state)
{
	struct break_config c;
	char err[160];
	const char *bad[] = { "", ",", "0x", "0x10,", ",0x10", "0x10,,0x20", "0xg", "12a", "-1",
			      "0x1 ", "sym:main", "0x10000000000000000", "18446744073709551616" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(break_config_parse(bad[i], &c, err, sizeof(err)));
		assert_non_null(strstr(err, "break must be"));
	}
	assert_false(break_config_parse("1,2,3,4,5", &c, err, sizeof(err)));
	assert_string_equal(err, "break takes at most 4 addresses, not '1,2,3,4,5'");
	assert_false(break_config_parse("0x10,16", &c, err, sizeof(err)));
	assert_string_equal(err, "break lists 0x10 twice");
}

static void test_hit(void **state)
{
	struct break_config c;
	char err[160];
	assert_true(break_config_parse("0x1000,0x2004", &c, err, sizeof(err)));
	assert_true(break_config_hit(&c, 0x1000));
	assert_true(break_config_hit(&c, 0x2004));
	assert_false(break_config_hit(&c, 0x1001));
	assert_false(break_config_hit(&c, 0x2000));
	assert_true(break_config_parse(NULL, &c, err, sizeof(err)));
	assert_false(break_config_hit(&c, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_hit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
