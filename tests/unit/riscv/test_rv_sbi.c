/* testvisor's SBI for riscv64 guests, driven through the ecall exit handler against a
 * fake VM: registry and probing, BASE, SRST, DBCN, TIME, IPI, RFENCE, HSM and the FWFT
 * rules of SBI v3.0 (errors, locks, per-vCPU state, reset). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>
#include <rv_host.h>
#include <rv_virt.h>
#include <sbi_defs.h>

/* ---- Fakes of what the SBI code calls ---- */
struct rv_host_caps rv_caps;
static struct vm vm;
static int exit_status = -100;
static char console[256];
static size_t console_len;
static uint64_t last_timer;
static unsigned fences;

void rv_vcpu_set_henvcfg(struct vcpu *v, uint64_t val) { v->arch.csrs.henvcfg = val; }
void rv_vcpu_set_hedeleg(struct vcpu *v, uint64_t val) { v->arch.csrs.hedeleg = val; }
void rv_vcpu_set_hvip(struct vcpu *v, uint64_t set, uint64_t clear)
{
	v->arch.csrs.hvip = (v->arch.csrs.hvip & ~clear) | set;
}
void rv_vcpu_start(struct vcpu *v, uint64_t pc, uint64_t opaque)
{
	memset(&v->arch.sw.guest, 0, sizeof(v->arch.sw.guest));
	v->arch.sw.guest.pc = pc;
	v->arch.sw.guest.x[10] = v->id;
	v->arch.sw.guest.x[11] = opaque;
	v->arch.csrs.henvcfg = 0;
	v->arch.csrs.hedeleg = HEDELEG_BASE;
	rv_fwft_reset(v);
	v->state = VCPU_RUNNABLE;
}
void rv_guest_timer_set(struct vcpu *v, uint64_t when) { last_timer = when; }
void rv_fence_i(void) { fences++; }
void rv_fence_guest_tlb(void) { fences++; }
struct rv_sbiret rv_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			     unsigned long a1, unsigned long a2)
{
	return (struct rv_sbiret){ 0, 0x1234 };
}
void vm_guest_exit(struct vm *v, int status)
{
	exit_status = status;
	v->state = VM_EXITED;
}
void vm_console_putc(struct vm *v, char c)
{
	if (console_len < sizeof(console) - 1)
		console[console_len++] = c;
}
static uint8_t guest_ram[4096];
bool vm_ipa_to_pa(const struct vm *v, ipaddr_t ipa, size_t len, paddr_t *pa)
{
	uint64_t off = ipa_addr(ipa) - ARCH_GUEST_RAM_BASE;
	if (ipa_addr(ipa) < ARCH_GUEST_RAM_BASE || off > sizeof(guest_ram) || len > sizeof(guest_ram) - off)
		return false;
	*pa = pa_from_ptr(guest_ram + off);
	return true;
}

/* ---- Helpers ---- */
struct ret { long error; unsigned long value; };

static struct ret call_on(struct vcpu *v, unsigned long ext, unsigned long fid, unsigned long a0,
			  unsigned long a1, unsigned long a2)
{
	v->arch.sw.guest.x[17] = ext;
	v->arch.sw.guest.x[16] = fid;
	v->arch.sw.guest.x[10] = a0;
	v->arch.sw.guest.x[11] = a1;
	v->arch.sw.guest.x[12] = a2;
	uint64_t pc = v->arch.sw.guest.pc;
	assert_int_equal(rv_handle_sbi(v), EXIT_RESUME);
	assert_int_equal(v->arch.sw.guest.pc, pc + 4);
	return (struct ret){ (long)v->arch.sw.guest.x[10], v->arch.sw.guest.x[11] };
}

