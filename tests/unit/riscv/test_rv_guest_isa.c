/* Which host extensions a riscv64 guest's DTB lists (arch/riscv/guest_isa.c): those whose
 * henvcfg enable testvisor could set (CMO spec, Svpbmt, Sstc, Zicfilp, ...), never those it
 * withholds (H, the seed CSR of Zkr, vector, AIA, indirect CSRs, CTR, Smstateen). The
 * rows Linux needed are docs/riscv.md, "What Linux needs". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <rv_virt.h>

/* The henvcfg bits that stick on QEMU 10.0.2 + OpenSBI 1.5 with the runner's CPU. */
static const struct rv_host_caps qemu_caps = {
	.h = true, .sstc = true,
	.henvcfg_bits = ENVCFG_STCE | ENVCFG_ADUE | ENVCFG_CBZE | ENVCFG_CBCFE | ENVCFG_CBIE_FLUSH |
			ENVCFG_LPE,
};

static void test_withheld(void **state)
{
	(void)state;
	static const char *const names[] = { "h", "sha", "zkr", "zk", "v", "zve64d", "zvkned",
					     "smaia", "ssaia", "smcsrind", "sscsrind", "smctr",
					     "ssctr", "smstateen", "ssstateen" };
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_false(rv_guest_extension_offered(names[i], &qemu_caps));
	/* Prefixes match only where the table says so: zkn, zknd, zkt stay. */
	assert_true(rv_guest_extension_offered("zkn", &qemu_caps));
	assert_true(rv_guest_extension_offered("zkt", &qemu_caps));
	assert_true(rv_guest_extension_offered("zba", &qemu_caps));
	assert_true(rv_guest_extension_offered("i", &qemu_caps));
}

/* Offered exactly when every henvcfg bit the extension needs stuck. */
static void test_gated_by_henvcfg(void **state)
{
	(void)state;
	assert_true(rv_guest_extension_offered("zicboz", &qemu_caps));
	assert_true(rv_guest_extension_offered("zicbom", &qemu_caps));
	assert_true(rv_guest_extension_offered("sstc", &qemu_caps));
	assert_false(rv_guest_extension_offered("svpbmt", &qemu_caps)); /* PBMTE did not stick */
	assert_false(rv_guest_extension_offered("zicfiss", &qemu_caps));
	struct rv_host_caps c = qemu_caps;
	c.henvcfg_bits &= ~ENVCFG_CBZE;
	assert_false(rv_guest_extension_offered("zicboz", &c));
	c.henvcfg_bits = qemu_caps.henvcfg_bits & ~ENVCFG_CBIE_FLUSH; /* CBCFE alone is not enough */
	assert_false(rv_guest_extension_offered("zicbom", &c));
	c.henvcfg_bits = qemu_caps.henvcfg_bits | ENVCFG_PBMTE;
	assert_true(rv_guest_extension_offered("svpbmt", &c));
	assert_false(rv_guest_extension_offered("ssnpm", &qemu_caps));
	c.pmlen7 = true;
	assert_true(rv_guest_extension_offered("ssnpm", &c));
}

/* Every vCPU starts with the always-on bits, cbo.inval a flush (CBIE = 01). */
static void test_always_on_bits(void **state)
{
	(void)state;
	assert_int_equal(HENVCFG_GUEST_ALWAYS & ENVCFG_CBIE, 1UL << 4);
	assert_true(HENVCFG_GUEST_ALWAYS & ENVCFG_CBZE);
	assert_true(HENVCFG_GUEST_ALWAYS & ENVCFG_CBCFE);
	assert_true(HENVCFG_GUEST_ALWAYS & ENVCFG_PBMTE);
	assert_true(HENVCFG_GUEST_ALWAYS & ENVCFG_STCE);
	/* FWFT features start off (SBI v3.0 §18: reset value 0). */
	assert_false(HENVCFG_GUEST_ALWAYS & (ENVCFG_LPE | ENVCFG_SSE | ENVCFG_DTE | ENVCFG_ADUE |
					     ENVCFG_PMM));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withheld),
		cmocka_unit_test(test_gated_by_henvcfg),
		cmocka_unit_test(test_always_on_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
