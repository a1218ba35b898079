/* Pins every number in arch/riscv/isa/sbi_defs.h to the RISC-V SBI specification v3.0.
 * testvisor and the payloads share that header, so a wrong number there would pass both:
 * here each one is compared with the value written out from the spec, with the section
 * it comes from. Extension ids are also checked against their ASCII names, which is how
 * the spec defines them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <sbi_defs.h>

struct pin {
	const char *name;
	long long header;  /* the value in sbi_defs.h */
	long long spec;    /* the value written out from the spec */
	const char *where; /* SBI v3.0 section */
};
#define PIN(sym, value, where) { #sym, (long long)(sym), (long long)(value), where }

static void check(const struct pin *p, size_t n)
{
	unsigned wrong = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i].header == p[i].spec)
			continue;
		print_error("%s is %lld, SBI v3.0 %s says %lld\n", p[i].name, p[i].header, p[i].where,
			    p[i].spec);
		wrong++;
	}
	assert_int_equal(wrong, 0);
}
#define CHECK(table) check(table, sizeof(table) / sizeof(table[0]))

/* An EID from its ASCII name, most significant character first ("TIME" = 0x54494D45). */
static long long eid(const char *name)
{
	long long v = 0;
	for (size_t i = 0; i < strlen(name); i++)
		v = v << 8 | (unsigned char)name[i];
	return v;
}

static void test_extension_ids(void **state)
{
	const struct pin pins[] = {
		PIN(SBI_EXT_LEGACY_SET_TIMER, 0x00, "§5.1"),
		PIN(SBI_EXT_LEGACY_PUTCHAR, 0x01, "§5.2"),
		PIN(SBI_EXT_LEGACY_GETCHAR, 0x02, "§5.3"),
		PIN(SBI_EXT_LEGACY_SHUTDOWN, 0x08, "§5.8"),
		PIN(SBI_EXT_BASE, 0x10, "§4"),
		PIN(SBI_EXT_TIME, 0x54494D45, "§6"),
		PIN(SBI_EXT_IPI, 0x735049, "§7"),
		PIN(SBI_EXT_RFENCE, 0x52464E43, "§8"),
		PIN(SBI_EXT_HSM, 0x48534D, "§9"),
		PIN(SBI_EXT_SRST, 0x53525354, "§10"),
		PIN(SBI_EXT_PMU, 0x504D55, "§11"),
		PIN(SBI_EXT_DBCN, 0x4442434E, "§12"),
		PIN(SBI_EXT_SUSP, 0x53555350, "§13"),
		PIN(SBI_EXT_CPPC, 0x43505043, "§14"),
		PIN(SBI_EXT_NACL, 0x4E41434C, "§15"),
		PIN(SBI_EXT_STA, 0x535441, "§16"),
		PIN(SBI_EXT_SSE, 0x535345, "§17"),
		PIN(SBI_EXT_FWFT, 0x46574654, "§18"),
		PIN(SBI_EXT_DBTR, 0x44425452, "§19"),
		PIN(SBI_EXT_MPXY, 0x4D505859, "§20"),
	};
	CHECK(pins);
	/* The spec's names: "sPI" (IPI) and "RFNC" (RFENCE) are the odd ones. */
	const struct pin by_name[] = {
		PIN(SBI_EXT_TIME, eid("TIME"), "§6"), PIN(SBI_EXT_IPI, eid("sPI"), "§7"),
		PIN(SBI_EXT_RFENCE, eid("RFNC"), "§8"), PIN(SBI_EXT_HSM, eid("HSM"), "§9"),
		PIN(SBI_EXT_SRST, eid("SRST"), "§10"), PIN(SBI_EXT_PMU, eid("PMU"), "§11"),
		PIN(SBI_EXT_DBCN, eid("DBCN"), "§12"), PIN(SBI_EXT_SUSP, eid("SUSP"), "§13"),
		PIN(SBI_EXT_CPPC, eid("CPPC"), "§14"), PIN(SBI_EXT_NACL, eid("NACL"), "§15"),
		PIN(SBI_EXT_STA, eid("STA"), "§16"), PIN(SBI_EXT_SSE, eid("SSE"), "§17"),
		PIN(SBI_EXT_FWFT, eid("FWFT"), "§18"), PIN(SBI_EXT_DBTR, eid("DBTR"), "§19"),
		PIN(SBI_EXT_MPXY, eid("MPXY"), "§20"),
	};
	CHECK(by_name);
}

