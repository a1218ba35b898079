/* The riscv64 memory-instruction decoder (MMIO and misaligned emulation) and AMO math. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <rv_insn.h>

static struct rv_mem_insn decode(uint32_t insn)
{
	struct rv_mem_insn mi;
	assert_true(rv_decode_mem(insn, &mi));
	return mi;
}

static void test_loads(void **state)
{
	struct rv_mem_insn mi = decode(0x0005b503); /* ld a0, 0(a1) */
	assert_int_equal(mi.kind, RV_MEM_LOAD);
	assert_int_equal(mi.size, 8);
	assert_int_equal(mi.rd, 10);
	assert_int_equal(mi.len, 4);
	mi = decode(0x0045c783); /* lbu a5, 4(a1) */
	assert_int_equal(mi.size, 1);
	assert_false(mi.sign_extend);
	assert_int_equal(mi.rd, 15);
	mi = decode(0xffc52703); /* lw a4, -4(a0) */
	assert_int_equal(mi.size, 4);
	assert_true(mi.sign_extend);
	mi = decode(0x00051603); /* lh a2, 0(a0) */
	assert_int_equal(mi.size, 2);
	assert_true(mi.sign_extend);
	struct rv_mem_insn bad;
	assert_false(rv_decode_mem(0x00007003, &bad)); /* LOAD funct3 7: reserved */
}

static void test_stores(void **state)
{
	struct rv_mem_insn mi = decode(0x00b50023); /* sb a1, 0(a0) */
	assert_int_equal(mi.kind, RV_MEM_STORE);
	assert_int_equal(mi.size, 1);
	assert_int_equal(mi.rs2, 11);
	mi = decode(0x00f73423); /* sd a5, 8(a4) */
	assert_int_equal(mi.size, 8);
	assert_int_equal(mi.rs2, 15);
	struct rv_mem_insn bad;
	assert_false(rv_decode_mem(0x00b54023, &bad)); /* STORE funct3 4: reserved */
	assert_false(rv_decode_mem(0x00000013, &bad)); /* addi: not a memory access */
}

static void test_amos(void **state)
{
	struct rv_mem_insn mi = decode(0x00c5a52f); /* amoadd.w a0, a2, (a1) */
	assert_int_equal(mi.kind, RV_MEM_AMO);
	assert_int_equal(mi.amo, RV_AMO_ADD);
	assert_int_equal(mi.size, 4);
	assert_int_equal(mi.rd, 10);
	assert_int_equal(mi.rs2, 12);
	mi = decode(0x08c5b52f); /* amoswap.d a0, a2, (a1) */
	assert_int_equal(mi.amo, RV_AMO_SWAP);
	assert_int_equal(mi.size, 8);
	mi = decode(0x1005a52f); /* lr.w a0, (a1) */
	assert_int_equal(mi.kind, RV_MEM_LR);
	mi = decode(0x18c5a52f); /* sc.w a0, a2, (a1) */
	assert_int_equal(mi.kind, RV_MEM_SC);
	mi = decode(0xe0c5b52f); /* amomaxu.d */
	assert_int_equal(mi.amo, RV_AMO_MAXU);
	struct rv_mem_insn bad;
	assert_false(rv_decode_mem(0x10c5a52f, &bad)); /* lr.w with rs2 != 0 */
	assert_false(rv_decode_mem(0x00c5c52f, &bad)); /* AMO funct3 4 */
	assert_false(rv_decode_mem(0x28c5a52f, &bad)); /* funct5 0x05: undefined */
}

static void test_compressed(void **state)
{
	struct rv_mem_insn mi = decode(0x4188); /* c.lw a0, 0(a1) */
	assert_int_equal(mi.kind, RV_MEM_LOAD);
	assert_int_equal(mi.size, 4);
	assert_int_equal(mi.rd, 10);
	assert_int_equal(mi.len, 2);
	mi = decode(0xe188); /* c.sd a0, 0(a1) */
	assert_int_equal(mi.kind, RV_MEM_STORE);
	assert_int_equal(mi.size, 8);
	assert_int_equal(mi.rs2, 10);
	mi = decode(0x6522); /* c.ldsp a0, 8(sp) */
	assert_int_equal(mi.size, 8);
	assert_int_equal(mi.rd, 10);
	mi = decode(0xc02a); /* c.swsp a0, 0(sp) */
	assert_int_equal(mi.kind, RV_MEM_STORE);
	assert_int_equal(mi.rs2, 10);
	struct rv_mem_insn bad;
	assert_false(rv_decode_mem(0x0001, &bad)); /* c.nop */
}

static void test_transformed(void **state)
{
	struct rv_mem_insn mi;
	/* htinst of a 32-bit lw a4: rs1 and offset cleared, bit 1 set. */
	assert_true(rv_decode_transformed(0x00002703, &mi));
	assert_int_equal(mi.size, 4);
	assert_int_equal(mi.rd, 14);
	assert_int_equal(mi.len, 4);
	/* bit 1 clear: the guest's instruction was compressed. */
	assert_true(rv_decode_transformed(0x00002701, &mi));
	assert_int_equal(mi.len, 2);
	assert_false(rv_decode_transformed(0, &mi));
	assert_false(rv_decode_transformed(0x00002000, &mi)); /* pseudo-instruction */
}

static void test_amo_math(void **state)
{
	assert_int_equal(rv_amo_apply(RV_AMO_ADD, 4, 0xffffffff, 1), 0);
	assert_int_equal(rv_amo_apply(RV_AMO_MIN, 4, 0xffffffff, 1), 0xffffffff); /* -1 < 1 */
	assert_int_equal(rv_amo_apply(RV_AMO_MINU, 4, 0xffffffff, 1), 1);
	assert_int_equal(rv_amo_apply(RV_AMO_MAX, 8, 5, (uint64_t)-3), 5);
	assert_int_equal(rv_amo_apply(RV_AMO_MAXU, 8, 5, (uint64_t)-3), (uint64_t)-3);
	assert_int_equal(rv_amo_apply(RV_AMO_AND, 8, 0xf0, 0x3c), 0x30);
	assert_int_equal(rv_amo_apply(RV_AMO_OR, 8, 0xf0, 0x0f), 0xff);
	assert_int_equal(rv_amo_apply(RV_AMO_XOR, 8, 0xff, 0x0f), 0xf0);
	assert_int_equal(rv_amo_apply(RV_AMO_SWAP, 4, 1, 0x100000002ULL), 2);
	assert_int_equal(rv_extend(0x80, 1, true), (uint64_t)-128);
	assert_int_equal(rv_extend(0x80, 1, false), 0x80);
	assert_int_equal(rv_extend(0x8000000000000000ULL, 8, false), 0x8000000000000000ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads),
		cmocka_unit_test(test_stores),
		cmocka_unit_test(test_amos),
		cmocka_unit_test(test_compressed),
		cmocka_unit_test(test_transformed),
		cmocka_unit_test(test_amo_math),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
