/* vCPUs on riscv64: reset state, VS CSR switching, the run loop with its preemption tick,
 * exception injection into the guest, and access to guest memory at guest-virtual
 * addresses (hlv/hsv with the guest's own translation). */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <rv_dbtr.h>
#include <rv_host.h>
#include <rv_virt.h>

_Static_assert(offsetof(struct rv_switch, guest.pc) == 32 * 8, "switch.S layout");
_Static_assert(offsetof(struct rv_switch, host) == 33 * 8, "switch.S layout");
_Static_assert(offsetof(struct rv_switch, exit) == 49 * 8, "switch.S layout");
_Static_assert(offsetof(struct rv_switch, hstatus) == 53 * 8, "switch.S layout");
_Static_assert(offsetof(struct rv_switch, sstatus) == 54 * 8, "switch.S layout");

void rv_guest_run(struct rv_switch *sw);
void rv_fp_save(struct rv_fp_state *fp);
void rv_fp_restore(const struct rv_fp_state *fp);

/* How long the guest runs before testvisor looks at the clock (time budget, other vCPUs). */
#define TICK_US 10000

struct vcpu *rv_loaded_vcpu;

#define HCOUNTEREN_ALL 0xffffffffUL
#define HIDELEG_VS (HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP)

/* Puts a vCPU in its reset state: VS-mode at `pc`, a0 = hart id, a1 = `a1`. */
static void vcpu_reset(struct vcpu *vcpu, uint64_t pc, uint64_t a1)
{
	struct arch_vcpu *a = &vcpu->arch;
	memset(&a->sw.guest, 0, sizeof(a->sw.guest));
	a->sw.guest.pc = pc;
	a->sw.guest.x[10] = vcpu->id;
	a->sw.guest.x[11] = a1;
	/* With several vCPUs a guest WFI traps (VTW), so a waiting vCPU yields the hart. */
	a->sw.hstatus = HSTATUS_VSXL_64 | HSTATUS_SPV | HSTATUS_SPVP |
			(vcpu->vm->nr_vcpus > 1 ? HSTATUS_VTW : 0);
	a->sw.sstatus = (csr_read(sstatus) | SSTATUS_SPP) & ~(SSTATUS_SPIE | SSTATUS_SIE);
	memset(&a->csrs, 0, sizeof(a->csrs));
	memset(&a->fp, 0, sizeof(a->fp));
	/* break=: the triggers' breakpoint exceptions must reach testvisor (debug_break.c). */
	a->csrs.hedeleg = HEDELEG_BASE & (vcpu->vm->arch.breaks.count ? ~(1UL << EXC_BREAKPOINT) : ~0UL);
	a->csrs.vstimecmp = UINT64_MAX;
	a->csrs.henvcfg = rv_caps.henvcfg_bits & HENVCFG_GUEST_ALWAYS;
	a->guest_timer = UINT64_MAX;
	a->lr_reserved = false;
	a->suspended = false;
	a->resume_restarts = false;
	rv_fwft_reset(vcpu);
	rv_dbtr_reset(vcpu);
	if (rv_loaded_vcpu == vcpu)
		rv_vcpu_load_csrs(vcpu);
}

void rv_vcpu_start(struct vcpu *vcpu, uint64_t pc, uint64_t opaque)
{
	vcpu_reset(vcpu, pc, opaque);
	vcpu->state = VCPU_RUNNABLE;
}

/* Whether henvcfg.PMM really masks VS-mode addresses: the CSR field can be writable on a
 * hart that ignores it for VS-mode (QEMU 10.0 applies menvcfg.PMM there). Runs two
 * instructions in the new VM, before its DTB is written: `ld a0, 0(a1); ecall` with a1 a
 * tagged guest-physical address. Masking works when the ecall is reached. */