static void test_function_ids(void **state)
{
	const struct pin pins[] = {
		PIN(SBI_BASE_GET_SPEC_VERSION, 0, "§4.1"),
		PIN(SBI_BASE_GET_IMPL_ID, 1, "§4.2"),
		PIN(SBI_BASE_GET_IMPL_VERSION, 2, "§4.3"),
		PIN(SBI_BASE_PROBE_EXT, 3, "§4.4"),
		PIN(SBI_BASE_GET_MVENDORID, 4, "§4.5"),
		PIN(SBI_BASE_GET_MARCHID, 5, "§4.6"),
		PIN(SBI_BASE_GET_MIMPID, 6, "§4.7"),
		PIN(SBI_HSM_HART_START, 0, "§9.1"),
		PIN(SBI_HSM_HART_STOP, 1, "§9.2"),
		PIN(SBI_HSM_HART_STATUS, 2, "§9.3"),
		PIN(SBI_HSM_HART_SUSPEND, 3, "§9.4"),
		PIN(SBI_DBCN_WRITE, 0, "§12.1"),
		PIN(SBI_DBCN_READ, 1, "§12.2"),
		PIN(SBI_DBCN_WRITE_BYTE, 2, "§12.3"),
		PIN(SBI_FWFT_SET, 0, "§18.1"),
		PIN(SBI_FWFT_GET, 1, "§18.2"),
		PIN(SBI_DBTR_NUM_TRIGGERS, 0, "§19.1"),
		PIN(SBI_DBTR_SET_SHMEM, 1, "§19.2"),
		PIN(SBI_DBTR_READ_TRIGGERS, 2, "§19.3"),
		PIN(SBI_DBTR_INSTALL_TRIGGERS, 3, "§19.4"),
		PIN(SBI_DBTR_UPDATE_TRIGGERS, 4, "§19.5"),
		PIN(SBI_DBTR_UNINSTALL_TRIGGERS, 5, "§19.6"),
		PIN(SBI_DBTR_ENABLE_TRIGGERS, 6, "§19.7"),
		PIN(SBI_DBTR_DISABLE_TRIGGERS, 7, "§19.8"),
		PIN(SBI_DBTR_TS_MAPPED, 1 << 0, "§19 table Debug Trigger State Fields"),
		PIN(SBI_DBTR_TS_U, 1 << 1, "§19"),
		PIN(SBI_DBTR_TS_S, 1 << 2, "§19"),
		PIN(SBI_DBTR_TS_VU, 1 << 3, "§19"),
		PIN(SBI_DBTR_TS_VS, 1 << 4, "§19"),
		PIN(SBI_DBTR_TS_HAVE_HW_TRIG, 1 << 5, "§19"),
		PIN(SBI_DBTR_ENTRY_SIZE, 64 / 2, "§19.3 (offset = i * (XLEN / 2))"),
	};
	CHECK(pins);
}

static void test_error_codes(void **state)
{
	const struct pin pins[] = {
		PIN(SBI_SUCCESS, 0, "§3 table Standard SBI Errors"),
		PIN(SBI_ERR_FAILED, -1, "§3"),
		PIN(SBI_ERR_NOT_SUPPORTED, -2, "§3"),
		PIN(SBI_ERR_INVALID_PARAM, -3, "§3"),
		PIN(SBI_ERR_DENIED, -4, "§3"),
		PIN(SBI_ERR_INVALID_ADDRESS, -5, "§3"),
		PIN(SBI_ERR_ALREADY_AVAILABLE, -6, "§3"),
		PIN(SBI_ERR_ALREADY_STARTED, -7, "§3"),
		PIN(SBI_ERR_ALREADY_STOPPED, -8, "§3"),
		PIN(SBI_ERR_NO_SHMEM, -9, "§3"),
		PIN(SBI_ERR_INVALID_STATE, -10, "§3"),
		PIN(SBI_ERR_BAD_RANGE, -11, "§3"),
		PIN(SBI_ERR_TIMEOUT, -12, "§3"),
		PIN(SBI_ERR_IO, -13, "§3"),
		PIN(SBI_ERR_DENIED_LOCKED, -14, "§3"),
	};
	CHECK(pins);
}

