/* vCPUs: VMCB set-up for a guest entered as a multiboot loader enters it, the run loop,
 * and the register dump for a guest testvisor stopped. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <cpu.h>
#include <x86/exit_assist.h>
#include <x86/guest_boot.h>
#include <x86/host.h>
#include <x86/linux_boot.h>
#include <hv/bzimage.h>
#include <hv/loader.h>
#include <multiboot.h>
#include <x86/sev.h>
#include <x86/sev_policy.h>
#include <x86/vmsa.h>
#include <x86/svm.h>
#include <x86/debug_regs.h>
#include <x86/debug_trace.h>

/* Segment attributes (VMCB packed form): flat 4 GiB 32-bit code/data, busy TSS, LDT. */
#define SEG_CODE32 0xC9B
#define SEG_DATA32 0xC93
#define SEG_TSS32_BUSY 0x08B
#define SEG_LDT 0x082
#define CR0_PE (1ull << 0)
#define CR0_ET (1ull << 4)
#define RFLAGS_FIXED 0x2ull
#define PAT_POWER_ON 0x0007040600070406ull
#define FXSAVE_FCW_DEFAULT 0x037F
#define FXSAVE_MXCSR_DEFAULT 0x1F80
#define FXSAVE_MXCSR_OFFSET 24
#define GUEST_INITIAL_RSP 0x7000

/* Every VM's intercepts: interrupts (the preemption tick), the platform testvisor models
 * (CPUID, MSRs, ports), halting, triple faults, machine checks, and every SVM instruction
 * (VMRUN must be intercepted for the VMCB to be valid). */
const struct svm_intercepts svm_default_intercepts = {
	.exceptions = 1u << X86_MC,
	.misc1 = INTERCEPT1_INTR | INTERCEPT1_NMI | INTERCEPT1_SMI | INTERCEPT1_INIT |
		 INTERCEPT1_CPUID | INTERCEPT1_INVD | INTERCEPT1_HLT | INTERCEPT1_IOIO |
		 INTERCEPT1_MSR | INTERCEPT1_SHUTDOWN,
	.misc2 = INTERCEPT2_VMRUN | INTERCEPT2_VMMCALL | INTERCEPT2_VMLOAD | INTERCEPT2_VMSAVE |
		 INTERCEPT2_STGI | INTERCEPT2_CLGI | INTERCEPT2_SKINIT,
};

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attrib, uint32_t limit)
{
	*s = (struct vmcb_seg){ .selector = sel, .attrib = attrib, .limit = limit, .base = 0 };
}

static void init_control(struct vmcb_control *c, const struct vm *vm)
{
	/* TPR changes (vapic.c); not for SEV-ES/SNP guests: the hypervisor cannot intercept
	 * their CR accesses (KVM sev_es_init_vmcb clears the CR8 intercepts and follows CR8
	 * through its write trap, which QEMU's TCG lacks: vapic_exit reads V_TPR instead, as
	 * KVM's sync_cr8_to_lapic does without the intercept). */
	c->intercept_cr = sev_active(&vm->arch.sev) ? 0 : INTERCEPT_CR8_WRITE;
	c->intercept_exceptions = vm->arch.intercepts.exceptions;
	c->intercept_misc1 = vm->arch.intercepts.misc1;
	c->intercept_misc2 = vm->arch.intercepts.misc2;
	c->iopm_base_pa = pa_addr(vm->arch.iopm);
	c->msrpm_base_pa = pa_addr(vm->arch.msrpm);
	c->guest_asid = vm->arch.asid;
	c->tlb_control = TLB_CONTROL_FLUSH_ALL;
	c->vintr = VINTR_MASKING;
	c->np_enable = NP_ENABLE;
	c->n_cr3 = pa_addr(vm->arch.npt_root);
}

/* The state QEMU's multiboot loader leaves: 32-bit protected mode, paging off, flat
 * segments, interrupts off, EAX = magic, EBX = multiboot information. */
