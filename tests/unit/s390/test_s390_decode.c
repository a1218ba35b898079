/* The s390x privileged-instruction decoder: lengths, every format's operand fields, the
 * table's consistency, and what it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "insn_decode.h"

static void lengths_follow_the_first_two_bits(void **state)
{
	assert_int_equal(insn_length(0x0a), 2);  /* SVC */
	assert_int_equal(insn_length(0x44), 4);  /* EX */
	assert_int_equal(insn_length(0xb2), 4);
	assert_int_equal(insn_length(0xc0), 6);
	assert_int_equal(insn_length(0xeb), 6);
}

static void s_format(void **state)
{
	const uint8_t lpswe[] = { 0xb2, 0xb2, 0x1f, 0xf8 };  /* LPSWE 0xff8(%r1) */
	struct insn in;
	assert_true(insn_decode(lpswe, sizeof(lpswe), &in));
	assert_int_equal(in.desc->id, INSN_LPSWE);
	assert_string_equal(in.desc->name, "LPSWE");
	assert_int_equal(in.len, 4);
	assert_int_equal(in.b2, 1);
	assert_int_equal(in.d2, 0xff8);
}

static void si_format(void **state)
{
	const uint8_t stosm[] = { 0xad, 0x03, 0x20, 0x10 };  /* STOSM 0x10(%r2),3 */
	struct insn in;
	assert_true(insn_decode(stosm, sizeof(stosm), &in));
	assert_int_equal(in.desc->id, INSN_STOSM);
	assert_int_equal(in.i2, 3);
	assert_int_equal(in.b1, 2);
	assert_int_equal(in.d1, 0x10);
}

static void rs_format(void **state)
{
	const uint8_t sigp[] = { 0xae, 0x24, 0x50, 0x03 };  /* SIGP %r2,%r4,3(%r5) */
	struct insn in;
	assert_true(insn_decode(sigp, sizeof(sigp), &in));
	assert_int_equal(in.desc->id, INSN_SIGP);
	assert_int_equal(in.r1, 2);
	assert_int_equal(in.r3, 4);
	assert_int_equal(in.b2, 5);
	assert_int_equal(in.d2, 3);
}

static void rsy_format_has_a_signed_20_bit_displacement(void **state)
{
	/* LCTLG %c0,%c15,-8(%r15): dl = 0xff8, dh = 0xff -> -8 */
	const uint8_t lctlg[] = { 0xeb, 0x0f, 0xff, 0xf8, 0xff, 0x2f };
	struct insn in;
	assert_true(insn_decode(lctlg, sizeof(lctlg), &in));
	assert_int_equal(in.desc->id, INSN_LCTLG);
	assert_int_equal(in.r1, 0);
	assert_int_equal(in.r3, 15);
	assert_int_equal(in.b2, 15);
	assert_int_equal(in.d2, -8);
	const uint8_t stctg[] = { 0xeb, 0x66, 0x10, 0x10, 0x01, 0x25 };  /* dl 0x010, dh 1 */
	assert_true(insn_decode(stctg, sizeof(stctg), &in));
	assert_int_equal(in.desc->id, INSN_STCTG);
	assert_int_equal(in.d2, 0x1010);
	assert_int_equal(in.b2, 1);
}

static void rre_format(void **state)
{
	const uint8_t servc[] = { 0xb2, 0x20, 0x00, 0x12 };  /* SERVC %r1,%r2 */
	struct insn in;
	assert_true(insn_decode(servc, sizeof(servc), &in));
	assert_int_equal(in.desc->id, INSN_SERVC);
	assert_int_equal(in.r1, 1);
	assert_int_equal(in.r2, 2);
}

static void refuses_unknown_and_truncated(void **state)
{
	struct insn in;
	const uint8_t lr[] = { 0x18, 0x12 };                 /* LR: not privileged */
	assert_false(insn_decode(lr, sizeof(lr), &in));
	const uint8_t b2ff[] = { 0xb2, 0xff, 0x00, 0x00 };   /* no such B2 opcode in the table */
	assert_false(insn_decode(b2ff, sizeof(b2ff), &in));
	const uint8_t eb_other[] = { 0xeb, 0x0f, 0x00, 0x00, 0x00, 0x04 };  /* LMG */
	assert_false(insn_decode(eb_other, sizeof(eb_other), &in));
	const uint8_t short_lpswe[] = { 0xb2, 0xb2, 0x10 };
	assert_false(insn_decode(short_lpswe, sizeof(short_lpswe), &in));
	assert_false(insn_decode(lr, 0, &in));
}

/* Sorted without duplicates, and every entry's layout is the one its first byte implies
 * (otherwise the index would not find it). */
static void table_is_sorted_and_kinds_agree(void **state)
{
	for (size_t i = 0; i < insn_table_len; i++) {
		const struct insn_desc *b = &insn_table[i];
		assert_int_equal(b->kind, insn_kind_of(b->op1));
		if (i)
			assert_true(insn_key(insn_table[i - 1].op1, insn_table[i - 1].op2) <
				    insn_key(b->op1, b->op2));
	}
}

/* Every entry decodes to itself, names are unique, and lengths match the opcode. */
static void table_is_consistent(void **state)
{
	for (size_t i = 0; i < insn_table_len; i++) {
		const struct insn_desc *d = &insn_table[i];
		uint8_t b[6] = { d->op1, 0, 0, 0, 0, 0 };
		if (d->kind == OPC_16)
			b[1] = d->op2;
		else if (d->kind == OPC_8_8_LAST)
			b[5] = d->op2;
		struct insn in;
		assert_true(insn_decode(b, sizeof(b), &in));
		assert_ptr_equal(in.desc, d);
		assert_int_equal(in.len, d->fmt == FMT_RSY ? 6 : 4);
		assert_true(d->id < INSN_COUNT);
		for (size_t j = i + 1; j < insn_table_len; j++) {
			assert_string_not_equal(d->name, insn_table[j].name);
			assert_false(d->id == insn_table[j].id);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lengths_follow_the_first_two_bits),
		cmocka_unit_test(s_format),
		cmocka_unit_test(si_format),
		cmocka_unit_test(rs_format),
		cmocka_unit_test(rsy_format_has_a_signed_20_bit_displacement),
		cmocka_unit_test(rre_format),
		cmocka_unit_test(refuses_unknown_and_truncated),
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(table_is_sorted_and_kinds_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
