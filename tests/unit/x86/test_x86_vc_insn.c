/* The payload library's decoder for the instructions its #VC handler carries out
 * (guest/lib/x86/vc_insn.c). Encodings written by hand from AMD APM vol. 3 (MOV 88/89/8A/
 * 8B/C6/C7, MOVZX 0F B6/B7, INS 6C/6D, OUTS 6E/6F; ModRM, SIB, REX, disp32 sign-extended,
 * RIP-relative with mod 00 r/m 101; AH-BH for r/m 4-7 without REX). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "vc_insn.h"

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8 };

static struct vc_mmio decode(const uint8_t *b, unsigned n)
{
	struct vc_mmio m;
	assert_true(vc_mmio_decode(b, n, &m));
	assert_int_equal(m.len, n);
	return m;
}

static void loads(void **state)
{
	uint64_t regs[16] = { 0 };
	regs[RDI] = 0x1000;
	regs[RDX] = 0x2000;
	regs[RCX] = 3;
	struct vc_mmio m = decode((const uint8_t[]){ 0x8b, 0x07 }, 2); /* mov eax, [rdi] */
	assert_int_equal(m.kind, VC_MMIO_LOAD);
	assert_int_equal(m.size, 4);
	assert_int_equal(m.reg, RAX);
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0x1000);
	m = decode((const uint8_t[]){ 0x48, 0x8b, 0x47, 0x10 }, 4); /* mov rax, [rdi+0x10] */
	assert_int_equal(m.size, 8);
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0x1010);
	m = decode((const uint8_t[]){ 0x48, 0x0f, 0xb7, 0x0c, 0x8a }, 5); /* movzx rcx, word [rdx+rcx*4] */
	assert_int_equal(m.kind, VC_MMIO_LOAD_ZX);
	assert_int_equal(m.size, 2);
	assert_int_equal(m.reg_size, 8);
	assert_int_equal(m.reg, RCX);
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0x200c);
	m = decode((const uint8_t[]){ 0x0f, 0xb6, 0x08 }, 3); /* movzx ecx, byte [rax] */
	assert_int_equal(m.size, 1);
	assert_int_equal(m.reg_size, 4);
	m = decode((const uint8_t[]){ 0x8a, 0x67, 0xff }, 3); /* mov ah, [rdi-1] */
	assert_true(m.high8);
	assert_int_equal(m.reg, RAX);
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0xfff);
	m = decode((const uint8_t[]){ 0x40, 0x8a, 0x67, 0x01 }, 4); /* mov spl, [rdi+1] */
	assert_false(m.high8);
	assert_int_equal(m.reg, RSP);
	m = decode((const uint8_t[]){ 0x8b, 0x05, 0x10, 0, 0, 0 }, 6); /* mov eax, [rip+0x10] */
	assert_int_equal(m.base, VC_REG_RIP);
	assert_int_equal(vc_mmio_address(&m, regs, 0x5000), 0x5010);
	m = decode((const uint8_t[]){ 0x8b, 0x04, 0x25, 0, 0, 0xc0, 0xfe }, 7); /* mov eax, [disp32] */
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0xfffffffffec00000ull);
	m = decode((const uint8_t[]){ 0x42, 0x8b, 0x04, 0x07 }, 4); /* mov eax, [rdi+r8] */
	regs[R8] = 0x20;
	assert_int_equal(vc_mmio_address(&m, regs, 0), 0x1020);
	m = decode((const uint8_t[]){ 0x66, 0x8b, 0x00 }, 3); /* mov ax, [rax] */
	assert_int_equal(m.size, 2);
}