static void probe_pointer_masking(struct vcpu *vcpu)
{
	static bool probed;
	struct vm *vm = vcpu->vm;
	paddr_t pa;
	if (probed || !(rv_caps.pmlen7 || rv_caps.pmlen16) ||
	    !vm_ipa_to_pa(vm, vm->boot_data_ipa, PAGE_SIZE, &pa))
		return;
	probed = true;
	static const uint32_t probe_code[] = { 0x0005b503 /* ld a0, 0(a1) */, 0x00000073 /* ecall */ };
	memcpy(ptr_from_pa(pa), probe_code, sizeof(probe_code));
	__asm__ volatile("fence.i" ::: "memory");
	vcpu_reset(vcpu, ipa_addr(vm->boot_data_ipa), 0);
	vcpu->arch.sw.guest.x[11] = (ipa_addr(vm->boot_data_ipa) + 64) | (0x7fUL << 57);
	vcpu->arch.csrs.henvcfg |= rv_caps.pmlen7 ? ENVCFG_PMM_PMLEN7 : ENVCFG_PMM_PMLEN16;
	rv_vcpu_load_csrs(vcpu);
	rv_guest_run(&vcpu->arch.sw);
	bool works = vcpu->arch.sw.exit.scause == EXC_ECALL_VS;
	csr_write(CSR_HENVCFG, 0);
	rv_loaded_vcpu = NULL;
	if (!works) {
		printf("testvisor: henvcfg.PMM has no effect on VS-mode here (scause %lu): "
		       "POINTER_MASKING_PMLEN not offered to guests\n",
		       (unsigned long)vcpu->arch.sw.exit.scause);
		rv_caps.pmlen7 = rv_caps.pmlen16 = false;
	}
}

int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	struct vm *vm = vcpu->vm;
	rv_loaded_vcpu = NULL; /* a new VM: nothing of the last one is on the hart */
	probe_pointer_masking(vcpu);
	int rc = rv_build_guest_fdt(vm, &vm->arch.fdt_ipa);
	if (rc)
		return rc;
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		vcpu_reset(&vm->vcpus[i], ipa_addr(entry), ipa_addr(vm->arch.fdt_ipa));
	return 0;
}

void rv_vcpu_save_csrs(struct vcpu *vcpu)
{
	struct rv_vs_csrs *c = &vcpu->arch.csrs;
	c->vsstatus = csr_read(vsstatus);
	c->vsie = csr_read(vsie);
	c->vstvec = csr_read(vstvec);
	c->vsscratch = csr_read(vsscratch);
	c->vsepc = csr_read(vsepc);
	c->vscause = csr_read(vscause);
	c->vstval = csr_read(vstval);
	c->vsatp = csr_read(vsatp);
	c->hvip = csr_read(hvip);
	c->senvcfg = csr_read(CSR_SENVCFG);
	if (rv_caps.sstc)
		c->vstimecmp = csr_read(CSR_VSTIMECMP);
	rv_fp_save(&vcpu->arch.fp);
}

void rv_vcpu_load_csrs(struct vcpu *vcpu)
{
	if (rv_loaded_vcpu && rv_loaded_vcpu != vcpu) {
		rv_vcpu_save_csrs(rv_loaded_vcpu);
		rv_dbtr_unload(rv_loaded_vcpu);
	}
	const struct rv_vs_csrs *c = &vcpu->arch.csrs;
	csr_write(hgatp, rv_hgatp(vcpu->vm));
	csr_write(vsstatus, c->vsstatus);
	csr_write(vsie, c->vsie);
	csr_write(vstvec, c->vstvec);
	csr_write(vsscratch, c->vsscratch);
	csr_write(vsepc, c->vsepc);
	csr_write(vscause, c->vscause);
	csr_write(vstval, c->vstval);
	csr_write(vsatp, c->vsatp);
	csr_write(hvip, c->hvip);
	csr_write(CSR_HENVCFG, c->henvcfg);
	csr_write(CSR_SENVCFG, c->senvcfg);
	csr_write(hedeleg, c->hedeleg);
	csr_write(hideleg, HIDELEG_VS);
	csr_write(hcounteren, HCOUNTEREN_ALL);
	csr_write(htimedelta, 0);
	if (rv_caps.sstc)
		csr_write(CSR_VSTIMECMP, c->vstimecmp);
	rv_fp_restore(&vcpu->arch.fp);
	/* A different guest context: drop its cached VS translations. */
	rv_fence_guest_tlb();
	rv_loaded_vcpu = vcpu;
	rv_dbtr_load(vcpu);
}

