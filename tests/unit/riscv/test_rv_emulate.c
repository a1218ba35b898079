/* MMIO emulation (guest-page faults) and misaligned-access emulation against a fake vCPU
 * with a flat guest memory: the paths QEMU's TCG rarely takes (it never traps plain
 * misaligned loads and stores, and mostly supplies htinst). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>
#include <rv_virt.h>

/* ---- Fakes ---- */
#define MEM_BASE 0x80000000UL
static uint8_t mem[4096];
static uint32_t insn_at_pc;
static bool fetch_faults;
static uint64_t injected_cause, injected_tval;
static unsigned injections;
static uint64_t mmio_addr, mmio_val;
static unsigned mmio_size;
static bool mmio_write, mmio_claimed;
static bool guest_fp_off;
static unsigned fp_writes;

bool rv_fetch_insn(struct vcpu *v, uint32_t *insn)
{
	*insn = insn_at_pc;
	return !fetch_faults;
}
void rv_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval)
{
	injections++;
	injected_cause = cause;
	injected_tval = tval;
}
/* Byte by byte like the real ones (vcpu.c): a fault names the first byte it met. */
static bool in_mem(uint64_t gva) { return gva >= MEM_BASE && gva < MEM_BASE + sizeof(mem); }
bool rv_guest_read(struct vcpu *v, uint64_t gva, void *dst, unsigned len, struct rv_guest_fault *f)
{
	for (unsigned i = 0; i < len; i++) {
		if (!in_mem(gva + i)) {
			*f = (struct rv_guest_fault){ EXC_LOAD_PAGE_FAULT, gva + i };
			return false;
		}
		((uint8_t *)dst)[i] = mem[gva + i - MEM_BASE];
	}
	return true;
}
bool rv_guest_write(struct vcpu *v, uint64_t gva, const void *src, unsigned len, struct rv_guest_fault *f)
{
	for (unsigned i = 0; i < len; i++) {
		if (!in_mem(gva + i)) {
			*f = (struct rv_guest_fault){ EXC_STORE_GUEST_PAGE_FAULT, gva + i };
			return false;
		}
		mem[gva + i - MEM_BASE] = ((const uint8_t *)src)[i];
	}
	return true;
}
/* The guest's FP registers: the fake keeps them in the vCPU (the real ones are on the hart). */
uint64_t *rv_guest_fp_regs(struct vcpu *v)
{
	return guest_fp_off ? NULL : v->arch.fp.f;
}
void rv_guest_fp_written(struct vcpu *v)
{
	fp_writes++;
}
bool vm_mmio_access(struct vcpu *v, ipaddr_t addr, unsigned size, bool write, uint64_t *val)
{
	mmio_addr = ipa_addr(addr);
	mmio_size = size;
	mmio_write = write;
	if (write)
		mmio_val = *val;
	else
		*val = 0xfffffffffffff0a5ULL; /* more bits than the access: must be cut */
	return mmio_claimed;
}

static struct vm vm;
static struct vcpu *vcpu = &vm.vcpus[0];

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	vcpu->vm = &vm;
	vm.state = VM_RUNNING;
	vcpu->state = VCPU_RUNNABLE;
	vcpu->arch.sw.guest.pc = MEM_BASE + 0x100;
	memset(mem, 0, sizeof(mem));
	fetch_faults = false;
	injections = 0;
	mmio_claimed = true;
	guest_fp_off = false;
	fp_writes = 0;
	memset(&vcpu->arch.fp, 0, sizeof(vcpu->arch.fp));
	return 0;
}

static void fault(uint64_t scause, uint64_t stval, uint64_t htval, uint64_t htinst)
{
	vcpu->arch.sw.exit = (struct rv_exit){ scause, stval, htval, htinst };
}

/* ---- MMIO ---- */
static void test_mmio_store_from_htinst(void **state)
{
	/* sb a1 through a transformed htinst (32-bit original). */
	fault(EXC_STORE_GUEST_PAGE_FAULT, 0x10000000, 0x10000000 >> 2, 0x00b00023 | 2);
	vcpu->arch.sw.guest.x[11] = 0x1234541;
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_true(mmio_write);
	assert_int_equal(mmio_addr, 0x10000000);
	assert_int_equal(mmio_size, 1);
	assert_int_equal(mmio_val, 0x41);
	assert_int_equal(vcpu->arch.sw.guest.pc, MEM_BASE + 0x104);
	assert_int_equal(injections, 0);
}