static void stores(void **state)
{
	uint64_t regs[16] = { 0 };
	regs[RCX] = 0x1122334455667788ull;
	regs[R8] = 0xaabbccdd;
	struct vc_mmio m = decode((const uint8_t[]){ 0x89, 0x08 }, 2); /* mov [rax], ecx */
	assert_int_equal(m.kind, VC_MMIO_STORE);
	assert_int_equal(m.size, 4);
	assert_int_equal(vc_mmio_store_value(&m, regs), regs[RCX]);
	m = decode((const uint8_t[]){ 0x44, 0x89, 0x40, 0x10 }, 4); /* mov [rax+0x10], r8d */
	assert_int_equal(m.reg, R8);
	m = decode((const uint8_t[]){ 0x88, 0x28 }, 2); /* mov [rax], ch */
	assert_true(m.high8);
	assert_int_equal((uint8_t)vc_mmio_store_value(&m, regs), 0x77);
	m = decode((const uint8_t[]){ 0xc7, 0x00, 0x78, 0x56, 0x34, 0x12 }, 6);
	assert_int_equal(m.kind, VC_MMIO_STORE_IMM);
	assert_int_equal(vc_mmio_store_value(&m, regs), 0x12345678);
	m = decode((const uint8_t[]){ 0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff }, 7);
	assert_int_equal(m.size, 8);
	assert_int_equal(m.imm, ~0ull);
	m = decode((const uint8_t[]){ 0x66, 0xc7, 0x40, 0x04, 0x34, 0x12 }, 6);
	assert_int_equal(m.size, 2);
	assert_int_equal(m.imm, 0x1234);
	m = decode((const uint8_t[]){ 0xc6, 0x00, 0xab }, 3);
	assert_int_equal(m.size, 1);
	assert_int_equal((uint8_t)m.imm, 0xab);
}

static void refused(void **state)
{
	struct vc_mmio m;
	const struct { uint8_t b[8]; unsigned n; } bad[] = {
		{ { 0x8b, 0xc1 }, 2 },                   /* mov eax, ecx: no memory */
		{ { 0xc7, 0x08, 1, 0, 0, 0 }, 6 },       /* C7 /1 */
		{ { 0x64, 0x8b, 0x00 }, 3 },             /* FS override */
		{ { 0x67, 0x8b, 0x00 }, 3 },             /* address size */
		{ { 0x8b }, 1 },                         /* truncated */
		{ { 0x8b, 0x80, 0, 0 }, 4 },             /* disp32 cut short */
		{ { 0xc7, 0x00, 1, 2 }, 4 },             /* imm32 cut short */
		{ { 0x03, 0x00 }, 2 },                   /* add eax, [rax] */
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(vc_mmio_decode(bad[i].b, bad[i].n, &m));
}

static void load_results(void **state)
{
	struct vc_mmio m = decode((const uint8_t[]){ 0x8b, 0x07 }, 2);
	assert_int_equal(vc_mmio_load_result(&m, ~0ull, 0x00170020), 0x00170020);
	m = decode((const uint8_t[]){ 0x8a, 0x07 }, 2); /* mov al, [rdi] */
	assert_int_equal(vc_mmio_load_result(&m, 0x1234567890abcdefull, 0x11), 0x1234567890abcd11ull);
	m = decode((const uint8_t[]){ 0x8a, 0x27 }, 2); /* mov ah, [rdi] */
	assert_int_equal(vc_mmio_load_result(&m, 0xffffull, 0x11), 0x11ffull);
	m = decode((const uint8_t[]){ 0x0f, 0xb6, 0x07 }, 3); /* movzx eax, byte [rdi] */
	assert_int_equal(vc_mmio_load_result(&m, ~0ull, 0xabcd), 0xcd);
	m = decode((const uint8_t[]){ 0x66, 0x0f, 0xb6, 0x07 }, 4); /* movzx ax, byte [rdi] */
	assert_int_equal(vc_mmio_load_result(&m, ~0ull, 0xabcd), 0xffffffffffff00cdull);
}

static void string_io(void **state)
{
	struct vc_string_io s;
	assert_true(vc_string_io_decode((const uint8_t[]){ 0xf3, 0x6e }, 2, &s));
	assert_true(s.rep && !s.in && s.size == 1 && s.len == 2);
	assert_true(vc_string_io_decode((const uint8_t[]){ 0x66, 0x6d }, 2, &s));
	assert_true(!s.rep && s.in && s.size == 2);
	assert_true(vc_string_io_decode((const uint8_t[]){ 0xf3, 0x6c }, 2, &s));
	assert_true(s.in && s.size == 1);
	assert_true(vc_string_io_decode((const uint8_t[]){ 0x6f }, 1, &s));
	assert_true(!s.in && s.size == 4 && s.len == 1);
	assert_false(vc_string_io_decode((const uint8_t[]){ 0x2e, 0x6e }, 2, &s));
	assert_false(vc_string_io_decode((const uint8_t[]){ 0x67, 0x6e }, 2, &s));
	assert_false(vc_string_io_decode((const uint8_t[]){ 0xee }, 1, &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads), cmocka_unit_test(stores), cmocka_unit_test(refused),
		cmocka_unit_test(load_results), cmocka_unit_test(string_io),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
