/* ESR_EL2 decoding: MMIO data aborts (size, register, direction, sign extension, 32/64-bit
 * destination, IPA) and trapped system register accesses. Syndromes are the values QEMU
 * reported for real accesses (see testvisor's register dumps). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arm64/fgt.h>
#include <arm64/syndrome.h>

static void decodes_a_64bit_load(void **state)
{
	/* The isolation payload's 8-byte load of IPA 0x44100000 (ESR_EL2 0x93c18006). */
	struct dabt_access a;
	assert_true(dabt_decode(0x93c18006, &a)); /* ISV, SAS=3, SRT=1, SF */
	assert_int_equal(a.size, 8);
	assert_int_equal(a.reg, 1);
	assert_false(a.write);
	assert_true(a.sixty_four);
	assert_true(dabt_ipa(0x441000, 0x44100000) == 0x44100000);
}

static void decodes_a_32bit_store(void **state)
{
	/* str w1, [x0]: ISV, SAS=2 (4 bytes), SRT=1, WnR. */
	uint64_t esr = (0x24ull << 26) | (1u << 25) | (1u << 24) | (2u << 22) | (1u << 16) | (1u << 6);
	struct dabt_access a;
	assert_true(dabt_decode(esr, &a));
	assert_int_equal(a.size, 4);
	assert_int_equal(a.reg, 1);
	assert_true(a.write);
	assert_false(a.sixty_four);
}

static void refuses_without_syndrome(void **state)
{
	struct dabt_access a;
	assert_false(dabt_decode(0x92000005, &a)); /* DC CVAP to an unmapped IPA: ISV = 0 */
}

static void sign_and_width_of_loads(void **state)
{
	struct dabt_access a = { 1, 0, false, true, true };   /* ldrsb x0 */
	assert_true(dabt_load_value(&a, 0x80) == 0xffffffffffffff80ull);
	a.sixty_four = false;                                 /* ldrsb w0 */
	assert_true(dabt_load_value(&a, 0x80) == 0xffffff80ull);
	a.sign_extend = false;                                /* ldrb w0 */
	assert_true(dabt_load_value(&a, 0x1ff) == 0xff);
	struct dabt_access d = { 8, 0, false, false, true };
	assert_true(dabt_load_value(&d, 0x8000000000000001ull) == 0x8000000000000001ull);
}

static void decodes_sysreg_access(void **state)
{
	/* mrs x?, S3_0_C13_C0_7 (SCXTNUM_EL1), ESR 0x623e3401 from an FGT trap. */
	struct sysreg_access s;
	sysreg_decode(0x623e3401, &s);
	assert_int_equal(s.enc, SYS_ENC(3, 0, 13, 0, 7));
	assert_true(s.read);
	assert_int_equal(s.rt, 0);
	/* msr s3_0_c10_c4_3 (LORC_EL1), xzr: a write of register 31. */
	uint64_t iss = (3u << 20) | (3u << 17) | (0u << 14) | (10u << 10) | (31u << 5) | (4u << 1);
	sysreg_decode((0x18ull << 26) | iss, &s);
	assert_int_equal(s.enc, SYS_ENC(3, 0, 10, 4, 3));
	assert_false(s.read);
	assert_int_equal(s.rt, 31);
}

/* The External abort testvisor injects for a guest access with nothing behind it: the
 * syndromes bare QEMU virt gives (measured by the unmapped payload standalone). */
static void sea_syndromes(void **state)
{
	assert_true(sea_syndrome(false, false, false) == 0x96000010);
	assert_true(sea_syndrome(false, false, true) == 0x96000050);
	assert_true(sea_syndrome(true, false, false) == 0x86000010);
	assert_true(sea_syndrome(true, false, true) == 0x86000010);  /* no WnR for a fetch */
	assert_true(sea_syndrome(false, true, false) == 0x92000010); /* from EL0: EC 0x24 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_a_64bit_load),
		cmocka_unit_test(decodes_a_32bit_store),
		cmocka_unit_test(refuses_without_syndrome),
		cmocka_unit_test(sign_and_width_of_loads),
		cmocka_unit_test(decodes_sysreg_access),
		cmocka_unit_test(sea_syndromes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
