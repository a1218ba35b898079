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
#include <hv/config.h>

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
/* The firmware has no DBTR here: guests are not offered it (test_rv_dbtr covers DBTR). */
struct vcpu *rv_loaded_vcpu;
unsigned rv_fw_dbtr_count(void) { return 0; }
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx) { return SBI_ERR_FAILED; }
void rv_fw_dbtr_uninstall(unsigned idx) {}
void vm_fail(struct vm *v, const char *fmt, ...) {}
static uint8_t guest_ram[8192];
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
	/* DBTR only when the firmware has one (none here). */
	assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBTR, 0, 0).value, 0);
	assert_int_equal(call(SBI_EXT_DBTR, SBI_DBTR_NUM_TRIGGERS, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	r = call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0);
	assert_int_equal(r.value, SBI_SPEC_VERSION_3_0);
	assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0).value, SBI_IMPL_TESTVISOR);
	assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_MARCHID, 0, 0, 0).value, 0x1234);
	/* Legacy (§5): getchar answers -1 in a0 (no input), putchar writes, ids without a
	 * legacy function here (0x03-0x07) are NOT_SUPPORTED. */
	assert_int_equal(call(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error, -1);
	assert_int_equal(call(SBI_EXT_LEGACY_PUTCHAR, 0, 'L', 0, 0).error, 0);
	assert_int_equal(console[console_len - 1], 'L');
	assert_int_equal(call(0x04, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
}

/* SBI v3.0 §10.1, SRST System Reset Errors: INVALID_PARAM when reset_type or reset_reason
 * is reserved or platform-specific and unimplemented (testvisor implements none of the
 * vendor/platform-specific ones). */
static void test_srst(void **state)
{
	assert_int_equal(call(SBI_EXT_SRST, 0, 3, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0xEFFFFFFFUL, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0, 2, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0, 0xDFFFFFFFUL, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0xF0000000UL, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0xFFFFFFFFUL, 0, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 0, 0, 0xF0000000UL, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_SRST, 1, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(exit_status, -100);
	call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_FAILURE, 0);
	assert_int_equal(exit_status, 1);
	assert_int_equal(vm.state, VM_EXITED);
	/* An SBI-implementation-specific reason (0xE0000000-0xEFFFFFFF) is testvisor's own:
	 * it has none with a meaning, so it is a plain shutdown. */
	setup(NULL);
	call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN, 0xE0000000UL, 0);
	assert_int_equal(exit_status, 0);
}

/* The assumptions of SRST, each switched by a guest-spec key (arch/riscv/config_keys.c):
 * srst_reboot=exit (default: a reboot ends the guest, status 0) or not_supported (SBI
 * §10.1 lets a platform answer NOT_SUPPORTED); srst_failure_status = the exit status of a
 * shutdown for SYSTEM_FAILURE (default 1). */
static void test_srst_config(void **state)
{
	assert_int_equal(rv_sbi_configure(&vm), 0);
	call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_COLD_REBOOT, 0, 0);
	assert_int_equal(vm.state, VM_EXITED);
	assert_int_equal(exit_status, 0);
	setup(NULL);
	assert_int_equal(vm_config_parse(&vm.cfg, "name=x srst_reboot=not_supported srst_failure_status=7",
					 console, sizeof(console)), 0);
	assert_int_equal(rv_sbi_configure(&vm), 0);
	assert_int_equal(call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_WARM_REBOOT, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_COLD_REBOOT, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(vm.state, VM_RUNNING);
	call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_FAILURE, 0);
	assert_int_equal(exit_status, 7);
	setup(NULL);
	assert_int_equal(vm_config_parse(&vm.cfg, "name=x srst_reboot=maybe", console, sizeof(console)), 0);
	assert_int_equal(rv_sbi_configure(&vm), -1);
	setup(NULL);
	assert_int_equal(vm_config_parse(&vm.cfg, "name=x srst_failure_status=x", console, sizeof(console)), 0);
	assert_int_equal(rv_sbi_configure(&vm), -1);
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
	/* At most 4 KiB per call: a partial write, its count returned (§12.1 allows it). */
	r = call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5000, ARCH_GUEST_RAM_BASE, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.value, 4096);
	/* No console input: read gives 0 bytes (§12.2). */
	r = call(SBI_EXT_DBCN, SBI_DBCN_READ, 8, ARCH_GUEST_RAM_BASE, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.value, 0);
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
	/* §3.1 Hart Mask Errors: "either hart_mask_base, or at least one hartid from
	 * hart_mask, is not valid" -> INVALID_PARAM, even with an empty mask. */
	assert_int_equal(call(SBI_EXT_IPI, 0, 0, 5, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_RFENCE, 0, 0, 2, 0).error, SBI_ERR_INVALID_PARAM);
	assert_int_equal(call(SBI_EXT_IPI, 0, 0, 1, 0).error, 0);
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
	/* SBI v3.0 §9.4, HSM Hart Suspend Errors: INVALID_PARAM for a reserved type or a
	 * platform-specific one that is not implemented (testvisor implements none). */
	static const unsigned long refused[] = { 1, 0x0fffffff, 0x10000000, 0x7fffffff,
						 0x80000001, 0x8fffffff, 0x90000000, 0xffffffff };
	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, refused[i], 0, 0).error,
				 SBI_ERR_INVALID_PARAM);
}