void rv_fence_guest_tlb(void)
{
	__asm__ volatile(".option push\n.option arch, +h\nhfence.vvma zero, zero\n.option pop" ::: "memory");
}

void rv_fence_i(void)
{
	__asm__ volatile("fence.i" ::: "memory");
}

/* A henvcfg change alters translation (A/D updating, pointer masking): the guest's cached
 * VS translations go with it. */
void rv_vcpu_set_henvcfg(struct vcpu *vcpu, uint64_t val)
{
	vcpu->arch.csrs.henvcfg = val;
	if (rv_loaded_vcpu == vcpu) {
		csr_write(CSR_HENVCFG, val);
		rv_fence_guest_tlb();
	}
}

void rv_vcpu_set_hedeleg(struct vcpu *vcpu, uint64_t val)
{
	vcpu->arch.csrs.hedeleg = val;
	if (rv_loaded_vcpu == vcpu)
		csr_write(hedeleg, val);
}

void rv_vcpu_set_hvip(struct vcpu *vcpu, uint64_t set, uint64_t clear)
{
	if (rv_loaded_vcpu == vcpu) {
		csr_clear(hvip, clear);
		csr_set(hvip, set);
	}
	vcpu->arch.csrs.hvip = (vcpu->arch.csrs.hvip & ~clear) | set;
}

/* TIME for the guest: vstimecmp with Sstc; otherwise the host timer fires at the guest's
 * time and testvisor raises VSTIP itself (rv_handle_exit). */
void rv_guest_timer_set(struct vcpu *vcpu, uint64_t when)
{
	if (rv_caps.sstc) {
		vcpu->arch.csrs.vstimecmp = when;
		if (rv_loaded_vcpu == vcpu)
			csr_write(CSR_VSTIMECMP, when);
		return;
	}
	vcpu->arch.guest_timer = when;
	rv_vcpu_set_hvip(vcpu, 0, HVIP_VSTIP);
	if (rv_loaded_vcpu == vcpu && when < UINT64_MAX)
		rv_host_timer_set(when < arch_cycles() ? arch_cycles() : when);
}

static uint64_t next_tick(const struct vcpu *vcpu)
{
	uint64_t now = arch_cycles();
	uint64_t t = now + rv_timebase_hz / (1000000 / TICK_US);
	if (vcpu->vm->deadline && vcpu->vm->deadline < t)
		t = vcpu->vm->deadline;
	if (vcpu->arch.guest_timer < t)
		t = vcpu->arch.guest_timer;
	return t;
}

/* Whether an interrupt the guest has enabled (vsie) is pending: hvip holds them at the
 * VS positions (one bit above the vsie ones), the Sstc timer counts when it is due. The
 * vCPU's CSRs are on the hart. */
static bool wakeup_pending(const struct vcpu *vcpu)
{
	uint64_t pending = csr_read(hvip) >> 1;
	if (rv_caps.sstc && csr_read(CSR_VSTIMECMP) <= arch_cycles())
		pending |= 1UL << IRQ_S_TIMER;
	return pending & csr_read(vsie);
}

/* A waiting vCPU (HSM retentive suspend, WFI) sleeps in WFI until its next timer event or
 * the tick, unless another vCPU can run; returns whether it may run again. */
