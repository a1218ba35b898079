/* SVM exit assists (arch/x86/svm/exit_assist.c): where the next RIP comes from, the
 * instruction length from nRIP, and the VMCB clean bits. Exit codes, offsets and bit
 * numbers are written from AMD APM vol. 2 (appendix C exit codes, appendix B VMCB
 * layout, 15.15 "VMCB state caching"), not taken from testvisor's headers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/exit_assist.h>

/* APM vol. 2, appendix C. */
#define EXIT_RDTSC 0x6e
#define EXIT_CPUID 0x72
#define EXIT_HLT 0x78
#define EXIT_IOIO 0x7b
#define EXIT_MSR 0x7c
#define EXIT_SHUTDOWN 0x7f
#define EXIT_VMMCALL 0x81
#define EXIT_INTR 0x60
#define EXIT_NPF 0x400

static void test_next_rip_source(void **state)
{
	const uint64_t insn_exits[] = { EXIT_RDTSC, EXIT_CPUID, EXIT_HLT, EXIT_MSR, EXIT_VMMCALL };
	for (size_t i = 0; i < sizeof(insn_exits) / sizeof(insn_exits[0]); i++) {
		assert_int_equal(svm_next_rip_source(true, insn_exits[i]), NEXT_RIP_NRIP);
		assert_int_equal(svm_next_rip_source(false, insn_exits[i]), NEXT_RIP_DECODE);
	}
	/* IOIO reports the next RIP in EXITINFO2 with or without NRIP save (15.10.2). */
	assert_int_equal(svm_next_rip_source(true, EXIT_IOIO), NEXT_RIP_EXITINFO2);
	assert_int_equal(svm_next_rip_source(false, EXIT_IOIO), NEXT_RIP_EXITINFO2);
	/* Not instruction intercepts: nRIP is not defined for them. */
	assert_int_equal(svm_next_rip_source(true, EXIT_NPF), NEXT_RIP_DECODE);
	assert_int_equal(svm_next_rip_source(true, EXIT_INTR), NEXT_RIP_DECODE);
	assert_int_equal(svm_next_rip_source(true, EXIT_SHUTDOWN), NEXT_RIP_DECODE);
}

static void test_nrip_insn_len(void **state)
{
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x100003), 3); /* VMMCALL 0F 01 D9 */
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x100002), 2); /* CPUID 0F A2 */
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x10000f), 15);
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x100010), 0); /* longer than any instruction */
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x100000), 0);
	assert_int_equal(svm_nrip_insn_len(0x100000, 0x0ffffd), 0); /* behind RIP */
	assert_int_equal(svm_nrip_insn_len(0x100000, 0), 0);        /* not saved */
	assert_int_equal(svm_nrip_insn_len(0xfffffffffffffffeull, 0x1), 3); /* wraps like RIP */
}

/* The APM's group numbers. */
enum { I = 0, IOPM = 1, ASID = 2, TPR = 3, NP = 4, CRX = 5, DRX = 6, DT = 7, SEG = 8, CR2 = 9, LBR = 10 };
#define ALL_GROUPS 0x7ffu

static uint8_t vmcb[4096], snap[VMCB_CLEAN_SNAPSHOT_MAX];

static void poke64(size_t off, uint64_t v) { memcpy(vmcb + off, &v, 8); }

static uint32_t after_write(size_t off, uint64_t v)
{
	memset(vmcb, 0x5a, sizeof(vmcb));
	vmcb_clean_snapshot(vmcb, snap);
	poke64(off, v);
	return vmcb_clean_bits(vmcb, snap, true);
}

static void test_clean_groups_table(void **state)
{
	assert_int_equal(vmcb_clean_group_count, 11);
	uint32_t seen = 0;
	for (unsigned g = 0; g < vmcb_clean_group_count; g++)
		seen |= 1u << vmcb_clean_groups[g].bit;
	assert_int_equal(seen, ALL_GROUPS);
	assert_true(vmcb_clean_snapshot_size() <= VMCB_CLEAN_SNAPSHOT_MAX);
}

static void test_clean_bits(void **state)
{
	assert_int_equal(after_write(0x5f8, 1), ALL_GROUPS);             /* RAX: in no group */
	assert_int_equal(after_write(0x578, 1), ALL_GROUPS);             /* RIP */
	assert_int_equal(after_write(0x0a8, 1), ALL_GROUPS);             /* EVENTINJ */
	assert_int_equal(after_write(0x050, 1), ALL_GROUPS & ~(1u << I)); /* TSC_OFFSET */
	assert_int_equal(after_write(0x00c, 1), ALL_GROUPS & ~(1u << I)); /* intercept misc1 */
	assert_int_equal(after_write(0x048, 1), ALL_GROUPS & ~(1u << IOPM)); /* MSRPM_BASE_PA */
	assert_int_equal(after_write(0x058, 7), ALL_GROUPS & ~(1u << ASID));
	assert_int_equal(after_write(0x060, 1), ALL_GROUPS & ~(1u << TPR)); /* V_TPR... */
	assert_int_equal(after_write(0x0b0, 1), ALL_GROUPS & ~(1u << NP));  /* N_CR3 */
	assert_int_equal(after_write(0x090, 0), ALL_GROUPS & ~(1u << NP));  /* NP_ENABLE */
	assert_int_equal(after_write(0x668, 1), ALL_GROUPS & ~(1u << NP));  /* G_PAT */
	assert_int_equal(after_write(0x558, 1), ALL_GROUPS & ~(1u << CRX)); /* CR0 */
	assert_int_equal(after_write(0x4d0, 1), ALL_GROUPS & ~(1u << CRX)); /* EFER */
	assert_int_equal(after_write(0x568, 1), ALL_GROUPS & ~(1u << DRX)); /* DR6 */
	assert_int_equal(after_write(0x488, 1), ALL_GROUPS & ~(1u << DT));  /* IDTR base */
	assert_int_equal(after_write(0x418, 1), ALL_GROUPS & ~(1u << SEG)); /* CS base */
	assert_int_equal(after_write(0x4c8, 1ull << 24), ALL_GROUPS & ~(1u << SEG)); /* CPL at 0x4cb */
	assert_int_equal(after_write(0x640, 1), ALL_GROUPS & ~(1u << CR2));
	assert_int_equal(after_write(0x670, 1), ALL_GROUPS & ~(1u << LBR)); /* DBGCTL */
	/* No snapshot (first VMRUN of this VMCB): nothing is clean. */
	assert_int_equal(vmcb_clean_bits(vmcb, snap, false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_rip_source),
		cmocka_unit_test(test_nrip_insn_len),
		cmocka_unit_test(test_clean_groups_table),
		cmocka_unit_test(test_clean_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