static void init_save(struct vmcb_save *s, uint64_t entry, uint32_t mbi)
{
	set_seg(&s->cs, 0x08, SEG_CODE32, 0xffffffff);
	set_seg(&s->ds, 0x10, SEG_DATA32, 0xffffffff);
	s->es = s->ss = s->fs = s->gs = s->ds;
	set_seg(&s->tr, 0, SEG_TSS32_BUSY, 0xffff);
	set_seg(&s->ldtr, 0, SEG_LDT, 0xffff);
	s->gdtr.limit = s->idtr.limit = 0xffff;
	s->cr0 = CR0_PE | CR0_ET;
	s->efer = EFER_SVME; /* required by VMRUN; hidden from the guest's EFER reads */
	s->rflags = RFLAGS_FIXED;
	s->rip = entry;
	s->rsp = GUEST_INITIAL_RSP;
	s->rax = MB_LOADER_MAGIC;
	s->g_pat = PAT_POWER_ON;
}

/* A bzImage's start (boot.rst, 32-bit boot protocol), on top of init_save's state:
 * CS = __BOOT_CS, DS = ES = SS = __BOOT_DS of a loaded GDT, ESI = the zero page,
 * EBP = EDI = EBX = 0. */
static void init_save_linux(struct arch_vcpu *a)
{
	struct vmcb_save *s = &a->vmcb->save;
	set_seg(&s->cs, BZ_BOOT_CS, SEG_CODE32, 0xffffffff);
	set_seg(&s->ds, BZ_BOOT_DS, SEG_DATA32, 0xffffffff);
	s->es = s->ss = s->fs = s->gs = s->ds;
	s->gdtr.base = BZ_GDT_ADDR;
	s->gdtr.limit = BZ_GDT_SIZE - 1;
	s->rax = 0;
	a->gprs.rsi = BZ_REAL_ADDR;
	a->gprs.rbx = a->gprs.rbp = a->gprs.rdi = 0;
}

/* An SEV guest's start, as a firmware hands an SEV guest over: 64-bit mode on the page
 * tables of its boot data (with the C-bit), at the image's 64-bit entry, EDI = magic, ESI =
 * the multiboot information, RDX = 0 (no ACPI RSDP), R8 = the C-bit mask tagged by R9 =
 * SEV_CBIT_TAG (longmode.inc: the tables it builds get the same bit). */
#define SEG_CODE64 0x29B
#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define SEV_CBIT_TAG 0x5449424356455354ull /* "TSEVCBIT" */
static void init_save_long64(struct arch_vcpu *a, uint64_t entry, uint64_t cr3, uint32_t mbi,
			     uint64_t cbit_mask)
{
	struct vmcb_save *s = &a->vmcb->save; /* init_save's flat segments; long mode on top */
	s->rip = entry;
	s->cs.attrib = SEG_CODE64;
	s->cr0 |= CR0_PG;
	s->cr3 = cr3;
	s->cr4 = CR4_PAE;
	s->efer |= EFER_LME | EFER_LMA;
	s->rax = 0;
	a->gprs.rdi = MB_LOADER_MAGIC;
	a->gprs.rsi = mbi;
	a->gprs.rdx = 0;
	a->gprs.r8 = cbit_mask;
	a->gprs.r9 = SEV_CBIT_TAG;
}

/* A vCPU's VMCB and FXSAVE page, the FPU at its power-on values. */
static bool alloc_vcpu_pages(struct arch_vcpu *a)
{
	paddr_t vmcb = hv_alloc_pages(1, 1), fpu = hv_alloc_pages(1, 1);
	if (!pa_addr(vmcb) || !pa_addr(fpu))
		return false;
	a->vmcb_pa = vmcb;
	a->vmcb = ptr_from_pa(vmcb);
	a->fpu = ptr_from_pa(fpu);
	*(uint16_t *)a->fpu = FXSAVE_FCW_DEFAULT;
	*(uint32_t *)((uint8_t *)a->fpu + FXSAVE_MXCSR_OFFSET) = FXSAVE_MXCSR_DEFAULT;
	memset(&a->gprs, 0, sizeof(a->gprs));
	return true;
}