static void test_mmio_load_from_fetched_insn(void **state)
{
	/* No htinst: the instruction is fetched; c.lw a0, 0(a1) at GPA ...05 + stval low bits. */
	fault(EXC_LOAD_GUEST_PAGE_FAULT, 0x10000005, 0x10000004 >> 2, 0);
	insn_at_pc = 0x4188;
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_false(mmio_write);
	assert_int_equal(mmio_addr, 0x10000005);
	assert_int_equal(mmio_size, 4);
	assert_int_equal(vcpu->arch.sw.guest.x[10], 0xfffffffffffff0a5ULL); /* lw sign-extends */
	assert_int_equal(vcpu->arch.sw.guest.pc, MEM_BASE + 0x102);
}

static void test_mmio_lbu_zero_extends(void **state)
{
	fault(EXC_LOAD_GUEST_PAGE_FAULT, 0x10000005, 0x10000004 >> 2, 0);
	insn_at_pc = 0x0005c783; /* lbu a5, 0(a1) */
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[15], 0xa5);
}

static void test_mmio_unclaimed_is_access_fault(void **state)
{
	mmio_claimed = false;
	fault(EXC_STORE_GUEST_PAGE_FAULT, 0x90000000, 0x90000000 >> 2, 0x00b00023 | 2);
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injections, 1);
	assert_int_equal(injected_cause, EXC_STORE_ACCESS);
	assert_int_equal(injected_tval, 0x90000000);
	assert_int_equal(vcpu->arch.sw.guest.pc, MEM_BASE + 0x100); /* not advanced */
}

static void test_mmio_undecodable(void **state)
{
	fault(EXC_LOAD_GUEST_PAGE_FAULT, 0x10000000, 0x10000000 >> 2, 0x00002000); /* pseudo */
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_LOAD_ACCESS);
	fault(EXC_LOAD_GUEST_PAGE_FAULT, 0x10000000, 0x10000000 >> 2, 0);
	fetch_faults = true;
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injections, 2);
	fault(EXC_INST_GUEST_PAGE_FAULT, 0x90000000, 0x90000000 >> 2, 0);
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_INST_ACCESS);
}

/* FP loads and stores reach devices too: fsd from fa1 (htinst, rs1 and offset cleared),
 * flw into fa0 NaN-boxed. */
static void test_mmio_fp(void **state)
{
	vcpu->arch.fp.f[11] = 0x1122334455667788ULL;
	fault(EXC_STORE_GUEST_PAGE_FAULT, 0x10000000, 0x10000000 >> 2, 0x00b03027);
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injections, 0);
	assert_true(mmio_write);
	assert_int_equal(mmio_size, 8);
	assert_int_equal(mmio_val, 0x1122334455667788ULL);
	fault(EXC_LOAD_GUEST_PAGE_FAULT, 0x10000004, 0x10000004 >> 2, 0);
	insn_at_pc = 0x0005a507; /* flw fa0, 0(a1) */
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injections, 0);
	assert_int_equal(mmio_size, 4);
	assert_int_equal(vcpu->arch.fp.f[10], 0xfffffffffffff0a5ULL); /* low 32 bits, boxed */
	assert_int_equal(fp_writes, 1);
	/* With the guest's FP off, an illegal instruction and no device access. */
	guest_fp_off = true;
	mmio_write = false;
	mmio_size = 0;
	fault(EXC_STORE_GUEST_PAGE_FAULT, 0x10000000, 0x10000000 >> 2, 0x00b03027);
	assert_int_equal(rv_handle_guest_page_fault(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_ILLEGAL_INST);
	assert_int_equal(mmio_size, 0);
}

/* ---- Misaligned ---- */
static void test_misaligned_load_store(void **state)
{
	uint64_t v = 0x8877665544332211ULL;
	memcpy(mem + 3, &v, 8);
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + 3, 0, 0);
	insn_at_pc = 0x0005b503; /* ld a0, 0(a1) */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[10], v);
	assert_int_equal(vcpu->arch.sw.guest.pc, MEM_BASE + 0x104);
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + 10, 0, 0);
	insn_at_pc = 0x00051603; /* lh a2, 0(a0): bytes 0x88 0x00 -> 0x0088 */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[12], 0x0088);
	fault(EXC_STORE_MISALIGNED, MEM_BASE + 21, 0, 0);
	insn_at_pc = 0x00b52023; /* sw a1, 0(a0) */
	vcpu->arch.sw.guest.x[11] = 0xdeadbeefcafef00dULL;
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	uint32_t w;
	memcpy(&w, mem + 21, 4);
	assert_int_equal(w, 0xcafef00d);
	assert_int_equal(mem[25], 0);
}

