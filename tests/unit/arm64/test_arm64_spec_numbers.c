/* The PSCI and SMCCC numbers testvisor implements (arch/arm64/include/arm64/smccc.h) and
 * the ones the payloads call with (guest/lib/arm64/psci_ids.h), pinned to the numbers of
 * the specifications, written here: Arm DEN0022 (PSCI) function identifiers and return
 * codes, Arm DEN0028 (SMCCC) identifiers and the layout of a UID in w0..w3. A wrong
 * constant in either header fails here rather than agreeing with itself at run time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arm64/smccc.h>
#include "psci_ids.h"

/* DEN0022: function IDs are 0x84000000 + n (SMC32); the SMC64 form sets bit 30. */
#define PSCI32(n) (0x84000000u + (n))

static void psci_function_ids(void **state)
{
	/* testvisor */
	assert_int_equal(PSCI_FN_VERSION, PSCI32(0x00));
	assert_int_equal(PSCI_FN_CPU_SUSPEND, PSCI32(0x01));
	assert_int_equal(PSCI_FN_CPU_OFF, PSCI32(0x02));
	assert_int_equal(PSCI_FN_CPU_ON, PSCI32(0x03));
	assert_int_equal(PSCI_FN_AFFINITY_INFO, PSCI32(0x04));
	assert_int_equal(PSCI_FN_MIGRATE, PSCI32(0x05));
	assert_int_equal(PSCI_FN_MIGRATE_INFO_TYPE, PSCI32(0x06));
	assert_int_equal(PSCI_FN_MIGRATE_INFO_UP_CPU, PSCI32(0x07));
	assert_int_equal(PSCI_FN_SYSTEM_OFF, PSCI32(0x08));
	assert_int_equal(PSCI_FN_SYSTEM_RESET, PSCI32(0x09));
	assert_int_equal(PSCI_FN_FEATURES, PSCI32(0x0a));
	assert_int_equal(PSCI_FN_SYSTEM_RESET2, PSCI32(0x12));
	assert_int_equal(PSCI_FN_SYSTEM_OFF2, PSCI32(0x15));
	assert_int_equal(SMCCC_FN64, 0x40000000u);
	/* payloads */
	assert_int_equal(PSCI_VERSION, PSCI32(0x00));
	assert_int_equal(PSCI_CPU_SUSPEND, PSCI32(0x01));
	assert_int_equal(PSCI_CPU_OFF, PSCI32(0x02));
	assert_int_equal(PSCI_CPU_ON, PSCI32(0x03));
	assert_int_equal(PSCI_AFFINITY_INFO, PSCI32(0x04));
	assert_int_equal(PSCI_MIGRATE, PSCI32(0x05));
	assert_int_equal(PSCI_MIGRATE_INFO_TYPE, PSCI32(0x06));
	assert_int_equal(PSCI_MIGRATE_INFO_UP_CPU, PSCI32(0x07));
	assert_int_equal(PSCI_SYSTEM_OFF, PSCI32(0x08));
	assert_int_equal(PSCI_SYSTEM_RESET, PSCI32(0x09));
	assert_int_equal(PSCI_FEATURES, PSCI32(0x0a));
	assert_int_equal(PSCI_CPU_FREEZE, PSCI32(0x0b));
	assert_int_equal(PSCI_CPU_DEFAULT_SUSPEND, PSCI32(0x0c));
	assert_int_equal(PSCI_NODE_HW_STATE, PSCI32(0x0d));
	assert_int_equal(PSCI_SYSTEM_SUSPEND, PSCI32(0x0e));
	assert_int_equal(PSCI_SET_SUSPEND_MODE, PSCI32(0x0f));
	assert_int_equal(PSCI_STAT_RESIDENCY, PSCI32(0x10));
	assert_int_equal(PSCI_STAT_COUNT, PSCI32(0x11));
	assert_int_equal(PSCI_SYSTEM_RESET2, PSCI32(0x12));
	assert_int_equal(PSCI_MEM_PROTECT, PSCI32(0x13));
	assert_int_equal(PSCI_MEM_PROTECT_CHECK_RANGE, PSCI32(0x14));
	assert_int_equal(PSCI_SYSTEM_OFF2, PSCI32(0x15));
	assert_int_equal(FN64, 0x40000000u);
}