static struct ret call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2)
{
	return call_on(&vm.vcpus[0], ext, fid, a0, a1, a2);
}

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	vm.state = VM_RUNNING;
	vm.nr_vcpus = 2;
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
		rv_vcpu_start(&vm.vcpus[i], ARCH_GUEST_RAM_BASE, 0);
	}
	vm.vcpus[1].state = VCPU_OFF;
	rv_caps = (struct rv_host_caps){ .h = true, .sstc = true,
		.henvcfg_bits = ENVCFG_LPE | ENVCFG_ADUE | ENVCFG_STCE, .pmlen7 = true, .pmlen16 = true,
		.fw_misaligned_deleg = true };
	exit_status = -100;
	console_len = 0;
	return 0;
}

/* ---- Tests ---- */
static void test_registry(void **state)
{
	assert_int_equal(call(0x12345678, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(call(SBI_EXT_BASE, 99, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	struct ret r = call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_FWFT, 0, 0);
	assert_int_equal(r.error, 0);
	assert_true(r.value != 0);
	r = call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_PMU, 0, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.value, 0);
	r = call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0);
	assert_int_equal(r.value, SBI_SPEC_VERSION_3_0);
	assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0).value, SBI_IMPL_TESTVISOR);
	assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_MARCHID, 0, 0, 0).value, 0x1234);
}

static void test_srst(void **state)
{
	assert_int_equal(call(SBI_EXT_SRST, 0, 3, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0, 2, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0xF0000000UL, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(call(SBI_EXT_SRST, 0, 1UL << 32, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(exit_status, -100);
	call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_FAILURE, 0);
	assert_int_equal(exit_status, 1);
	assert_int_equal(vm.state, VM_EXITED);
}

static void test_dbcn(void **state)
{
	memcpy(guest_ram + 16, "hello", 5);
	struct ret r = call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5, ARCH_GUEST_RAM_BASE + 16, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.value, 5);
	assert_memory_equal(console, "hello", 5);
	assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5, ARCH_GUEST_RAM_BASE, 1).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, (unsigned long)-1, ARCH_GUEST_RAM_BASE, 0).error,
			 SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 8, 0x1000, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, '!', 0, 0).error, 0);
	assert_int_equal(console[console_len - 1], '!');
}

static void test_time_ipi_rfence(void **state)
{
	assert_int_equal(call(SBI_EXT_TIME, 0, 12345, 0, 0).error, 0);
	assert_int_equal(last_timer, 12345);
	assert_int_equal(call(SBI_EXT_IPI, 0, 2, 0, 0).error, 0);
	assert_true(vm.vcpus[1].arch.csrs.hvip & HVIP_VSSIP);
	assert_false(vm.vcpus[0].arch.csrs.hvip & HVIP_VSSIP);
	assert_int_equal(call(SBI_EXT_IPI, 0, 1, (unsigned long)-1, 0).error, 0);
	assert_true(vm.vcpus[0].arch.csrs.hvip & HVIP_VSSIP);
	assert_int_equal(call(SBI_EXT_IPI, 0, 4, 0, 0).error, SBI_ERR_INVALID_PARAM); /* hart 2 */
	assert_int_equal(call(SBI_EXT_IPI, 0, 1, 5, 0).error, SBI_ERR_INVALID_PARAM);
	unsigned f = fences;
	assert_int_equal(call(SBI_EXT_RFENCE, 0, 3, 0, 0).error, 0);
	assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0).error, 0);
	assert_int_equal(fences, f + 2);
	assert_int_equal(call(SBI_EXT_RFENCE, 3, 1, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
}

static void test_hsm(void **state)
{
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 1, 0, 0).value, SBI_HSM_STOPPED);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 7, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 1, 0x1000, 0).error, SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 1, ARCH_GUEST_RAM_BASE + 64, 0xabc).error, 0);
	assert_int_equal(vm.vcpus[1].state, VCPU_RUNNABLE);
	assert_int_equal(vm.vcpus[1].arch.sw.guest.pc, ARCH_GUEST_RAM_BASE + 64);
	assert_int_equal(vm.vcpus[1].arch.sw.guest.x[11], 0xabc);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 1, ARCH_GUEST_RAM_BASE, 0).error,
			 SBI_ERR_ALREADY_AVAILABLE);
	call_on(&vm.vcpus[1], SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0);
	assert_int_equal(vm.vcpus[1].state, VCPU_OFF);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0, 0, 0).error, 0);
	assert_int_equal(vm.vcpus[0].state, VCPU_WAITING); /* until an enabled interrupt is pending */
	assert_int_equal(call_on(&vm.vcpus[1], SBI_EXT_HSM, SBI_HSM_HART_STATUS, 0, 0, 0).value, SBI_HSM_SUSPENDED);
	vm.vcpus[0].state = VCPU_RUNNABLE;
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x10000000, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 1, 0, 0).error, SBI_ERR_INVALID_PARAM);
}