static void test_misaligned_amo_lr_sc(void **state)
{
	uint32_t old = 0xfffffffe;
	memcpy(mem + 2, &old, 4);
	fault(EXC_STORE_MISALIGNED, MEM_BASE + 2, 0, 0);
	insn_at_pc = 0x00c5a52f; /* amoadd.w a0, a2, (a1) */
	vcpu->arch.sw.guest.x[12] = 3;
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	uint32_t now;
	memcpy(&now, mem + 2, 4);
	assert_int_equal(now, 1);
	assert_int_equal(vcpu->arch.sw.guest.x[10], (uint64_t)-2); /* old value, sign-extended */
	/* sc without a reservation fails and stores nothing */
	fault(EXC_STORE_MISALIGNED, MEM_BASE + 2, 0, 0);
	insn_at_pc = 0x18c5a52f; /* sc.w a0, a2, (a1) */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[10], 1);
	memcpy(&now, mem + 2, 4);
	assert_int_equal(now, 1);
	/* lr then sc on the same address succeeds */
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + 2, 0, 0);
	insn_at_pc = 0x1005a52f; /* lr.w a0, (a1) */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[10], 1);
	fault(EXC_STORE_MISALIGNED, MEM_BASE + 2, 0, 0);
	insn_at_pc = 0x18c5a52f;
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(vcpu->arch.sw.guest.x[10], 0);
	memcpy(&now, mem + 2, 4);
	assert_int_equal(now, 3);
}

static void test_misaligned_faults_are_the_guests(void **state)
{
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + sizeof(mem) - 2, 0, 0);
	insn_at_pc = 0x0005b503; /* ld crossing the end of memory */
	uint64_t pc = vcpu->arch.sw.guest.pc;
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_LOAD_PAGE_FAULT);
	/* stval: the address of the portion of the access that faulted (Priv spec, "Supervisor
	 * Trap Value (stval) Register"), here the first byte past memory. */
	assert_int_equal(injected_tval, MEM_BASE + sizeof(mem));
	assert_int_equal(vcpu->arch.sw.guest.pc, pc);
	fault(EXC_STORE_MISALIGNED, MEM_BASE + sizeof(mem) - 2, 0, 0);
	insn_at_pc = 0x00b53023; /* sd */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_STORE_ACCESS); /* a G-stage fault is an access fault */
	fault(EXC_STORE_MISALIGNED, MEM_BASE + sizeof(mem) - 2, 0, 0);
	insn_at_pc = 0x00c5a52f; /* amoadd.w: its read fault is a store/AMO fault */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_STORE_PAGE_FAULT);
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + 1, 0, 0);
	insn_at_pc = 0x00000013; /* not a memory instruction: the original exception */
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_LOAD_MISALIGNED);
	assert_int_equal(injected_tval, MEM_BASE + 1);
}

/* Misaligned FP loads and stores are emulated into and out of the guest's f registers
 * (what Linux emulates: arch/riscv/kernel/traps_misaligned.c), every form. QEMU's TCG
 * never traps plain misaligned accesses, so this is where the emulation is proven. */