/* The state a STARTUP IPI leaves an AP in (Intel SDM vol. 3 §9.1.1 and §9.4.4; AMD APM
 * vol. 2 §14.1.3 and §16.5): real mode, CS selector vector << 8 and base vector << 12,
 * IP 0, data segments at 0 with 64 KiB limits, CR0 0x60000010, EFLAGS 2. */
#define SEG_REAL_CODE 0x09B
#define SEG_REAL_DATA 0x093
#define CR0_RESET 0x60000010ull
static void init_save_real(struct vmcb_save *s, uint8_t vector)
{
	set_seg(&s->cs, (uint16_t)(vector << 8), SEG_REAL_CODE, 0xffff);
	s->cs.base = (uint64_t)vector << 12;
	set_seg(&s->ds, 0, SEG_REAL_DATA, 0xffff);
	s->es = s->ss = s->fs = s->gs = s->ds;
	set_seg(&s->tr, 0, SEG_TSS32_BUSY, 0xffff);
	set_seg(&s->ldtr, 0, SEG_LDT, 0xffff);
	s->gdtr.limit = s->idtr.limit = 0xffff;
	s->cr0 = CR0_RESET;
	s->efer = EFER_SVME;
	s->rflags = RFLAGS_FIXED;
	s->rip = 0;
	s->g_pat = PAT_POWER_ON;
}

/* IPIs between vCPUs (x86/x2apic.h): fixed ones go to the targets' IRR (vapic.c); INIT
 * puts an AP that has not started into wait-for-SIPI, STARTUP starts one waiting; a
 * STARTUP to a running CPU is ignored, as on hardware. Other IPIs, and INIT to a running
 * vCPU (a reset), are not modelled: the guest is stopped with the reason. */
void svm_send_ipi(struct vcpu *from, const struct ipi *ipi)
{
	struct vm *vm = from->vm;
	if (ipi->kind == IPI_FIXED || ipi->kind == IPI_NMI) {
		vapic_send_fixed(from, ipi);
		return;
	}
	if (ipi->kind == IPI_OTHER) {
		vm_fail(vm, "x2APIC IPI with delivery mode %u%s is not modelled (fixed and NMI IPIs "
			"are, INIT and STARTUP to physical destinations)", ipi->mode,
			ipi->logical ? " and a logical destination" : "");
		return;
	}
	if (sev_active(&vm->arch.sev)) {
		vm_fail(vm, "INIT/STARTUP to an SEV guest's vCPU: its APs are created through the "
			"GHCB (AP creation), which is not modelled");
		return;
	}
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *t = &vm->vcpus[i];
		if (!ipi_targets_apic(ipi, from->id, i, &vm->vcpus[i].arch.apic))
			continue;
		if (ipi->kind == IPI_INIT) {
			if (t->state != VCPU_OFF) {
				vm_fail(vm, "INIT to running vCPU %u (a CPU reset) is not modelled", i);
				return;
			}
			t->arch.wait_for_sipi = true;
		} else if (t->arch.wait_for_sipi) {
			if (!t->arch.vmcb && !alloc_vcpu_pages(&t->arch)) {
				vm_fail(vm, "no memory for vCPU %u", i);
				return;
			}
			init_control(&t->arch.vmcb->control, vm);
			init_save_real(&t->arch.vmcb->save, ipi->vector);
			svm_debug_init(t);
			t->arch.wait_for_sipi = false;
			t->state = VCPU_RUNNABLE;
			/* The sender spins until the AP answers: let the AP run now, not only
			 * at the next preemption tick (on a slow CPU model, such as Bochs's,
			 * a sender's bounded wait can end before a tick). */
			from->arch.yield = true;
		}
	}
}

/* The VMSA's general registers (APM vol. 2 Table B-4; Linux struct sev_es_save_area). Its
 * first part has the VMCB save area's layout, RAX and RSP included. */
