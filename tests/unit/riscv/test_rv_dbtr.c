/* The SBI DBTR testvisor gives guests (arch/riscv/sbi_dbtr.c, dbtr_guest.c; SBI v3.0 §19)
 * against a fake firmware with QEMU's two mcontrol6 triggers: what a guest may install,
 * its S/U mapped onto VS/VU for the firmware, the index written back, read_triggers,
 * update/enable/disable/uninstall, the shared-memory errors, and that a vCPU's triggers
 * are on the firmware only while it is on the hart (none of another vCPU's, none of
 * break='s, none after the VM). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>
#include <rv_dbtr.h>
#include <rv_sbi.h>
#include <rv_virt.h>
#include <sbi_defs.h>

/* ---- Fake firmware: FW_TRIGGERS triggers, the lowest free index first (as OpenSBI). */
#define FW_TRIGGERS 2
static struct { bool used; uint64_t tdata1, tdata2; } fw[FW_TRIGGERS];
static unsigned fw_count = FW_TRIGGERS;

unsigned rv_fw_dbtr_count(void) { return fw_count; }
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx)
{
	for (unsigned i = 0; i < FW_TRIGGERS; i++)
		if (!fw[i].used) {
			fw[i].used = true;
			fw[i].tdata1 = tdata1;
			fw[i].tdata2 = tdata2;
			*idx = i;
			return SBI_SUCCESS;
		}
	return SBI_ERR_FAILED;
}
void rv_fw_dbtr_uninstall(unsigned idx)
{
	assert_true(idx < FW_TRIGGERS && fw[idx].used);
	fw[idx].used = false;
}
static unsigned fw_used(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < FW_TRIGGERS; i++)
		n += fw[i].used;
	return n;
}

/* ---- Fake VM: 8 KiB of guest RAM at its base. */
struct vcpu *rv_loaded_vcpu;
static struct vm vm;
static unsigned failures;
void vm_fail(struct vm *v, const char *fmt, ...) { failures++; }
static uint64_t guest_ram[1024] __attribute__((aligned(64)));
#define RAM ARCH_GUEST_RAM_BASE
bool vm_ipa_to_pa(const struct vm *v, ipaddr_t ipa, size_t len, paddr_t *pa)
{
	uint64_t off = ipa_addr(ipa) - RAM;
	if (ipa_addr(ipa) < RAM || off > sizeof(guest_ram) || len > sizeof(guest_ram) - off)
		return false;
	*pa = pa_from_ptr((char *)guest_ram + off);
	return true;
}
/* Shared-memory entry i of the guest, its shmem at RAM + 0x100. */
#define SHMEM (RAM + 0x100)
static uint64_t *entry(unsigned i) { return &guest_ram[0x100 / 8 + 4 * i]; }

struct ret { long error; unsigned long value; };
static struct ret dbtr_on(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			  unsigned long a2)
{
	struct sbi_call c = { SBI_EXT_DBTR, fid, { a0, a1, a2 } };
	struct sbi_result r = sbi_ext_dbtr.handler(v, &c);
	return (struct ret){ r.error, r.value };
}
static struct ret dbtr(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	return dbtr_on(&vm.vcpus[0], fid, a0, a1, a2);
}

/* mcontrol6 execute trigger in the guest's S-mode (debug spec 5.7.17). */
#define EXEC_S (MC6_TYPE << MC6_TYPE_SHIFT | MC6_S | MC6_EXECUTE)
static void put(unsigned i, uint64_t word0, uint64_t tdata1, uint64_t tdata2, uint64_t tdata3)
{
	uint64_t *e = entry(i);
	e[0] = word0, e[1] = tdata1, e[2] = tdata2, e[3] = tdata3;
}

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	memset(fw, 0, sizeof(fw));
	memset(guest_ram, 0, sizeof(guest_ram));
	fw_count = FW_TRIGGERS;
	failures = 0;
	vm.nr_vcpus = 2;
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
	}
	rv_loaded_vcpu = &vm.vcpus[0];
	return 0;
}