/* DEN0022 return codes; the version is (major << 16) | minor. */
static void psci_return_codes(void **state)
{
	assert_int_equal(PSCI_SUCCESS, 0);
	assert_int_equal(PSCI_NOT_SUPPORTED, -1);
	assert_int_equal(PSCI_INVALID_PARAMETERS, -2);
	assert_int_equal(PSCI_DENIED, -3);
	assert_int_equal(PSCI_ALREADY_ON, -4);
	assert_int_equal(PSCI_ON_PENDING, -5);
	assert_int_equal(PSCI_INTERNAL_FAILURE, -6);
	assert_int_equal(PSCI_INVALID_ADDRESS, -9);
	assert_int_equal(PSCI_VERSION_OF(1, 3), 0x10003);
	assert_int_equal(PSCI_RET_SUCCESS, 0);
	assert_int_equal(PSCI_RET_NOT_SUPPORTED, -1);
	assert_int_equal(PSCI_RET_INVALID_PARAMETERS, -2);
	assert_int_equal(PSCI_RET_DENIED, -3);
	assert_int_equal(PSCI_RET_ALREADY_ON, -4);
	assert_int_equal(V(0, 2), 0x2);
	assert_int_equal(V(1, 1), 0x10001);
}

/* DEN0028: Arm Architecture Calls (owner 0) SMCCC_VERSION 0x80000000, SMCCC_ARCH_FEATURES
 * 0x80000001, SMCCC_ARCH_WORKAROUND_1/2/3 0x80008000/0x80007fff/0x80003fff; the general
 * queries of the Vendor Specific Hypervisor Service (owner 6): Call UID 0x8600ff01,
 * Revision 0x8600ff03; NOT_SUPPORTED -1; version 1.1 = 0x10001. */
static void smccc_ids(void **state)
{
	assert_int_equal(SMCCC_FN_VERSION, 0x80000000u);
	assert_int_equal(SMCCC_FN_ARCH_FEATURES, 0x80000001u);
	assert_int_equal(SMCCC_FN_ARCH_WORKAROUND_1, 0x80008000u);
	assert_int_equal(SMCCC_FN_ARCH_WORKAROUND_2, 0x80007fffu);
	assert_int_equal(SMCCC_FN_ARCH_WORKAROUND_3, 0x80003fffu);
	assert_int_equal(SMCCC_FN_VENDOR_HYP_CALL_UID, 0x86000000u | 0xff01u);
	assert_int_equal(SMCCC_FN_VENDOR_HYP_REVISION, 0x86000000u | 0xff03u);
	assert_int_equal(SMCCC_NOT_SUPPORTED, -1);
	assert_int_equal(SMCCC_VERSION_1_1, 0x10001u);
	assert_int_equal(SMCCC_VERSION, 0x80000000u);
	assert_int_equal(SMCCC_ARCH_FEATURES, 0x80000001u);
	assert_int_equal(SMCCC_ARCH_WORKAROUND_1, 0x80008000u);
	assert_int_equal(SMCCC_VENDOR_HYP_UID, 0x8600ff01u);
}

/* DEN0028 returns a UID in w0..w3 as its bytes in order, four to a register, each word
 * little-endian (KVM's 28b46fb6-2ec5-11e9-a9ca-4b564d003a74 comes back as w0 = 0xb66fb428).
 * testvisor's UUID 7e57b15a-0a64-4c3e-9d6f-74657374766d, byte by byte: */
static void uuid_layout(void **state)
{
	static const uint8_t kvm[16] = { 0x28, 0xb4, 0x6f, 0xb6, 0x2e, 0xc5, 0x11, 0xe9,
					 0xa9, 0xca, 0x4b, 0x56, 0x4d, 0x00, 0x3a, 0x74 };
	static const uint8_t tv[16] = { 0x7e, 0x57, 0xb1, 0x5a, 0x0a, 0x64, 0x4c, 0x3e,
					0x9d, 0x6f, 0x74, 0x65, 0x73, 0x74, 0x76, 0x6d };
	uint32_t w[4];
	for (unsigned i = 0; i < 4; i++)
		w[i] = (uint32_t)kvm[4 * i] | (uint32_t)kvm[4 * i + 1] << 8 |
		       (uint32_t)kvm[4 * i + 2] << 16 | (uint32_t)kvm[4 * i + 3] << 24;
	assert_int_equal(w[0], 0xb66fb428u); /* the rule reproduces KVM's published answer */
	for (unsigned i = 0; i < 4; i++)
		w[i] = (uint32_t)tv[4 * i] | (uint32_t)tv[4 * i + 1] << 8 |
		       (uint32_t)tv[4 * i + 2] << 16 | (uint32_t)tv[4 * i + 3] << 24;
	assert_int_equal(TESTVISOR_UUID_W0, w[0]);
	assert_int_equal(TESTVISOR_UUID_W1, w[1]);
	assert_int_equal(TESTVISOR_UUID_W2, w[2]);
	assert_int_equal(TESTVISOR_UUID_W3, w[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(psci_function_ids),
		cmocka_unit_test(psci_return_codes),
		cmocka_unit_test(smccc_ids),
		cmocka_unit_test(uuid_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