static long fwft_set(unsigned long id, unsigned long v, unsigned long flags)
{
	return call(SBI_EXT_FWFT, SBI_FWFT_SET, id, v, flags).error;
}

static struct ret fwft_get(unsigned long id) { return call(SBI_EXT_FWFT, SBI_FWFT_GET, id, 0, 0); }

static void test_fwft_errors(void **state)
{
	static const unsigned long reserved[] = { 6, 0x3fffffff, 0x40000000, 0x80000000, 0xc0000000, 0xffffffff };
	for (unsigned i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		assert_int_equal(fwft_get(reserved[i]).error, SBI_ERR_DENIED);
		assert_int_equal(fwft_set(reserved[i], 0, 0), SBI_ERR_DENIED);
	}
	/* Not offered by this (fake) hart: shadow stack, double trap. */
	assert_int_equal(fwft_get(SBI_FWFT_SHADOW_STACK).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fwft_set(SBI_FWFT_DOUBLE_TRAP, 1, 0), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fwft_set(SBI_FWFT_LANDING_PAD, 2, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(fwft_set(SBI_FWFT_LANDING_PAD, 1, 2), SBI_ERR_INVALID_PARAM);
	assert_int_equal(fwft_set(SBI_FWFT_POINTER_MASKING_PMLEN, 17, 0), SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_FWFT, 2, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	/* The feature id is 32 bits wide (uint32_t in the spec). */
	assert_int_equal(fwft_get((1UL << 32) | SBI_FWFT_LANDING_PAD).error, 0);
}

static void test_fwft_effects(void **state)
{
	struct vcpu *v = &vm.vcpus[0];
	assert_int_equal(fwft_set(SBI_FWFT_LANDING_PAD, 1, 0), 0);
	assert_true(v->arch.csrs.henvcfg & ENVCFG_LPE);
	assert_int_equal(fwft_get(SBI_FWFT_LANDING_PAD).value, 1);
	assert_int_equal(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, 1, 0), 0);
	assert_int_equal(v->arch.csrs.hedeleg & HEDELEG_MISALIGNED, HEDELEG_MISALIGNED);
	assert_int_equal(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, 0, 0), 0);
	assert_int_equal(v->arch.csrs.hedeleg & HEDELEG_MISALIGNED, 0);
	assert_int_equal(fwft_set(SBI_FWFT_POINTER_MASKING_PMLEN, 3, 0), 0);
	assert_int_equal(fwft_get(SBI_FWFT_POINTER_MASKING_PMLEN).value, 7);
	assert_int_equal(v->arch.csrs.henvcfg & ENVCFG_PMM, ENVCFG_PMM_PMLEN7);
	assert_int_equal(fwft_set(SBI_FWFT_POINTER_MASKING_PMLEN, 9, 0), 0);
	assert_int_equal(fwft_get(SBI_FWFT_POINTER_MASKING_PMLEN).value, 16);
	assert_int_equal(fwft_set(SBI_FWFT_POINTER_MASKING_PMLEN, 0, 0), 0);
	assert_int_equal(v->arch.csrs.henvcfg & ENVCFG_PMM, 0);
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 1, 0), 0);
	assert_true(v->arch.csrs.henvcfg & ENVCFG_ADUE);
}