/* Which configurations a guest may install (§19: dmode and m zero; mcontrol6 only). */
static void test_check(void **state)
{
	assert_int_equal(rv_dbtr_check(EXEC_S, 0), SBI_SUCCESS);
	assert_int_equal(rv_dbtr_check(EXEC_S | MC6_VS | MC6_VU | MC6_HIT0, 0), SBI_SUCCESS);
	assert_int_equal(rv_dbtr_check(EXEC_S | MC6_M, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(rv_dbtr_check(EXEC_S | MC6_DMODE, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(rv_dbtr_check(EXEC_S | 1ull << 40, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(rv_dbtr_check(EXEC_S | 1ull << 19, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(rv_dbtr_check(EXEC_S | MC6_CHAIN, 0), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(rv_dbtr_check(EXEC_S | 1ull << 12, 0), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(rv_dbtr_check(EXEC_S, 1), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(rv_dbtr_check(2ull << 60 | MC6_S | MC6_EXECUTE, 0), SBI_ERR_FAILED);
	assert_int_equal(rv_dbtr_check(0, 0), SBI_ERR_FAILED);
}

/* The guest's S and U are the hart's VS and VU; the firmware never gets S, U or M. */
static void test_mode_mapping(void **state)
{
	uint64_t base = MC6_TYPE << MC6_TYPE_SHIFT | MC6_EXECUTE;
	assert_int_equal(rv_dbtr_host_tdata1(base | MC6_S, true), base | MC6_VS);
	assert_int_equal(rv_dbtr_host_tdata1(base | MC6_U, true), base | MC6_VU);
	assert_int_equal(rv_dbtr_host_tdata1(base | MC6_S | MC6_U, true), base | MC6_VS | MC6_VU);
	assert_int_equal(rv_dbtr_host_tdata1(base | MC6_S | MC6_U, false), base);
	assert_int_equal(rv_dbtr_host_tdata1(base | MC6_VS | MC6_VU, true), base);
	assert_int_equal(rv_dbtr_guest_tdata1(base | MC6_S | MC6_VS | MC6_HIT1), base | MC6_S);
}

static void test_ranges_and_sets(void **state)
{
	assert_int_equal(rv_dbtr_guest_max(2, 0), 2);
	assert_int_equal(rv_dbtr_guest_max(2, 1), 1);
	assert_int_equal(rv_dbtr_guest_max(2, 3), 0);
	assert_int_equal(rv_dbtr_guest_max(100, 0), RV_DBTR_GUEST_MAX);
	assert_true(rv_dbtr_range_ok(0, 2, 2));
	assert_true(rv_dbtr_range_ok(1, 1, 2));
	assert_true(rv_dbtr_range_ok(1, 0, 2));
	assert_false(rv_dbtr_range_ok(2, 0, 2));
	assert_false(rv_dbtr_range_ok(1, 2, 2));
	assert_false(rv_dbtr_range_ok(1, ~0UL, 2));
	struct rv_dbtr_state s = { 0 };
	s.trig[1].installed = true;
	assert_true(rv_dbtr_set_ok(&s, 2, 1, 1));
	assert_true(rv_dbtr_set_ok(&s, 2, 0, 2));
	assert_true(rv_dbtr_set_ok(&s, 2, 0, 0));
	assert_false(rv_dbtr_set_ok(&s, 2, 0, 1));       /* 0 never installed */
	assert_false(rv_dbtr_set_ok(&s, 2, 1, 3));       /* 2 is past trig_max */
	assert_false(rv_dbtr_set_ok(&s, 2, ~0UL, 1));
	assert_false(rv_dbtr_set_ok(&s, 2, ~0UL, 1UL << 2)); /* base + i wraps to 1 */
}

/* §19.2 and §3.2: flags, alignment, the range in guest RAM; -1/-1 disables. */
static void test_shmem(void **state)
{
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, SBI_ERR_NO_SHMEM);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, SBI_ERR_NO_SHMEM);
	assert_int_equal(dbtr(SBI_DBTR_UPDATE_TRIGGERS, 1, 0, 0).error, SBI_ERR_NO_SHMEM);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 1).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM + 4, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 1, 0).error, SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, 0x1000, 0, 0).error, SBI_ERR_INVALID_ADDRESS);
	/* Two entries of 32 bytes must fit: 32 bytes before the end of RAM do not. */
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, RAM + sizeof(guest_ram) - 32, 0, 0).error,
			 SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, RAM + sizeof(guest_ram) - 64, 0, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, ~0UL, ~0UL, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, SBI_ERR_NO_SHMEM);
	/* Per vCPU: vCPU 1 never set one. */
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	assert_int_equal(dbtr_on(&vm.vcpus[1], SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, SBI_ERR_NO_SHMEM);
}

static void test_num_triggers(void **state)
{
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, 0, 0, 0).value, 2);
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, EXEC_S, 0, 0).value, 2);
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, 2ull << 60, 0, 0).value, 0);
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, 3ull << 60, 0, 0).value, 0);
	vm.arch.triggers = 1; /* break= holds one */
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, 0, 0, 0).value, 1);
	assert_int_equal(dbtr(99, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
}

/* §19.4, §19.3, §19.6: the index comes back in word 0; the firmware gets VS, not S. */
static void test_install_read_uninstall(void **state)
{
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	put(0, 0x55, EXEC_S | MC6_VS, 0x80201234, 0);
	struct ret r = dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.value, 0);
	assert_int_equal(entry(0)[0], 0);
	assert_int_equal(fw_used(), 1);
	assert_int_equal(fw[0].tdata1, (MC6_TYPE << MC6_TYPE_SHIFT) | MC6_VS | MC6_EXECUTE);
	assert_int_equal(fw[0].tdata2, 0x80201234);
	/* A second one gets index 1. */
	put(0, 0, EXEC_S | MC6_U, 0x80205678, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	assert_int_equal(entry(0)[0], 1);
	assert_int_equal(fw[1].tdata1, (MC6_TYPE << MC6_TYPE_SHIFT) | MC6_VS | MC6_VU | MC6_EXECUTE);
	/* read_triggers: state (mapped, s[, u] copies, no hardware index), tdata1 as the guest
	 * installed it (VS dropped: its hart has no H), tdata2, tdata3 0. */
	memset(entry(0), 0xee, 64);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 2, 0).error, 0);
	assert_int_equal(entry(0)[0], SBI_DBTR_TS_MAPPED | SBI_DBTR_TS_S);
	assert_int_equal(entry(0)[1], EXEC_S);
	assert_int_equal(entry(0)[2], 0x80201234);
	assert_int_equal(entry(0)[3], 0);
	assert_int_equal(entry(1)[0], SBI_DBTR_TS_MAPPED | SBI_DBTR_TS_S | SBI_DBTR_TS_U);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 1, 2, 0).error, SBI_ERR_BAD_RANGE);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 2, 0, 0).error, SBI_ERR_BAD_RANGE);
	/* Full: a third fails at entry 0. */
	r = dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0);
	assert_int_equal(r.error, SBI_ERR_FAILED);
	assert_int_equal(r.value, 0);
	/* Uninstall index 0 (base 0, mask 1), then again: INVALID_PARAM. */
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 0, 1, 0).error, 0);
	assert_false(fw[0].used);
	assert_true(fw[1].used);
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 0, 1, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(entry(0)[0], 0);
	assert_int_equal(entry(0)[1], 0);
	/* A set naming index 0 (gone) and 1: refused as a whole, 1 stays. */
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 0, 3, 0).error, SBI_ERR_INVALID_PARAM);
	assert_true(fw[1].used);
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 1, 1, 0).error, 0);
	assert_int_equal(fw_used(), 0);
}