static const struct { unsigned offset; size_t gpr; } vmsa_gprs[] = {
	{ 0x308, offsetof(struct svm_gprs, rcx) }, { 0x310, offsetof(struct svm_gprs, rdx) },
	{ 0x318, offsetof(struct svm_gprs, rbx) }, { 0x328, offsetof(struct svm_gprs, rbp) },
	{ 0x330, offsetof(struct svm_gprs, rsi) }, { 0x338, offsetof(struct svm_gprs, rdi) },
	{ 0x340, offsetof(struct svm_gprs, r8) },  { 0x348, offsetof(struct svm_gprs, r9) },
	{ 0x350, offsetof(struct svm_gprs, r10) }, { 0x358, offsetof(struct svm_gprs, r11) },
	{ 0x360, offsetof(struct svm_gprs, r12) }, { 0x368, offsetof(struct svm_gprs, r13) },
	{ 0x370, offsetof(struct svm_gprs, r14) }, { 0x378, offsetof(struct svm_gprs, r15) },
};

bool svm_vcpu_start_from_vmsa(struct vcpu *from, struct vcpu *t, const uint8_t *vmsa, uint64_t vmsa_gpa)
{
	struct vm *vm = from->vm;
	if (!t->arch.vmcb && !alloc_vcpu_pages(&t->arch)) {
		vm_fail(vm, "no memory for vCPU %u", t->id);
		return false;
	}
	struct arch_vcpu *a = &t->arch;
	init_control(&a->vmcb->control, vm);
	memcpy(&a->vmcb->save, vmsa, sizeof(a->vmcb->save));
	for (unsigned i = 0; i < sizeof(vmsa_gprs) / sizeof(vmsa_gprs[0]); i++)
		memcpy((uint8_t *)&a->gprs + vmsa_gprs[i].gpr, vmsa + vmsa_gprs[i].offset, 8);
	a->vmcb->control.guest_sev_features = vmsa_read64(vmsa, VMSA_SEV_FEATURES);
	a->vmcb->control.allowed_sev_features = vm->arch.sev.allowed;
	a->sev_es_vmsa.sealed = false;
	a->sev = (struct sev_vcpu){ .vmsa_gpa = vmsa_gpa };
	svm_debug_init(t);
	a->wait_for_sipi = false;
	t->state = VCPU_RUNNABLE;
	from->arch.yield = true;
	printf("testvisor: guest %s: vCPU %u created from its VMSA (SEV_FEATURES %#lx)\n",
	       vm->cfg.name, t->id, (unsigned long)a->vmcb->control.guest_sev_features);
	return true;
}