/* MISALIGNED_EXC_DELEG only when testvisor's own firmware handed misaligned traps to HS
 * (KVM: arch/riscv/kvm/vcpu_sbi_fwft.c, kvm_sbi_fwft_misaligned_delegation_supported ->
 * misaligned_traps_can_delegate()): otherwise the firmware, not testvisor, sees them. */
static void test_fwft_misaligned_needs_firmware_delegation(void **state)
{
	rv_caps.fw_misaligned_deleg = false;
	assert_int_equal(fwft_get(SBI_FWFT_MISALIGNED_EXC_DELEG).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, 1, 0), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(vm.vcpus[0].arch.csrs.hedeleg & HEDELEG_MISALIGNED, 0);
	rv_caps.fw_misaligned_deleg = true;
	assert_int_equal(fwft_get(SBI_FWFT_MISALIGNED_EXC_DELEG).error, 0);
}

/* On a hart whose firmware enables them, shadow stacks and double trap reach henvcfg. */
static void test_fwft_sse_dte(void **state)
{
	struct vcpu *v = &vm.vcpus[0];
	rv_caps.henvcfg_bits |= ENVCFG_SSE | ENVCFG_DTE;
	assert_int_equal(fwft_get(SBI_FWFT_SHADOW_STACK).value, 0);
	assert_int_equal(fwft_set(SBI_FWFT_SHADOW_STACK, 1, 0), 0);
	assert_true(v->arch.csrs.henvcfg & ENVCFG_SSE);
	assert_int_equal(fwft_set(SBI_FWFT_DOUBLE_TRAP, 1, SBI_FWFT_SET_FLAG_LOCK), 0);
	assert_true(v->arch.csrs.henvcfg & ENVCFG_DTE);
	assert_int_equal(fwft_set(SBI_FWFT_DOUBLE_TRAP, 0, 0), SBI_ERR_DENIED_LOCKED);
	assert_true(v->arch.csrs.henvcfg & ENVCFG_DTE);
	assert_int_equal(fwft_set(SBI_FWFT_SHADOW_STACK, 0, 0), 0);
	assert_false(v->arch.csrs.henvcfg & ENVCFG_SSE);
}

static void test_fwft_lock_and_reset(void **state)
{
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 1, SBI_FWFT_SET_FLAG_LOCK), 0);
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 1, 0), SBI_ERR_DENIED_LOCKED);
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 0, SBI_FWFT_SET_FLAG_LOCK), SBI_ERR_DENIED_LOCKED);
	assert_int_equal(fwft_get(SBI_FWFT_PTE_AD_HW_UPDATING).value, 1);
	/* Bad flags are reported before the lock. */
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 0, 4), SBI_ERR_INVALID_PARAM);
	/* Per vCPU: hart 1 is not locked. */
	vm.vcpus[1].state = VCPU_RUNNABLE;
	assert_int_equal(call_on(&vm.vcpus[1], SBI_EXT_FWFT, SBI_FWFT_SET, SBI_FWFT_PTE_AD_HW_UPDATING, 0, 0).error, 0);
	/* A reset unlocks and restores the reset values. */
	rv_vcpu_start(&vm.vcpus[0], ARCH_GUEST_RAM_BASE, 0);
	assert_int_equal(fwft_get(SBI_FWFT_PTE_AD_HW_UPDATING).value, 0);
	assert_int_equal(fwft_set(SBI_FWFT_PTE_AD_HW_UPDATING, 1, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registry, setup),
		cmocka_unit_test_setup(test_srst, setup),
		cmocka_unit_test_setup(test_dbcn, setup),
		cmocka_unit_test_setup(test_time_ipi_rfence, setup),
		cmocka_unit_test_setup(test_hsm, setup),
		cmocka_unit_test_setup(test_fwft_errors, setup),
		cmocka_unit_test_setup(test_fwft_effects, setup),
		cmocka_unit_test_setup(test_fwft_misaligned_needs_firmware_delegation, setup),
		cmocka_unit_test_setup(test_fwft_sse_dte, setup),
		cmocka_unit_test_setup(test_fwft_lock_and_reset, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