static void test_hsm_and_srst(void **state)
{
	const struct pin pins[] = {
		PIN(SBI_HSM_STARTED, 0, "§9 table HSM Hart States"),
		PIN(SBI_HSM_STOPPED, 1, "§9"),
		PIN(SBI_HSM_START_PENDING, 2, "§9"),
		PIN(SBI_HSM_STOP_PENDING, 3, "§9"),
		PIN(SBI_HSM_SUSPENDED, 4, "§9"),
		PIN(SBI_HSM_SUSPEND_PENDING, 5, "§9"),
		PIN(SBI_HSM_RESUME_PENDING, 6, "§9"),
		PIN(SBI_HSM_SUSPEND_RETENTIVE, 0x00000000, "§9.4 table HSM Hart Suspend Types"),
		PIN(SBI_HSM_SUSPEND_NON_RETENTIVE, 0x80000000, "§9.4"),
		PIN(SBI_SRST_TYPE_SHUTDOWN, 0, "§10.1 table SRST System Reset Types"),
		PIN(SBI_SRST_TYPE_COLD_REBOOT, 1, "§10.1"),
		PIN(SBI_SRST_TYPE_WARM_REBOOT, 2, "§10.1"),
		PIN(SBI_SRST_REASON_NONE, 0, "§10.1 table SRST System Reset Reasons"),
		PIN(SBI_SRST_REASON_FAILURE, 1, "§10.1"),
	};
	CHECK(pins);
}

static void test_fwft(void **state)
{
	const struct pin pins[] = {
		PIN(SBI_FWFT_MISALIGNED_EXC_DELEG, 0x00000000, "§18 table FWFT Feature Types"),
		PIN(SBI_FWFT_LANDING_PAD, 0x00000001, "§18"),
		PIN(SBI_FWFT_SHADOW_STACK, 0x00000002, "§18"),
		PIN(SBI_FWFT_DOUBLE_TRAP, 0x00000003, "§18"),
		PIN(SBI_FWFT_PTE_AD_HW_UPDATING, 0x00000004, "§18"),
		PIN(SBI_FWFT_POINTER_MASKING_PMLEN, 0x00000005, "§18"),
		PIN(SBI_FWFT_NR_FEATURES, 0x00000006, "§18 (first reserved local id)"),
		PIN(SBI_FWFT_PLATFORM_BIT, 0x40000000, "§18 (platform-specific local ids start)"),
		PIN(SBI_FWFT_GLOBAL_BIT, 0x80000000, "§18 (global ids start)"),
		PIN(SBI_FWFT_SET_FLAG_LOCK, 1, "§18.1 table FWFT Firmware Features Set Flags, BIT[0]"),
	};
	CHECK(pins);
}

static void test_base_values(void **state)
{
	const struct pin pins[] = {
		/* §4.1: minor number in bits 23:0, major in bits 30:24. */
		PIN(SBI_SPEC_VERSION_3_0, 3L << 24, "§4.1"),
		PIN(SBI_IMPL_OPENSBI, 1, "§4.9 table SBI Implementation IDs"),
	};
	CHECK(pins);
	/* testvisor's own id must not be a registered one (§4.9 lists 0 to 11). */
	assert_true(SBI_IMPL_TESTVISOR > 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extension_ids),
		cmocka_unit_test(test_function_ids),
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_hsm_and_srst),
		cmocka_unit_test(test_fwft),
		cmocka_unit_test(test_base_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
