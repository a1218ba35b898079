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

/* FP loads and stores (F/D: LOAD-FP 0x07, STORE-FP 0x27, width 010 = W, 011 = D; C:
 * c.fld/c.fsd quadrant 0 funct3 001/101, c.fldsp/c.fsdsp quadrant 2 funct3 001/101), the
 * forms Linux emulates (arch/riscv/kernel/traps_misaligned.c). Encodings from GNU as. */
static void test_fp_forms(void **state)
{
	static const struct {
		uint32_t insn;
		enum rv_mem_kind kind;
		unsigned size, reg, len;
	} forms[] = {
		{ 0x0005a507, RV_MEM_LOAD, 4, 10, 4 },  /* flw fa0, 0(a1) */
		{ 0x0085b507, RV_MEM_LOAD, 8, 10, 4 },  /* fld fa0, 8(a1) */
		{ 0x0085b007, RV_MEM_LOAD, 8, 0, 4 },   /* fld ft0, 8(a1): f0 is a register */
		{ 0x00b52027, RV_MEM_STORE, 4, 11, 4 }, /* fsw fa1, 0(a0) */
		{ 0x00b53427, RV_MEM_STORE, 8, 11, 4 }, /* fsd fa1, 8(a0) */
		{ 0x2590, RV_MEM_LOAD, 8, 12, 2 },      /* c.fld fa2, 8(a1) */
		{ 0xa514, RV_MEM_STORE, 8, 13, 2 },     /* c.fsd fa3, 8(a0) */
		{ 0x24c2, RV_MEM_LOAD, 8, 9, 2 },       /* c.fldsp fs1, 16(sp) */
		{ 0x2002, RV_MEM_LOAD, 8, 0, 2 },       /* c.fldsp ft0, 0(sp) */
		{ 0xa84a, RV_MEM_STORE, 8, 18, 2 },     /* c.fsdsp fs2, 16(sp) */
	};
	for (unsigned i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct rv_mem_insn mi = decode(forms[i].insn);
		assert_true(mi.fp);
		assert_int_equal(mi.kind, forms[i].kind);
		assert_int_equal(mi.size, forms[i].size);
		assert_int_equal(mi.len, forms[i].len);
		assert_int_equal(forms[i].kind == RV_MEM_LOAD ? mi.rd : mi.rs2, forms[i].reg);
		/* The transformed htinst of the 32-bit forms decodes the same. */
		if (forms[i].len == 4) {
			struct rv_mem_insn t;
			assert_true(rv_decode_transformed(forms[i].insn & ~0xf8000UL, &t));
			assert_true(t.fp);
			assert_int_equal(t.size, forms[i].size);
		}
	}
	/* Integer forms are not FP; flh/flq (Zfh, Q) are not emulated. */
	assert_false(decode(0x0005b503).fp);
	assert_false(decode(0x4188).fp);
	struct rv_mem_insn bad;
	assert_false(rv_decode_mem(0x00059507, &bad)); /* flh fa0, 0(a1) */
	assert_false(rv_decode_mem(0x0005c507, &bad)); /* flq fa0, 0(a1) */
}

/* What a load puts in its register: integer loads extend; flw NaN-boxes (the upper 32
 * bits all ones: unprivileged ISA, D extension, "NaN Boxing of Narrower Values"); fld
 * takes all 64 bits. */
static void test_load_result(void **state)
{
	struct rv_mem_insn flw = decode(0x0005a507), fld = decode(0x0085b507);
	struct rv_mem_insn lw = decode(0xffc52703), lwu = decode(0x0005e503);
	assert_int_equal(rv_load_result(&flw, 0x3f800000), 0xffffffff3f800000ULL);
	assert_int_equal(rv_load_result(&flw, 0x12345678bf800000ULL), 0xffffffffbf800000ULL);
	assert_int_equal(rv_load_result(&fld, 0x3ff0000000000000ULL), 0x3ff0000000000000ULL);
	assert_int_equal(rv_load_result(&lw, 0x80000000), 0xffffffff80000000ULL);
	assert_int_equal(rv_load_result(&lwu, 0x80000000), 0x80000000);
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

/* The instructions a virtual-instruction exit handles rather than reflecting. */
static void test_virtual_insns(void **state)
{
	(void)state;
	assert_int_equal(rv_classify_virtual_insn(0x10500073u), RV_VIRT_WFI);
	assert_int_equal(rv_classify_virtual_insn(0x00d00073u), RV_VIRT_WRS);
	assert_int_equal(rv_classify_virtual_insn(0x01d00073u), RV_VIRT_WRS);
	assert_int_equal(rv_classify_virtual_insn(0x10200073u), RV_VIRT_ILLEGAL); /* sret */
	assert_int_equal(rv_classify_virtual_insn(0x12000073u), RV_VIRT_ILLEGAL); /* sfence.vma */
	assert_int_equal(rv_classify_virtual_insn(0x62000073u), RV_VIRT_ILLEGAL); /* hfence.gvma */
	assert_int_equal(rv_classify_virtual_insn(0x10500f73u), RV_VIRT_ILLEGAL); /* wfi, rd != 0 */
	assert_int_equal(rv_classify_virtual_insn(0), RV_VIRT_ILLEGAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads),
		cmocka_unit_test(test_stores),
		cmocka_unit_test(test_amos),
		cmocka_unit_test(test_compressed),
		cmocka_unit_test(test_transformed),
		cmocka_unit_test(test_fp_forms),
		cmocka_unit_test(test_load_result),
		cmocka_unit_test(test_amo_math),
		cmocka_unit_test(test_virtual_insns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