static void test_misaligned_fp(void **state)
{
	static const struct {
		uint32_t insn;
		bool load;
		unsigned size, freg, len;
	} forms[] = {
		{ 0x0005a507, true, 4, 10, 4 },  /* flw fa0, 0(a1) */
		{ 0x0085b507, true, 8, 10, 4 },  /* fld fa0, 8(a1) */
		{ 0x2590, true, 8, 12, 2 },      /* c.fld fa2, 8(a1) */
		{ 0x24c2, true, 8, 9, 2 },       /* c.fldsp fs1, 16(sp) */
		{ 0x00b52027, false, 4, 11, 4 }, /* fsw fa1, 0(a0) */
		{ 0x00b53427, false, 8, 11, 4 }, /* fsd fa1, 8(a0) */
		{ 0xa514, false, 8, 13, 2 },     /* c.fsd fa3, 8(a0) */
		{ 0xa84a, false, 8, 18, 2 },     /* c.fsdsp fs2, 16(sp) */
	};
	const uint64_t pattern = 0x0123456789abcdefULL;
	for (unsigned i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		uint64_t *f = vcpu->arch.fp.f;
		uint64_t pc = vcpu->arch.sw.guest.pc;
		unsigned writes = fp_writes;
		memset(mem, 0xee, 64);
		memcpy(mem + 5, &pattern, 8);
		f[forms[i].freg] = 0xfedcba9876543210ULL;
		vcpu->arch.sw.guest.x[forms[i].freg] = 0x5555; /* the same-numbered x register */
		insn_at_pc = forms[i].insn;
		fault(forms[i].load ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED, MEM_BASE + 5, 0, 0);
		assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
		assert_int_equal(injections, 0);
		assert_int_equal(vcpu->arch.sw.guest.pc, pc + forms[i].len);
		assert_int_equal(vcpu->arch.sw.guest.x[forms[i].freg], 0x5555);
		if (forms[i].load) {
			uint64_t want = forms[i].size == 8 ? pattern : 0xffffffff89abcdefULL; /* NaN-boxed */
			assert_int_equal(f[forms[i].freg], want);
			assert_int_equal(fp_writes, writes + 1); /* FS becomes Dirty */
		} else {
			uint64_t got = 0;
			memcpy(&got, mem + 5, 8);
			uint64_t want = forms[i].size == 8 ? 0xfedcba9876543210ULL
							   : 0x0123456776543210ULL; /* low 32 bits only */
			assert_int_equal(got, want);
			assert_int_equal(fp_writes, writes);
		}
	}
	/* Transformed htinst (fsd fa1 with rs1 and offset cleared) works the same. */
	vcpu->arch.fp.f[11] = 0x1122334455667788ULL;
	fault(EXC_STORE_MISALIGNED, MEM_BASE + 9, 0, 0x00b03027);
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	uint64_t got;
	memcpy(&got, mem + 9, 8);
	assert_int_equal(got, 0x1122334455667788ULL);
}

/* With the guest's FP unit off an FP access is an illegal instruction, as the hart would
 * have raised it (FS = Off: unprivileged ISA, F extension; Priv spec sstatus.FS). */
static void test_misaligned_fp_off(void **state)
{
	guest_fp_off = true;
	insn_at_pc = 0x0085b507; /* fld fa0, 8(a1) */
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + 5, 0, 0);
	uint64_t pc = vcpu->arch.sw.guest.pc;
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_ILLEGAL_INST);
	assert_int_equal(vcpu->arch.sw.guest.pc, pc);
}

/* A misaligned FP load that faults leaves the register as it was. */
static void test_misaligned_fp_fault(void **state)
{
	vcpu->arch.fp.f[10] = 42;
	insn_at_pc = 0x0085b507; /* fld fa0 */
	fault(EXC_LOAD_MISALIGNED, MEM_BASE + sizeof(mem) - 3, 0, 0);
	assert_int_equal(rv_handle_misaligned(vcpu), EXIT_RESUME);
	assert_int_equal(injected_cause, EXC_LOAD_PAGE_FAULT);
	assert_int_equal(vcpu->arch.fp.f[10], 42);
	assert_int_equal(fp_writes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mmio_store_from_htinst, setup),
		cmocka_unit_test_setup(test_mmio_load_from_fetched_insn, setup),
		cmocka_unit_test_setup(test_mmio_lbu_zero_extends, setup),
		cmocka_unit_test_setup(test_mmio_unclaimed_is_access_fault, setup),
		cmocka_unit_test_setup(test_mmio_undecodable, setup),
		cmocka_unit_test_setup(test_mmio_fp, setup),
		cmocka_unit_test_setup(test_misaligned_load_store, setup),
		cmocka_unit_test_setup(test_misaligned_amo_lr_sc, setup),
		cmocka_unit_test_setup(test_misaligned_faults_are_the_guests, setup),
		cmocka_unit_test_setup(test_misaligned_fp, setup),
		cmocka_unit_test_setup(test_misaligned_fp_off, setup),
		cmocka_unit_test_setup(test_misaligned_fp_fault, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
