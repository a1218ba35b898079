/* The device-tree comparison behind tests/dtb-compare.sh (tests/dtb/dtb_diff.c): trees
 * built with testvisor's own FDT writer, compared as the script compares QEMU's and
 * testvisor's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <fdt.h>
#include "dtb_diff.h"

static uint8_t ref_buf[4096], cand_buf[4096];
static struct dtb_entry ref[64], cand[64];

/* A small virt-like tree; `variant` changes one thing per case. */
static size_t tree(uint8_t *buf, int variant)
{
	struct fdt_writer w;
	fdt_begin(&w, buf, 4096);
	fdt_begin_node(&w, "");
	fdt_prop_string(&w, "model", variant == 1 ? "testvisor" : "qemu");
	fdt_prop_u32(&w, "interrupt-parent", variant == 2 ? 7 : 1);
	fdt_begin_node(&w, "intc@8000000");
	fdt_prop_u32(&w, "phandle", variant == 2 ? 7 : 1);
	fdt_end_node(&w);
	if (variant != 3) {
		fdt_begin_node(&w, "pcie@10000000");
		fdt_prop_string(&w, "device_type", "pci");
		fdt_end_node(&w);
	}
	fdt_begin_node(&w, "psci");
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", NULL };
	fdt_prop_strings(&w, "compatible", compat);
	if (variant == 4)
		fdt_prop_empty(&w, "extra-prop");
	fdt_end_node(&w);
	fdt_end_node(&w);
	return fdt_finish(&w);
}

static int compare(int variant, const char *rules_text, char *out, size_t outlen)
{
	struct dtb_rule rules[8];
	char err[128];
	int nr = dtb_flatten(ref_buf, tree(ref_buf, 0), ref, 64);
	int nc = dtb_flatten(cand_buf, tree(cand_buf, variant), cand, 64);
	int nrules = dtb_rules_parse(rules_text, rules, 8, err, sizeof(err));
	assert_true(nr > 0 && nc > 0 && nrules >= 0);
	memset(out, 0, outlen);
	FILE *f = fmemopen(out, outlen, "w");
	int bad = dtb_compare(ref, nr, cand, nc, rules, nrules, f);
	fclose(f);
	return bad;
}

static void flatten_renders_and_sorts(void **state)
{
	int n = dtb_flatten(ref_buf, tree(ref_buf, 0), ref, 64);
	assert_int_equal(n, 8); /* 4 nodes, 4 properties (phandle dropped) */
	assert_string_equal(ref[0].path, "/");
	assert_string_equal(ref[0].prop, "");
	assert_string_equal(ref[1].prop, "interrupt-parent");
	assert_string_equal(ref[1].value, "&/intc@8000000"); /* by what it names */
	assert_string_equal(ref[7].path, "/psci");
	assert_string_equal(ref[7].value, "\"arm,psci-1.0\",\"arm,psci-0.2\"");
	assert_int_equal(dtb_flatten(ref_buf, 39, ref, 64), -1);   /* shorter than a header */
	assert_int_equal(dtb_flatten(ref_buf, tree(ref_buf, 0), ref, 3), -1); /* too many */
}

static void phandle_numbers_do_not_matter(void **state)
{
	char out[2048];
	assert_int_equal(compare(2, "", out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void each_kind_needs_its_rule(void **state)
{
	char out[2048];
	assert_int_equal(compare(1, "", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "differs / model: qemu \"qemu\", testvisor \"testvisor\""));
	assert_non_null(strstr(out, "UNJUSTIFIED"));
	assert_int_equal(compare(1, "differs / model -- names the platform\n", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "justified: names the platform"));
	/* A missing node and its properties, one rule with '*'. */
	assert_int_equal(compare(3, "", out, sizeof(out)), 2);
	assert_int_equal(compare(3, "absent /pcie@* * -- no PCI\n", out, sizeof(out)), 0);
	/* "-" is the node alone: its property stays unjustified. */
	assert_int_equal(compare(3, "absent /pcie@* - -- no PCI\n", out, sizeof(out)), 1);
	/* A property only the candidate has. */
	assert_int_equal(compare(4, "", out, sizeof(out)), 1);
	assert_int_equal(compare(4, "absent /psci extra-prop -- wrong kind\n", out, sizeof(out)), 2);
	assert_int_equal(compare(4, "extra /psci extra-prop -- why\n", out, sizeof(out)), 0);
}

static void stale_rules_fail(void **state)
{
	char out[2048];
	assert_int_equal(compare(0, "absent /flash@* * -- no flash\n", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "unused rule /flash@* *"));
}

static void rules_file_errors(void **state)
{
	struct dtb_rule rules[4];
	char err[128];
	assert_int_equal(dtb_rules_parse("# c\n\nabsent /a * -- why\n", rules, 4, err, sizeof(err)), 1);
	assert_int_equal(dtb_rules_parse("absent /a *\n", rules, 4, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "line 1"));
	assert_int_equal(dtb_rules_parse("missing /a * -- why\n", rules, 4, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "kind must be"));
	assert_int_equal(dtb_rules_parse("absent /a * --  \n", rules, 4, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flatten_renders_and_sorts),
		cmocka_unit_test(phandle_numbers_do_not_matter),
		cmocka_unit_test(each_kind_needs_its_rule),
		cmocka_unit_test(stale_rules_fail),
		cmocka_unit_test(rules_file_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
