/* The SIE backend: where the SIE facility exists (LPAR, z/VM guests), the guest runs
 * under interpretive execution and testvisor only sees interceptions. The guest's memory
 * is testvisor's primary address space (the DAT tables of guest_mem.c, mapping guest
 * absolute addresses, memory origin 0), its PSW, control registers and timers travel in
 * the state description (sie.c), interruptions are delivered in software (irq.c) as
 * for the problem-state backend, and intercepted instructions go through the same
 * emulation table. QEMU's TCG has no SIE; this path runs on Hercules (docs/s390.md,
 * "SIE on Hercules") and is chosen when the probe in virt.c finds a working SIE. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "backend.h"
#include "s390_host.h"
#include "s390_vcpu.h"
#include "sie.h"

void sie_enter(uint8_t *sd, uint64_t *gprs);

/* The guest's facility list (STFLE interpretation): 31-bit addressable, in the BSS. */
static uint64_t facility_list[32] __attribute__((aligned(4096)));

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, 8);
	return v;
}

static int sie_vm_init(struct vm *vm)
{
	if (vm->ram_size % SIE_MEMORY_ALIGN)
		return -3;
	stfle(facility_list, 32);
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		vm->vcpus[i].arch.sie_block = hv_alloc_pages(1, 1);
		if (!pa_addr(vm->vcpus[i].arch.sie_block))
			return -2;
	}
	return 0;
}

static void sie_vm_destroy(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (pa_addr(vm->vcpus[i].arch.sie_block))
			hv_free_pages(vm->vcpus[i].arch.sie_block, 1);
}

static void sie_slice_start(struct vcpu *vcpu)
{
	/* The guest's AFP registers work only with the host's CR0.AFP on too (measured on
	 * Hercules: a data exception, DXC 1, otherwise). testvisor is soft-float, so
	 * leaving it on costs nothing. */
	lctlg0(stctg(0) | CR0_AFP);
	lctlg1(dat_asce(vcpu->vm));
	ptlb();
}

/* The vCPU's state into a fresh state description. */
static bool load_block(struct vcpu *vcpu, uint8_t *sd)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct sie_setup s = {
		.mso = 0, .mem_size = vcpu->vm->ram_size, .prefix = a->prefix,
		.cpu_addr = (uint16_t)vcpu->id, .psw_mask = a->psw_mask, .psw_addr = a->psw_addr,
		.gg14 = a->ctx.gprs[14], .gg15 = a->ctx.gprs[15],
		.facility_list = (uint32_t)(uintptr_t)facility_list,
	};
	memcpy(s.cr, a->cr, sizeof(s.cr));
	const char *why = "";
	if (!sie_block_init(sd, &s, &why)) {
		vm_fail(vcpu->vm, "SIE state description refused: %s", why);
		return false;
	}
	struct sie_held held;
	irq_held(vcpu, &held);
	sie_request_interventions(sd, &held);
	uint64_t now = arch_cycles();
	uint64_t cputm = (uint64_t)a->cpu_timer_at - now;
	__builtin_memcpy(sd + SD_CKC, &a->ckc, 8);
	__builtin_memcpy(sd + SD_EPOCH, &a->tod_epoch, 8);
	__builtin_memcpy(sd + SD_CPUTM, &cputm, 8);
	return true;
}

/* ... and back out of it after SIE. */
static void store_block(struct vcpu *vcpu, const uint8_t *sd)
{
	struct arch_vcpu *a = &vcpu->arch;
	a->psw_mask = get64(sd + SD_GPSW);
	a->psw_addr = get64(sd + SD_GPSW + 8);
	a->ctx.gprs[14] = get64(sd + SD_GG14);
	a->ctx.gprs[15] = get64(sd + SD_GG15);
	for (int i = 0; i < 16; i++)
		a->cr[i] = get64(sd + SD_GCR + 8 * i);
	uint32_t prefix;
	__builtin_memcpy(&prefix, sd + SD_PREFIX, 4);
	a->prefix = prefix & 0x7fffe000u;
	a->ckc = get64(sd + SD_CKC);
	a->cpu_timer_at = (int64_t)(arch_cycles() + get64(sd + SD_CPUTM));
}

static enum exit_action emulate_intercepted(struct vcpu *vcpu, const uint8_t *sd)
{
	uint8_t bytes[6];
	__builtin_memcpy(bytes, sd + SD_IPA, 2);
	__builtin_memcpy(bytes + 2, sd + SD_IPB, 4);
	return emulate_insn(vcpu, bytes, insn_length(bytes[0]));
}

/* A program interruption SIE intercepted goes to the guest with its code, ILC and the
 * fields stored beside them; the state description's PSW is already the old PSW. */
static void reflect_program(struct vcpu *vcpu, const uint8_t *sd)
{
	struct sie_program p = sie_program_interruption(sd, guest_lowcore(vcpu));
	vcpu->arch.last_pgm_code = p.code;
	irq_program(vcpu, p.code, p.ilc);
}

static enum exit_action handle_intercept(struct vcpu *vcpu, const uint8_t *sd)
{
	uint8_t code = sd[SD_ICPTCODE];
	if (code == 0) {
		vcpu->last_exit = "time slice";
		return EXIT_TO_CORE; /* testvisor's CPU timer took the CPU out of SIE */
	}
	const struct sie_intercept *icpt = sie_intercept_lookup(code);
	if (!icpt) {
		vcpu->last_exit = "unknown SIE interception";
		vm_fail(vcpu->vm, "unknown SIE interception code 0x%02x", code);
		return EXIT_TO_CORE;
	}
	vcpu->last_exit = icpt->name;
	switch (icpt->action) {
	case SIE_ICPT_EMULATE:
		return emulate_intercepted(vcpu, sd);
	case SIE_ICPT_EMULATE_AND_PROGRAM: {
		enum exit_action next = emulate_intercepted(vcpu, sd);
		if (vm_running(vcpu->vm))
			reflect_program(vcpu, sd);
		return next;
	}
	case SIE_ICPT_PROGRAM:
		reflect_program(vcpu, sd);
		return EXIT_RESUME;
	case SIE_ICPT_EXTERNAL: {
		struct sie_external e = sie_external_interruption(sd);
		irq_external(vcpu, e.code, e.cpu, e.param);
		return EXIT_RESUME;
	}
	case SIE_ICPT_VALIDITY: {
		uint32_t ipb;
		__builtin_memcpy(&ipb, sd + SD_IPB, 4);
		vm_fail(vcpu->vm, "SIE validity interception, reason 0x%04x", ipb >> 16);
		return EXIT_TO_CORE;
	}
	case SIE_ICPT_LOOK:
		break;
	}
	return EXIT_RESUME; /* wait state, requests: the common loop handles them */
}

static enum exit_action sie_run_once(struct vcpu *vcpu)
{
	uint8_t *sd = ptr_from_pa(vcpu->arch.sie_block);
	if (!load_block(vcpu, sd))
		return EXIT_TO_CORE;
	sie_enter(sd, vcpu->arch.ctx.gprs);
	store_block(vcpu, sd);
	return handle_intercept(vcpu, sd);
}

const struct guest_backend backend_sie = {
	.name = "SIE (interpretive execution)",
	.vm_init = sie_vm_init,
	.vm_destroy = sie_vm_destroy,
	.slice_start = sie_slice_start,
	.enter = sie_run_once,
};