/* Default non-retentive suspend (SBI v3.0 §9.4): the hart is SUSPENDED until an
 * interrupt wakes it (vcpu.c: the vCPU waits off the hart), and only then starts at
 * resume_addr with a0 = hart id, a1 = opaque, FWFT values kept (§18). */
static void test_hsm_non_retentive_suspend(void **state)
{
	struct vcpu *v1 = &vm.vcpus[1];
	v1->state = VCPU_RUNNABLE;
	assert_int_equal(call_on(v1, SBI_EXT_FWFT, SBI_FWFT_SET, SBI_FWFT_LANDING_PAD, 1, 0).error, 0);
	assert_int_equal(call_on(v1, SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RETENTIVE,
				 0x1000, 0).error, SBI_ERR_INVALID_ADDRESS);
	v1->arch.sw.guest.pc = ARCH_GUEST_RAM_BASE + 0x800;
	assert_int_equal(call_on(v1, SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RETENTIVE,
				 ARCH_GUEST_RAM_BASE + 0x40, 0x77).error, 0);
	assert_int_equal(v1->state, VCPU_WAITING);
	assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 1, 0, 0).value, SBI_HSM_SUSPENDED);
	assert_int_equal(v1->arch.sw.guest.pc, ARCH_GUEST_RAM_BASE + 0x804); /* not resumed yet */
	/* An enabled interrupt is pending: the run loop resumes it. */
	rv_hsm_resume(v1);
	assert_int_equal(v1->arch.sw.guest.pc, ARCH_GUEST_RAM_BASE + 0x40);
	assert_int_equal(v1->arch.sw.guest.x[10], 1);
	assert_int_equal(v1->arch.sw.guest.x[11], 0x77);
	assert_int_equal(v1->state, VCPU_RUNNABLE);
	assert_int_equal(call_on(v1, SBI_EXT_FWFT, SBI_FWFT_GET, SBI_FWFT_LANDING_PAD, 0, 0).value, 1);
	assert_true(v1->arch.csrs.henvcfg & ENVCFG_LPE);
	/* A retentive suspend resumes after the call: nothing to restart. */
	assert_int_equal(call_on(v1, SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_RETENTIVE, 0, 0).error, 0);
	uint64_t pc = v1->arch.sw.guest.pc;
	rv_hsm_resume(v1);
	assert_int_equal(v1->arch.sw.guest.pc, pc);
}

/* Argument widths: where the spec declares an argument narrower than XLEN (uint32_t,
 * int, uint8_t), its upper bits are ignored; the call must give what it gives without
 * them. One row per function with such an argument, from its C prototype in SBI v3.0
 * (KVM does the same: arch/riscv/kvm/vcpu_sbi_hsm.c uses lower_32_bits(a0)). */
