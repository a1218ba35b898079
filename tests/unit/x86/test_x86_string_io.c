/* INS/OUTS decoding and register arithmetic (arch/x86/svm/string_io.c), from AMD APM
 * vol. 2 §15.10.2 and vol. 3 INS/OUTS. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/string_io.h>

/* EXITINFO1: TYPE bit 0, STR 2, REP 3, SZ8/16/32 bits 4-6, A16/32/64 bits 7-9, port 16-31. */
#define INFO(in, rep, sz_bit, a_bit) \
	((uint64_t)(in) | 4u | ((rep) ? 8u : 0) | (1u << (4 + (sz_bit))) | (1u << (7 + (a_bit))) | (0x3f8u << 16))

static void decode(void **state)
{
	struct string_io s;
	assert_true(string_io_decode(INFO(1, 1, 1, 2), &s));
	assert_true(s.in && s.rep);
	assert_int_equal(s.size, 2);
	assert_int_equal(s.addr_bits, 64);
	assert_true(string_io_decode(INFO(0, 0, 2, 1), &s));
	assert_false(s.in || s.rep);
	assert_int_equal(s.size, 4);
	assert_int_equal(s.addr_bits, 32);
	assert_false(string_io_decode(INFO(0, 0, 0, 0) & ~4ull, &s)); /* not a string I/O */
	assert_false(string_io_decode(INFO(0, 0, 0, 0) | (1u << 5), &s)); /* two sizes */
	assert_false(string_io_decode(INFO(0, 0, 0, 0) | (1u << 8), &s)); /* two address sizes */
	/* No address size at all (QEMU 10's TCG): left for the mode to say. */
	assert_true(string_io_decode((INFO(0, 0, 0, 0) & ~(7u << 7)), &s));
	assert_int_equal(s.addr_bits, 0);
}

static void mode_address_size(void **state)
{
	const uint8_t insb[] = { 0xf3, 0x6c };
	const uint8_t a32_insb[] = { 0xf3, 0x67, 0x6c };
	assert_int_equal(string_io_mode_addr_bits(true, false, insb, sizeof(insb)), 64);
	assert_int_equal(string_io_mode_addr_bits(true, false, a32_insb, sizeof(a32_insb)), 32);
	assert_int_equal(string_io_mode_addr_bits(false, true, insb, sizeof(insb)), 32);
	assert_int_equal(string_io_mode_addr_bits(false, true, a32_insb, sizeof(a32_insb)), 16);
	assert_int_equal(string_io_mode_addr_bits(false, false, insb, sizeof(insb)), 16);
	assert_int_equal(string_io_mode_addr_bits(false, false, a32_insb, sizeof(a32_insb)), 32);
}

static void source_segment(void **state)
{
	const uint8_t outsb[] = { 0x6e };
	const uint8_t rep_fs_outsb[] = { 0xf3, 0x64, 0x6e };
	const uint8_t gs_then_es[] = { 0x65, 0x26, 0x66, 0x6f };
	const uint8_t rex_outsd[] = { 0x65, 0x48, 0x6f };
	assert_int_equal(string_io_source_segment(outsb, sizeof(outsb)), SEG_DS);
	assert_int_equal(string_io_source_segment(rep_fs_outsb, sizeof(rep_fs_outsb)), SEG_FS);
	assert_int_equal(string_io_source_segment(gs_then_es, sizeof(gs_then_es)), SEG_ES);
	assert_int_equal(string_io_source_segment(rex_outsd, sizeof(rex_outsd)), SEG_GS);
}

static void advance_up_and_down(void **state)
{
	struct string_io s;
	string_io_decode(INFO(1, 1, 2, 2), &s); /* REP INSD, 64-bit addresses */
	uint64_t rdi = 0x1000, rcx = 3;
	assert_int_equal(string_io_count(&s, rcx), 3);
	string_io_advance(&s, false, &rdi, &rcx);
	assert_int_equal(rdi, 0x1004);
	assert_int_equal(rcx, 2);
	string_io_advance(&s, true, &rdi, &rcx);
	assert_int_equal(rdi, 0x1000);
	assert_int_equal(rcx, 1);
	string_io_decode(INFO(1, 0, 0, 2), &s); /* INSB without REP: one iteration, rCX kept */
	rcx = 0;
	assert_int_equal(string_io_count(&s, rcx), 1);
	string_io_advance(&s, false, &rdi, &rcx);
	assert_int_equal(rcx, 0);
	assert_int_equal(rdi, 0x1001);
}

static void address_size_wraps(void **state)
{
	struct string_io s;
	string_io_decode(INFO(0, 1, 0, 0), &s); /* REP OUTSB, 16-bit addresses */
	uint64_t rsi = 0xabcd0000ffffull, rcx = 0x55550000ull;
	assert_int_equal(string_io_count(&s, rcx), 0);   /* CX = 0: nothing to do */
	assert_int_equal(string_io_offset(&s, rsi), 0xffff);
	rcx = 0x55550001ull;
	string_io_advance(&s, false, &rsi, &rcx);
	assert_int_equal(rsi, 0xabcd00000000ull);         /* SI wraps, the rest is kept */
	assert_int_equal(rcx, 0x55550000ull);
	string_io_decode(INFO(0, 1, 0, 1), &s);           /* 32-bit addresses */
	rsi = 0xffffffff00000000ull | 0xffffffffu;
	rcx = 0x100000002ull;
	assert_int_equal(string_io_count(&s, rcx), 2);    /* ECX, not RCX */
	string_io_advance(&s, false, &rsi, &rcx);
	assert_int_equal(rsi, 0);                         /* ESI wraps, zero-extended */
	assert_int_equal(rcx, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode),
		cmocka_unit_test(source_segment),
		cmocka_unit_test(mode_address_size),
		cmocka_unit_test(advance_up_and_down),
		cmocka_unit_test(address_size_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