int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	struct vm *vm = vcpu->vm;
	struct arch_vcpu *a = &vcpu->arch;
	if (!alloc_vcpu_pages(a))
		return -1;

	static uint8_t boot_data[GUEST_BOOT_DATA_SIZE];
	uint32_t gpa = guest_boot_place(vm->ram_size, ipa_addr(vm->image_lowest),
					ipa_addr(vm->image_highest));
	if (!gpa) {
		printf("testvisor: guest %s: no room for the boot data beside the image\n", vm->cfg.name);
		return -2;
	}
	/* An SNP guest's secrets page is in the boot data: listed reserved, never RAM. */
	bool snp = vm->arch.sev.type == SEV_GUEST_SNP;
	uint32_t mbi = guest_boot_build(boot_data, gpa, vm->ram_size,
					snp || !vm->arch.boot_data_available, vm->cfg.name, vm->cfg.args);
	if (!mbi) {
		printf("testvisor: guest %s: command line too long for the boot data\n", vm->cfg.name);
		return -2;
	}
	if (snp) {
		guest_boot_add_secrets(boot_data, gpa);
		vm->arch.sev.secrets_gpa = gpa + GUEST_BOOT_SECRETS_OFFSET;
	}
	uint64_t mask = vm->arch.sev.cbit_mask, cr3 = mask ? guest_boot_page_tables(boot_data, gpa, mask) : 0,
		 entry64 = 0;
	bool bzimage = vm->image_format && !strcmp(vm->image_format, BZIMAGE_FORMAT);
	if (bzimage && mask) {
		printf("testvisor: guest %s: an SEV guest starts in 64-bit mode; a bzImage is entered "
		       "in 32-bit mode\n", vm->cfg.name);
		return -2;
	}
	if (bzimage) {
		char err[200];
		if (x86_linux_boot_prepare(vm, gpa, snp || !vm->arch.boot_data_available, err, sizeof(err))) {
			printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
			return -2;
		}
	}
	if (mask) {
		static uint8_t head[MB_HEADER_SEARCH];
		uint64_t span = ipa_addr(vm->image_highest) - ipa_addr(vm->image_lowest);
		size_t n = span < sizeof(head) ? (size_t)span : sizeof(head);
		if (vm_read(vm, vm->image_lowest, head, n))
			entry64 = mb_find_entry64(head, n);
		if (!entry64) {
			printf("testvisor: guest %s: an SEV guest starts in 64-bit mode: its image needs "
			       "the 64-bit entry after its multiboot header (\"tv64\")\n", vm->cfg.name);
			return -2;
		}
	}
	if (!vm_write(vm, ipa_init(gpa), boot_data, sizeof(boot_data)))
		return -3;
	vm->boot_data_ipa = ipa_init(gpa);
	vm->boot_data_size = sizeof(boot_data);
	init_control(&a->vmcb->control, vm);
	init_save(&a->vmcb->save, ipa_addr(entry), mbi);
	a->gprs.rbx = mbi;
	if (bzimage)
		init_save_linux(a);
	if (mask)
		init_save_long64(a, entry64, cr3, mbi, mask);
	svm_debug_init(vcpu);
	return sev_vcpu_launch(vcpu);
}