static const struct width_case {
	const char *function;      /* and its spec section */
	unsigned long ext, fid, arg[3];
	unsigned narrow;           /* index of the narrow argument */
	unsigned bits;             /* its width */
} width_cases[] = {
	{ "legacy console_putchar(int) §5.2", SBI_EXT_LEGACY_PUTCHAR, 0, { 'A' }, 0, 32 },
	{ "hart_suspend(uint32_t type) retentive §9.4", SBI_EXT_HSM, SBI_HSM_HART_SUSPEND,
	  { SBI_HSM_SUSPEND_RETENTIVE }, 0, 32 },
	{ "hart_suspend(uint32_t type) non-retentive §9.4", SBI_EXT_HSM, SBI_HSM_HART_SUSPEND,
	  { SBI_HSM_SUSPEND_NON_RETENTIVE, ARCH_GUEST_RAM_BASE, 5 }, 0, 32 },
	{ "hart_suspend(uint32_t type) reserved §9.4", SBI_EXT_HSM, SBI_HSM_HART_SUSPEND,
	  { 1 }, 0, 32 },
	{ "system_reset(uint32_t type, ...) §10.1", SBI_EXT_SRST, 0,
	  { SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_FAILURE }, 0, 32 },
	{ "system_reset(..., uint32_t reason) §10.1", SBI_EXT_SRST, 0,
	  { SBI_SRST_TYPE_COLD_REBOOT, SBI_SRST_REASON_NONE }, 1, 32 },
	{ "system_reset reserved reason §10.1", SBI_EXT_SRST, 0,
	  { SBI_SRST_TYPE_SHUTDOWN, 2 }, 1, 32 },
	{ "debug_console_write_byte(uint8_t) §12.3", SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, { '!' }, 0, 8 },
	{ "fwft_set(uint32_t feature, ...) §18.1", SBI_EXT_FWFT, SBI_FWFT_SET,
	  { SBI_FWFT_LANDING_PAD, 1, 0 }, 0, 32 },
	{ "fwft_get(uint32_t feature) §18.2", SBI_EXT_FWFT, SBI_FWFT_GET, { SBI_FWFT_LANDING_PAD }, 0, 32 },
};

/* What one call did: its result and every effect the fake VM records. */
struct outcome {
	long error;
	unsigned long value;
	int exit_status;
	enum vcpu_state state;
	char last_console;
	uint64_t henvcfg;
};

static struct outcome run_case(const struct width_case *w, bool dirty)
{
	setup(NULL);
	unsigned long arg[3] = { w->arg[0], w->arg[1], w->arg[2] };
	if (dirty)
		arg[w->narrow] |= 0xa5a5a5a5a5a5a5a5UL << w->bits;
	struct ret r = call(w->ext, w->fid, arg[0], arg[1], arg[2]);
	return (struct outcome){ r.error, w->ext == SBI_EXT_LEGACY_PUTCHAR ? 0 : r.value, exit_status,
				 vm.vcpus[0].state, console_len ? console[console_len - 1] : 0,
				 vm.vcpus[0].arch.csrs.henvcfg };
}

static void test_argument_widths(void **state)
{
	unsigned wrong = 0;
	for (unsigned i = 0; i < sizeof(width_cases) / sizeof(width_cases[0]); i++) {
		struct outcome clean = run_case(&width_cases[i], false);
		struct outcome dirty = run_case(&width_cases[i], true);
		if (clean.error != dirty.error || clean.value != dirty.value ||
		    clean.exit_status != dirty.exit_status || clean.state != dirty.state ||
		    clean.last_console != dirty.last_console || clean.henvcfg != dirty.henvcfg) {
			print_error("%s: upper bits of argument %u change the call (error %ld -> %ld)\n",
				    width_cases[i].function, width_cases[i].narrow, clean.error, dirty.error);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
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
	/* The feature is checked before the flags, the flags before the lock (OpenSBI
	 * lib/sbi/sbi_fwft.c, sbi_fwft_set); a failed get gives value 0 (§18.2). */
	assert_int_equal(fwft_set(6, 0, 2), SBI_ERR_DENIED);
	assert_int_equal(fwft_set(SBI_FWFT_SHADOW_STACK, 0, 2), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fwft_get(6).value, 0);
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
		cmocka_unit_test_setup(test_srst_config, setup),
		cmocka_unit_test_setup(test_dbcn, setup),
		cmocka_unit_test_setup(test_time_ipi_rfence, setup),
		cmocka_unit_test_setup(test_hsm, setup),
		cmocka_unit_test_setup(test_hsm_non_retentive_suspend, setup),
		cmocka_unit_test_setup(test_argument_widths, setup),
		cmocka_unit_test_setup(test_fwft_errors, setup),
		cmocka_unit_test_setup(test_fwft_effects, setup),
		cmocka_unit_test_setup(test_fwft_misaligned_needs_firmware_delegation, setup),
		cmocka_unit_test_setup(test_fwft_sse_dte, setup),
		cmocka_unit_test_setup(test_fwft_lock_and_reset, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