/* Every entry is checked before any is installed; value = the failing entry. */
static void test_install_errors(void **state)
{
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 3, 0, 0).error, SBI_ERR_BAD_RANGE);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 0, 0, 0).error, 0);
	put(0, 0, EXEC_S, 0x1000, 0);
	put(1, 0, EXEC_S | MC6_M, 0x2000, 0);
	struct ret r = dbtr(SBI_DBTR_INSTALL_TRIGGERS, 2, 0, 0);
	assert_int_equal(r.error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(r.value, 1);
	assert_int_equal(fw_used(), 0);
	put(1, 0, EXEC_S | MC6_CHAIN, 0x2000, 0);
	r = dbtr(SBI_DBTR_INSTALL_TRIGGERS, 2, 0, 0);
	assert_int_equal(r.error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(r.value, 1);
	put(1, 0, EXEC_S | MC6_U, 0x2000, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 2, 0, 0).error, 0);
	assert_int_equal(entry(0)[0], 0);
	assert_int_equal(entry(1)[0], 1);
	assert_int_equal(fw_used(), 2);
}

/* §19.5 update (idx in word 0), §19.7/§19.8 enable/disable. */
static void test_update_enable_disable(void **state)
{
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	put(0, 0, EXEC_S, 0x1000, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	put(0, 0, EXEC_S, 0x3000, 0);
	assert_int_equal(dbtr(SBI_DBTR_UPDATE_TRIGGERS, 1, 0, 0).error, 0);
	assert_int_equal(fw_used(), 1);
	assert_int_equal(fw[0].tdata2, 0x3000);
	put(0, 1, EXEC_S, 0x3000, 0);
	struct ret r = dbtr(SBI_DBTR_UPDATE_TRIGGERS, 1, 0, 0);
	assert_int_equal(r.error, SBI_ERR_FAILED);    /* index 1 is not installed */
	put(0, 7, EXEC_S, 0x3000, 0);
	assert_int_equal(dbtr(SBI_DBTR_UPDATE_TRIGGERS, 1, 0, 0).error, SBI_ERR_INVALID_PARAM);
	put(0, 0, EXEC_S | MC6_M, 0x4000, 0);
	assert_int_equal(dbtr(SBI_DBTR_UPDATE_TRIGGERS, 1, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(fw[0].tdata2, 0x3000);
	/* Disable: the firmware trigger has no mode left; the state keeps the copy of s. */
	assert_int_equal(dbtr(SBI_DBTR_DISABLE_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(fw[0].tdata1 & (MC6_VS | MC6_VU | MC6_S | MC6_U | MC6_M), 0);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(entry(0)[0], SBI_DBTR_TS_MAPPED | SBI_DBTR_TS_S);
	assert_int_equal(entry(0)[1], EXEC_S & ~MC6_S);
	assert_int_equal(dbtr(SBI_DBTR_ENABLE_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(fw[0].tdata1 & (MC6_VS | MC6_S), MC6_VS);
	assert_int_equal(dbtr(SBI_DBTR_ENABLE_TRIGGERS, 1, 1, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(dbtr(SBI_DBTR_DISABLE_TRIGGERS, 0, 2, 0).error, SBI_ERR_INVALID_PARAM);
}

/* A vCPU's triggers are on the firmware only while it is on the hart; break= triggers
 * are never the guest's; a reset and the VM's end leave nothing behind. */
static void test_vcpus_and_lifetime(void **state)
{
	struct vcpu *v0 = &vm.vcpus[0], *v1 = &vm.vcpus[1];
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	put(0, 0, EXEC_S, 0x1000, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	/* vCPU 1 goes on the hart. */
	rv_dbtr_unload(v0);
	rv_loaded_vcpu = v1;
	rv_dbtr_load(v1);
	assert_int_equal(fw_used(), 0);
	assert_int_equal(dbtr_on(v1, SBI_DBTR_UNINSTALL_TRIGGERS, 0, 1, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(dbtr_on(v1, SBI_DBTR_SET_SHMEM, SHMEM + 0x100, 0, 0).error, 0);
	guest_ram[0x200 / 8 + 1] = EXEC_S | MC6_U;
	guest_ram[0x200 / 8 + 2] = 0x2000;
	assert_int_equal(dbtr_on(v1, SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	assert_int_equal(guest_ram[0x200 / 8], 0);   /* its own index 0 */
	assert_int_equal(fw[0].tdata2, 0x2000);
	/* Back to vCPU 0: its trigger again, as it was. */
	rv_dbtr_unload(v1);
	rv_loaded_vcpu = v0;
	rv_dbtr_load(v0);
	assert_int_equal(fw_used(), 1);
	assert_int_equal(fw[0].tdata2, 0x1000);
	assert_int_equal(fw[0].tdata1 & (MC6_VS | MC6_VU), MC6_VS);
	assert_int_equal(failures, 0);
	/* A reset (HSM start) clears triggers and shared memory. */
	rv_dbtr_reset(v0);
	assert_int_equal(fw_used(), 0);
	assert_int_equal(dbtr(SBI_DBTR_READ_TRIGGERS, 0, 1, 0).error, SBI_ERR_NO_SHMEM);
	/* The VM's end (arch_vm_destroy unloads every vCPU). */
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	put(0, 0, EXEC_S, 0x1000, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	rv_dbtr_unload(v0);
	rv_dbtr_unload(v1);
	assert_int_equal(fw_used(), 0);
}

/* break= holds one of the two: the guest has one, and cannot reach the other. */
static void test_break_triggers_hidden(void **state)
{
	unsigned idx;
	assert_int_equal(rv_fw_dbtr_install(0x1, 0x9000, &idx), 0); /* break='s, index 0 */
	vm.arch.triggers = 1;
	assert_int_equal(dbtr(SBI_DBTR_SET_SHMEM, SHMEM, 0, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_NUM_TRIGGERS, 0, 0, 0).value, 1);
	put(0, 0, EXEC_S, 0x1000, 0);
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0).error, 0);
	assert_int_equal(entry(0)[0], 0);      /* the guest's index 0 ... */
	assert_int_equal(fw[1].tdata2, 0x1000); /* ... is firmware trigger 1 */
	assert_int_equal(dbtr(SBI_DBTR_INSTALL_TRIGGERS, 2, 0, 0).error, SBI_ERR_BAD_RANGE);
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 0, 1, 0).error, 0);
	assert_int_equal(dbtr(SBI_DBTR_UNINSTALL_TRIGGERS, 1, 1, 0).error, SBI_ERR_INVALID_PARAM);
	assert_true(fw[0].used);
	assert_int_equal(fw[0].tdata2, 0x9000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_check, setup),
		cmocka_unit_test_setup(test_mode_mapping, setup),
		cmocka_unit_test_setup(test_ranges_and_sets, setup),
		cmocka_unit_test_setup(test_shmem, setup),
		cmocka_unit_test_setup(test_num_triggers, setup),
		cmocka_unit_test_setup(test_install_read_uninstall, setup),
		cmocka_unit_test_setup(test_install_errors, setup),
		cmocka_unit_test_setup(test_update_enable_disable, setup),
		cmocka_unit_test_setup(test_vcpus_and_lifetime, setup),
		cmocka_unit_test_setup(test_break_triggers_hidden, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