static bool wait_for_wakeup(struct vcpu *vcpu)
{
	if (wakeup_pending(vcpu))
		return true;
	/* Sleep only when no other vCPU could use the hart meanwhile. */
	for (unsigned i = 0; i < vcpu->vm->nr_vcpus; i++)
		if (vcpu->vm->vcpus[i].state == VCPU_RUNNABLE)
			return false;
	uint64_t t = next_tick(vcpu);
	if (rv_caps.sstc && csr_read(CSR_VSTIMECMP) < t)
		t = csr_read(CSR_VSTIMECMP);
	rv_host_timer_set(t);
	csr_set(sie, 1UL << IRQ_S_TIMER);
	__asm__ volatile("wfi" ::: "memory");
	rv_host_timer_set(UINT64_MAX);
	if (!rv_caps.sstc && vcpu->arch.guest_timer <= arch_cycles()) {
		vcpu->arch.guest_timer = UINT64_MAX;
		rv_vcpu_set_hvip(vcpu, HVIP_VSTIP, 0);
	}
	return wakeup_pending(vcpu);
}

void arch_vcpu_run(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	if (rv_loaded_vcpu != vcpu)
		rv_vcpu_load_csrs(vcpu);
	if (vcpu->state == VCPU_WAITING) {
		if (!wait_for_wakeup(vcpu))
			return;
		vcpu->state = VCPU_RUNNABLE;
		rv_hsm_resume(vcpu);
	}
	rv_host_timer_set(next_tick(vcpu));
	csr_set(sie, 1UL << IRQ_S_TIMER);
	while (vm_running(vm) && vcpu->state == VCPU_RUNNABLE) {
		rv_guest_run(&vcpu->arch.sw);
		vcpu->exits++;
		if (rv_handle_exit(vcpu) != EXIT_RESUME)
			break;
	}
	rv_host_timer_set(UINT64_MAX);
}

void rv_inject_exception(struct vcpu *vcpu, uint64_t cause, uint64_t tval)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint64_t vstvec = csr_read(vstvec) & ~3UL;
	if (a->sw.guest.pc == vstvec) {
		/* The guest faulted on its own trap vector: it would fault there forever. */
		vm_fail(vcpu->vm, "guest exception %lu (tval 0x%lx) at its own trap vector 0x%lx",
			(unsigned long)cause, (unsigned long)tval, (unsigned long)vstvec);
		return;
	}
	uint64_t vsstatus = csr_read(vsstatus);
	bool from_s = a->sw.sstatus & SSTATUS_SPP;
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE);
	if (from_s)
		vsstatus |= SSTATUS_SPP;
	if (vsstatus & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	vsstatus &= ~SSTATUS_SIE;
	/* Ssdbltrp: a trap taken while SDT is set is a double trap, which ends the guest as
	 * it would end a hart; otherwise the trap sets SDT. */
	if (a->csrs.henvcfg & ENVCFG_DTE) {
		if (vsstatus & SSTATUS_SDT) {
			vm_fail(vcpu->vm, "double trap: exception %lu (tval 0x%lx) with sstatus.SDT set",
				(unsigned long)cause, (unsigned long)tval);
			return;
		}
		vsstatus |= SSTATUS_SDT;
	}
	/* Zicfilp: the trap saves the guest's expected-landing-pad state and clears it. */
	vsstatus &= ~SSTATUS_SPELP;
	if (a->sw.sstatus & SSTATUS_SPELP)
		vsstatus |= SSTATUS_SPELP;
	a->sw.sstatus &= ~SSTATUS_SPELP;
	csr_write(vsstatus, vsstatus);
	csr_write(vsepc, a->sw.guest.pc);
	csr_write(vscause, cause);
	csr_write(vstval, tval);
	a->sw.guest.pc = vstvec;
	a->sw.sstatus |= SSTATUS_SPP;
	a->sw.hstatus |= HSTATUS_SPVP;
}

bool rv_guest_read(struct vcpu *vcpu, uint64_t gva, void *dst, unsigned len,
		   struct rv_guest_fault *fault)
{
	uint8_t *d = dst;
	for (unsigned i = 0; i < len; i++) {
		unsigned long c = rv_hlv_bu(gva + i, &d[i]);
		if (c) {
			*fault = (struct rv_guest_fault){ c, gva + i };
			return false;
		}
	}
	return true;
}