/* Lets the pending preemption tick into testvisor's handler (GIF is set, IF was clear). */
static void take_host_interrupt(void)
{
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

/* VMRUN, telling the CPU (when it honours clean bits) which VMCB field groups testvisor
 * left alone since the last #VMEXIT, so that it may keep its cached copies of them. */
static void enter_guest(struct arch_vcpu *a)
{
	/* TSC_AUX has no VMCB field: RDTSCP and RDPID in the guest read the CPU's, which
	 * holds the value of the vCPU that last wrote it here (msr_view.c). */
	static uint32_t cpu_tsc_aux;
	if (a->tsc_aux != cpu_tsc_aux) {
		wrmsr(MSR_TSC_AUX, a->tsc_aux);
		cpu_tsc_aux = a->tsc_aux;
	}
	if (!svm_caps.vmcb_clean) {
		x86_svm_vmrun(&a->gprs, pa_addr(a->vmcb_pa), a->fpu);
		return;
	}
	a->vmcb->control.clean_bits = vmcb_clean_bits(a->vmcb, a->clean_snap, a->clean_snap_valid);
	x86_svm_vmrun(&a->gprs, pa_addr(a->vmcb_pa), a->fpu);
	vmcb_clean_snapshot(a->vmcb, a->clean_snap);
	a->clean_snap_valid = true;
}

static void run_until_core(struct vcpu *vcpu);

void arch_vcpu_run(struct vcpu *vcpu)
{
	run_until_core(vcpu);
	if (x86_preempt_timer_is_one_shot())
		x86_preempt_timer_resume(); /* the core and other vCPUs get the periodic tick */
}

static void run_until_core(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct vmcb_control *c = &a->vmcb->control;
	/* A halted vCPU runs again once its local APIC has an interrupt for it. */
	if (vcpu->state == VCPU_WAITING && vapic_wake(vcpu))
		vcpu->state = VCPU_RUNNABLE;
	/* The core gets the CPU back after a tick period at the latest (its time budget,
	 * other vCPUs), whatever the guest's exits and the re-armed tick do. */
	uint64_t period = x86_preempt_period_cycles(), slice_end = arch_cycles() + period;
	while (vm_running(vcpu->vm) && vcpu->state == VCPU_RUNNABLE) {
		vapic_prepare_entry(vcpu);
		/* The emulated SEV backend checks what hardware checks at VMRUN. */
		if (sev_active(&vcpu->vm->arch.sev) && !sev_vmrun_gate(vcpu))
			c->exit_code = ~0ull; /* VMEXIT_INVALID */
		else {
			sev_es_unseal(vcpu); /* before tracing, which may set RFLAGS.TF */
			if (!svm_trace_before_run(vcpu))
				return; /* stopped at a break address */
			/* The guest's timer interrupt on time, not at the next tick. */
			x86_preempt_timer_within(vapic_timer_due_ns(vcpu));
			svm_debug_enter(vcpu);
			enter_guest(a);
			svm_debug_leave(vcpu);
		}
		c->tlb_control = 0;
		vcpu->exits++;
		vapic_exit(vcpu);
		/* An event cut short by the exit (e.g. a nested page fault while delivering an
		 * exception) is delivered again on the next entry. */
		c->event_inj = (c->exit_int_info & EVENT_VALID) ? c->exit_int_info : 0;
		/* The modelled SEV-ES CPU sees every exit, a host interrupt's too (it publishes
		 * the guest's IF and seals its registers). */
		enum sev_es_exit by_cpu = sev_es_cpu_exit(vcpu);
		if (c->exit_code == SVM_EXIT_INTR) {
			vcpu->last_exit = "intr";
			take_host_interrupt();
			return;
		}
		if (by_cpu == SEV_ES_STOP)
			return;
		bool to_hypervisor = by_cpu == SEV_ES_PLAIN || by_cpu == SEV_ES_AUTOMATIC;
		if (to_hypervisor && svm_handle_exit(vcpu) == EXIT_TO_CORE)
			return;
		if (a->yield) {
			a->yield = false;
			return;
		}
		if (period && arch_cycles() > slice_end)
			return;
	}
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_vcpu *a = &vcpu->arch;
	if (!a->vmcb) {
		printf("testvisor:   vCPU %u: not set up\n", vcpu->id);
		return;
	}
	const struct vmcb_save *s = &a->vmcb->save;
	const struct svm_gprs *g = &a->gprs;
	if (a->sev_es_vmsa.sealed)
		printf("testvisor:   vCPU %u: SEV-ES: general registers sealed in the VMSA (shown as 0)\n",
		       vcpu->id);
	printf("testvisor:   vCPU %u: %lu exits, last exit %s (code %#lx, info1 %#lx, info2 %#lx)\n",
	       vcpu->id, (unsigned long)vcpu->exits, vcpu->last_exit,
	       (unsigned long)a->vmcb->control.exit_code, (unsigned long)a->vmcb->control.exit_info1,
	       (unsigned long)a->vmcb->control.exit_info2);
	printf("testvisor:   RIP %016lx RSP %016lx RFLAGS %016lx CS %04x CPL %u\n",
	       (unsigned long)s->rip, (unsigned long)s->rsp,
	       (unsigned long)s->rflags, s->cs.selector, s->cpl);
	printf("testvisor:   RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n",
	       (unsigned long)s->rax, (unsigned long)g->rbx,
	       (unsigned long)g->rcx, (unsigned long)g->rdx);
	printf("testvisor:   RSI %016lx RDI %016lx RBP %016lx R8  %016lx\n",
	       (unsigned long)g->rsi, (unsigned long)g->rdi,
	       (unsigned long)g->rbp, (unsigned long)g->r8);
	printf("testvisor:   CR0 %016lx CR2 %016lx CR3 %016lx CR4 %016lx EFER %lx\n",
	       (unsigned long)s->cr0, (unsigned long)s->cr2,
	       (unsigned long)s->cr3, (unsigned long)s->cr4,
	       (unsigned long)s->efer);
}
