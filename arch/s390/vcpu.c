/* Running a guest without SIE: the guest's PSW is kept virtually; testvisor loads a real
 * PSW in problem state with DAT on (the guest's real space, see guest_mem.c), the guest's
 * condition code and program mask, and external interruptions enabled for testvisor's
 * CPU timer. Every interruption returns here (entry.S): a privileged-operation exception
 * is emulated, other program interruptions and SVCs are passed to the guest through its
 * lowcore, and the CPU timer ends a time slice so the core can enforce the budget. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "s390_host.h"
#include "s390_vcpu.h"

#define SLICE_TOD (10000ULL * TOD_TICKS_PER_US)   /* 10 ms time slice */
#define GUEST_PSW_PASSTHROUGH (PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_EA | PSW_MASK_BA)
#define PARM_CMDLINE 0x10480
#define PARM_CMDLINE_MAX 0x380

int arch_vm_init(struct vm *vm)
{
	vm->boot_data_ipa = ipa_init(0);
	vm->boot_data_size = 0x2000; /* the guest's lowcore: no image may load over it */
	css_init(&vm->arch.css);
	return dat_vm_init(vm);
}

void arch_vm_destroy(struct vm *vm)
{
	dat_vm_destroy(vm);
}

int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	return dat_map(vm, ipa_addr(ipa), pa, len);
}

/* Like QEMU's IPL of a -kernel image: 64-bit mode, DAT and interruptions off, prefix 0,
 * control registers at their reset values, the command line at 0x10480. */
int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct vm *vm = vcpu->vm;
	memset(a, 0, sizeof(*a));
	a->psw_mask = PSW_MASK_64;
	a->psw_addr = ipa_addr(entry);
	a->cr[0] = 0xe0;
	a->cr[14] = 0xc2000000;
	a->cpu_timer_at = (int64_t)arch_cycles();
	a->last_insn = "none";
	size_t n = strlen(vm->cfg.args);
	if (n >= PARM_CMDLINE_MAX)
		return -1;
	if (n && !vm_write(vm, ipa_init(PARM_CMDLINE), vm->cfg.args, n + 1))
		return -2;
	return 0;
}

/* Program interruptions of the DAT testvisor set up mean the guest touched memory it
 * does not have: for a guest with DAT off that is an addressing exception. */
static bool is_translation_exception(uint16_t code)
{
	return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION ||
	       code == PGM_ASCE_TYPE || (code >= PGM_REGION_FIRST && code <= PGM_REGION_THIRD) ||
	       code == PGM_TRANSLATION_SPEC;
}

static void handle_program(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint16_t code = LC16(LC_PGM_CODE) & PGM_CODE_MASK;
	unsigned ilc = LC16(LC_PGM_ILC) & 0x6;
	a->last_pgm_code = code;
	a->last_tea = LC64(LC_TRANS_EXC_CODE);
	if (code == PGM_PRIVILEGED_OP) {
		vcpu->last_exit = "privileged operation";
		emulate_privileged(vcpu, ilc);
		return;
	}
	if (is_translation_exception(code)) {
		/* Translation exceptions nullify (the PSW points at the instruction); the
		 * addressing exception the guest gets suppresses: the PSW moves past the
		 * instruction. For an instruction fetch, as QEMU does, by one halfword (ILC 1). */
		bool ifetch = (a->last_tea & ~0xfffULL) == (a->psw_addr & ~0xfffULL);
		unsigned len = ifetch ? 2 : ilc;
		vcpu->last_exit = "addressing (outside guest memory)";
		a->psw_addr += len;
		irq_program(vcpu, PGM_ADDRESSING, len);
		return;
	}
	vcpu->last_exit = "program interruption";
	irq_program(vcpu, code, ilc);
}

