/* testvisor's use of its firmware's SBI DBTR (arch/riscv/dbtr_fw.c) against a fake
 * firmware that allocates the lowest free trigger, as OpenSBI does, and either writes the
 * index into word 0 of the entry (SBI v3.0 §19.4) or, as OpenSBI 1.5 does, leaves it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <rv_dbtr.h>
#include <rv_host.h>
#include <sbi_defs.h>

static bool fw_mapped[2], fw_enabled[2];
static bool writes_index;
static uint64_t *fw_shmem;

struct rv_sbiret rv_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			     unsigned long a1, unsigned long a2)
{
	if (ext == SBI_EXT_BASE && fid == SBI_BASE_PROBE_EXT)
		return (struct rv_sbiret){ 0, a0 == SBI_EXT_DBTR };
	assert_int_equal(ext, SBI_EXT_DBTR);
	switch (fid) {
	case SBI_DBTR_NUM_TRIGGERS:
		return (struct rv_sbiret){ 0, 2 };
	case SBI_DBTR_SET_SHMEM:
		fw_shmem = (uint64_t *)a0;
		return (struct rv_sbiret){ 0, 0 };
	case SBI_DBTR_INSTALL_TRIGGERS:
		assert_int_equal(a0, 1);
		for (unsigned i = 0; i < 2; i++)
			if (!fw_mapped[i]) {
				fw_mapped[i] = fw_enabled[i] = true;
				if (writes_index)
					fw_shmem[0] = i;
				return (struct rv_sbiret){ 0, 0 };
			}
		return (struct rv_sbiret){ SBI_ERR_FAILED, 0 };
	case SBI_DBTR_DISABLE_TRIGGERS:
		assert_int_equal(a1, 1);
		assert_true(a0 < 2 && fw_mapped[a0]);
		fw_enabled[a0] = false;
		return (struct rv_sbiret){ 0, 0 };
	case SBI_DBTR_UNINSTALL_TRIGGERS:
		assert_int_equal(a1, 1);
		assert_true(a0 < 2 && fw_mapped[a0]);
		/* Disabled before: QEMU 10 keeps an uninstalled trigger's modes (dbtr_fw.c). */
		assert_false(fw_enabled[a0]);
		fw_mapped[a0] = false;
		return (struct rv_sbiret){ 0, 0 };
	}
	fail();
	return (struct rv_sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
}

static void install_uninstall(void)
{
	unsigned a, b, c;
	assert_int_equal(rv_fw_dbtr_install(1, 0x1000, &a), 0);
	assert_int_equal(rv_fw_dbtr_install(1, 0x2000, &b), 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(rv_fw_dbtr_install(1, 0x3000, &c), SBI_ERR_FAILED);
	rv_fw_dbtr_uninstall(a);
	assert_int_equal(rv_fw_dbtr_install(1, 0x3000, &c), 0);
	assert_int_equal(c, 0);
	rv_fw_dbtr_uninstall(b);
	rv_fw_dbtr_uninstall(c);
	assert_false(fw_mapped[0] || fw_mapped[1]);
}

/* Each index testvisor records is the one the firmware gave, with or without write-back
 * (before: every trigger was recorded as index 0 on OpenSBI 1.5). */
static void test_indexes(void **state)
{
	assert_true(rv_fw_dbtr_ready());
	assert_int_equal(rv_fw_dbtr_count(), 2);
	writes_index = false;
	install_uninstall();
	writes_index = true;
	install_uninstall();
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_indexes) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
