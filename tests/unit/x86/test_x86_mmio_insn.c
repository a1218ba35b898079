/* MOV decoding for emulated MMIO (arch/x86/svm/mmio_insn.c); encodings as GNU as makes
 * them (AMD APM vol. 3 MOV; Intel SDM vol. 2 §2.1-2.2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <x86/mmio_insn.h>

static bool decode(const uint8_t *b, size_t n, struct mmio_op *op)
{
	struct x86_insn insn;
	int len = x86_insn_decode(b, n, X86_MODE_64, &insn);
	assert_int_equal(len, (int)n);
	return mmio_insn_decode(&insn, b, op);
}

static void mov_forms(void **state)
{
	struct mmio_op op;
	static const uint8_t load[] = { 0x8b, 0x02 };              /* mov (%rdx),%eax */
	assert_true(decode(load, sizeof(load), &op));
	assert_false(op.write);
	assert_int_equal(op.size, 4);
	assert_int_equal(op.reg, 0);
	static const uint8_t store[] = { 0x44, 0x89, 0x41, 0x10 }; /* mov %r8d,0x10(%rcx) */
	assert_true(decode(store, sizeof(store), &op));
	assert_true(op.write && !op.is_imm);
	assert_int_equal(op.reg, 8);
	static const uint8_t imm[] = { 0xc7, 0x07, 0x78, 0x56, 0x34, 0x12 }; /* movl $0x12345678,(%rdi) */
	assert_true(decode(imm, sizeof(imm), &op));
	assert_true(op.write && op.is_imm);
	assert_int_equal(op.imm, 0x12345678);
	assert_int_equal(op.size, 4);
	static const uint8_t imm64[] = { 0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff }; /* movq $-1,(%rax) */
	assert_true(decode(imm64, sizeof(imm64), &op));
	assert_int_equal(op.size, 8);
	assert_int_equal(op.imm, ~0ull);
	static const uint8_t byte[] = { 0xc6, 0x06, 0x04 };       /* movb $4,(%rsi) */
	assert_true(decode(byte, sizeof(byte), &op));
	assert_int_equal(op.size, 1);
	assert_int_equal(op.imm, 4);
	static const uint8_t word[] = { 0x66, 0x8b, 0x0e };       /* mov (%rsi),%cx */
	assert_true(decode(word, sizeof(word), &op));
	assert_int_equal(op.size, 2);
	assert_int_equal(op.reg, 1);
}

static void refused(void **state)
{
	struct mmio_op op;
	static const uint8_t ah[] = { 0x8a, 0x26 };               /* mov (%rsi),%ah */
	assert_false(decode(ah, sizeof(ah), &op));
	static const uint8_t regreg[] = { 0x89, 0xc8 };           /* mov %ecx,%eax */
	assert_false(decode(regreg, sizeof(regreg), &op));
	static const uint8_t add[] = { 0x01, 0x02 };              /* add %eax,(%rdx) */
	assert_false(decode(add, sizeof(add), &op));
}

static void merge(void **state)
{
	assert_int_equal(mmio_merge_read(0xFFFFFFFFFFFFFFFFull, 0x12, 1), 0xFFFFFFFFFFFFFF12ull);
	assert_int_equal(mmio_merge_read(0xFFFFFFFFFFFFFFFFull, 0x1234, 2), 0xFFFFFFFFFFFF1234ull);
	assert_int_equal(mmio_merge_read(0xFFFFFFFFFFFFFFFFull, 0x12345678, 4), 0x12345678ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mov_forms),
		cmocka_unit_test(refused),
		cmocka_unit_test(merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