static void handle_exit(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	switch (a->ctx.exit_kind) {
	case EXIT_PGM:
		handle_program(vcpu);
		break;
	case EXIT_SVC:
		vcpu->last_exit = "supervisor call";
		irq_svc(vcpu, LC16(LC_SVC_CODE),
			LC16(LC_SVC_ILC) & 0x6);
		break;
	case EXIT_EXT:
		vcpu->last_exit = "time slice";
		break;
	default:
		vm_fail(vcpu->vm, "unexpected host interruption (kind %lu) while the guest ran",
			(unsigned long)a->ctx.exit_kind);
		break;
	}
}

/* A wait PSW: disabled means the guest ended (0xfff = success, else the status); enabled
 * means it idles until an interruption it enabled is pending. */
static bool handle_wait(struct vcpu *vcpu, uint64_t slice_end)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!psw_enables_interrupts(a->psw_mask)) {
		uint64_t addr = a->psw_addr;
		vcpu->last_exit = "disabled wait";
		/* Payloads put a non-zero status at bits 4 and up (see guest/lib/s390). */
		int status = addr == WAIT_ADDR_SUCCESS ? 0 : (int)(addr >> 4);
		vm_guest_exit(vcpu->vm, addr != WAIT_ADDR_SUCCESS && !status ? 1 : status);
		return false;
	}
	while (!irq_any_enabled_pending(vcpu))
		if (arch_cycles() > slice_end)
			return false;
	return true;
}

void arch_vcpu_run(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct vm *vm = vcpu->vm;
	uint64_t slice_end = arch_cycles() + SLICE_TOD;
	lctlg1(dat_asce(vm));
	ptlb();
	/* The CPU timer runs on while testvisor handles exits: set once per slice. */
	set_cpu_timer((int64_t)SLICE_TOD);
	while (vm_running(vm)) {
		irq_deliver_pending(vcpu);
		if (!vm_running(vm))
			break;
		if (a->psw_mask & PSW_MASK_WAIT) {
			if (!handle_wait(vcpu, slice_end))
				return;
			continue; /* delivered at the top: the wait PSW becomes the old PSW */
		}
		if (a->psw_mask & PSW_MASK_DAT) {
			vm_fail(vm, "the guest turned DAT on: guest address translation is not emulated without SIE");
			return;
		}
		uint64_t now = arch_cycles();
		if (now >= slice_end)
			return;
		a->ctx.psw_mask = PSW_MASK_DAT | PSW_MASK_EXT | PSW_MASK_PSTATE |
				  (a->psw_mask & GUEST_PSW_PASSTHROUGH);
		a->ctx.psw_addr = a->psw_addr;
		guest_enter(&a->ctx);
		vcpu->exits++;
		a->psw_mask = (a->psw_mask & ~GUEST_PSW_PASSTHROUGH) |
			      (a->ctx.psw_mask & GUEST_PSW_PASSTHROUGH);
		a->psw_addr = a->ctx.psw_addr;
		handle_exit(vcpu);
	}
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_vcpu *a = &vcpu->arch;
	printf("testvisor: vCPU %u: PSW %016lx %016lx prefix %08x, last exit: %s\n", vcpu->id,
	       (unsigned long)a->psw_mask, (unsigned long)a->psw_addr, a->prefix,
	       vcpu->last_exit ? vcpu->last_exit : "none");
	printf("testvisor:   last program interruption 0x%04lx, translation-exception address %016lx\n",
	       (unsigned long)a->last_pgm_code, (unsigned long)a->last_tea);
	printf("testvisor:   %lu exits, %lu instructions emulated, %lu interruptions reflected\n",
	       (unsigned long)vcpu->exits, (unsigned long)a->emulated,
	       (unsigned long)a->reflected);
	for (int i = 0; i < 16; i += 4)
		printf("testvisor:   r%-2d %016lx %016lx %016lx %016lx\n", i,
		       (unsigned long)a->ctx.gprs[i], (unsigned long)a->ctx.gprs[i + 1],
		       (unsigned long)a->ctx.gprs[i + 2], (unsigned long)a->ctx.gprs[i + 3]);
	printf("testvisor:   cr0 %016lx cr6 %016lx cr14 %016lx\n", (unsigned long)a->cr[0],
	       (unsigned long)a->cr[6], (unsigned long)a->cr[14]);
}