bool rv_guest_write(struct vcpu *vcpu, uint64_t gva, const void *src, unsigned len,
		    struct rv_guest_fault *fault)
{
	const uint8_t *s = src;
	for (unsigned i = 0; i < len; i++) {
		unsigned long c = rv_hsv_b(gva + i, s[i]);
		if (c) {
			*fault = (struct rv_guest_fault){ c, gva + i };
			return false;
		}
	}
	return true;
}

/* While the vCPU is on the hart its f registers are the hart's (testvisor computes no
 * floats), so arch.fp is brought up to date first and written back after a change. */
uint64_t *rv_guest_fp_regs(struct vcpu *vcpu)
{
	bool loaded = rv_loaded_vcpu == vcpu;
	uint64_t vsstatus = loaded ? csr_read(vsstatus) : vcpu->arch.csrs.vsstatus;
	if (!(vsstatus & SSTATUS_FS))
		return NULL;
	if (loaded)
		rv_fp_save(&vcpu->arch.fp);
	return vcpu->arch.fp.f;
}

/* Writing an f register with V=1 sets both sstatus.FS (testvisor's own writes do that) and
 * vsstatus.FS to Dirty (Priv spec, H extension, "Hypervisor Status Register" / vsstatus). */
void rv_guest_fp_written(struct vcpu *vcpu)
{
	if (rv_loaded_vcpu == vcpu) {
		rv_fp_restore(&vcpu->arch.fp);
		csr_set(vsstatus, SSTATUS_FS);
	} else {
		vcpu->arch.csrs.vsstatus |= SSTATUS_FS;
	}
}

bool rv_fetch_insn(struct vcpu *vcpu, uint32_t *insn)
{
	uint64_t pc = vcpu->arch.sw.guest.pc;
	uint16_t lo, hi;
	if (rv_hlvx_hu(pc, &lo))
		return false;
	if ((lo & 3) != 3) {
		*insn = lo;
		return true;
	}
	if (rv_hlvx_hu(pc + 2, &hi))
		return false;
	*insn = (uint32_t)hi << 16 | lo;
	return true;
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
		"a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
		"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	if (rv_loaded_vcpu == vcpu)
		rv_vcpu_save_csrs(rv_loaded_vcpu);
	const struct arch_vcpu *a = &vcpu->arch;
	const struct rv_exit *e = &a->sw.exit;
	printf("testvisor: vCPU %u: pc=0x%lx, %lu exits (%lu SBI calls), last exit %s\n", vcpu->id,
	       (unsigned long)a->sw.guest.pc, (unsigned long)vcpu->exits,
	       (unsigned long)a->sbi_calls, vcpu->last_exit);
	printf("testvisor:   scause=0x%lx stval=0x%lx htval=0x%lx htinst=0x%lx\n",
	       (unsigned long)e->scause, (unsigned long)e->stval, (unsigned long)e->htval,
	       (unsigned long)e->htinst);
	printf("testvisor:   vsstatus=0x%lx vstvec=0x%lx vsepc=0x%lx vscause=0x%lx vsatp=0x%lx\n",
	       (unsigned long)a->csrs.vsstatus, (unsigned long)a->csrs.vstvec,
	       (unsigned long)a->csrs.vsepc, (unsigned long)a->csrs.vscause,
	       (unsigned long)a->csrs.vsatp);
	for (int i = 0; i < 32; i += 4)
		printf("testvisor:   %-4s=%016lx %-4s=%016lx %-4s=%016lx %-4s=%016lx\n",
		       names[i], (unsigned long)a->sw.guest.x[i], names[i + 1],
		       (unsigned long)a->sw.guest.x[i + 1], names[i + 2],
		       (unsigned long)a->sw.guest.x[i + 2], names[i + 3],
		       (unsigned long)a->sw.guest.x[i + 3]);
}
