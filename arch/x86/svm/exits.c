/* #VMEXIT dispatch: a table keyed by exit code, one handler per kind of exit. */
#include <hv/vm.h>
#include <stdio.h>
#include <cpu.h>
#include <x86/cpu_view.h>
#include <x86/host.h>
#include <hypercall.h>
#include <x86/exit_assist.h>
#include <x86/fault_merge.h>
#include <x86/insn.h>
#include <x86/msr_view.h>
#include <x86/sev.h>
#include <x86/sev_policy.h>
#include <x86/snp_rmp_insn.h>
#include <x86/string_io.h>
#include <x86/svm.h>
#include <x86/debug_trace.h>

typedef enum exit_action (*exit_handler_t)(struct vcpu *vcpu, struct vmcb *v);

struct exit_kind {
	const char *name;
	exit_handler_t handler;
};

static enum exit_action resume_after(struct vcpu *vcpu)
{
	return svm_skip_instruction(vcpu) ? EXIT_RESUME : EXIT_TO_CORE;
}

struct cpuid_regs svm_guest_cpuid(const struct vcpu *vcpu, uint32_t leaf, uint32_t subleaf)
{
	const struct arch_vm *a = &vcpu->vm->arch;
	return cpu_view_identity(cpu_view_filter(a->cpuid_hidden, a->sev_cpuid, leaf, subleaf,
						 cpuid(leaf, subleaf)),
				 leaf, vcpu->id);
}

static enum exit_action exit_cpuid(struct vcpu *vcpu, struct vmcb *v)
{
	struct cpuid_regs r = svm_guest_cpuid(vcpu, (uint32_t)v->save.rax, (uint32_t)vcpu->arch.gprs.rcx);
	v->save.rax = r.eax;
	vcpu->arch.gprs.rbx = r.ebx;
	vcpu->arch.gprs.rcx = r.ecx;
	vcpu->arch.gprs.rdx = r.edx;
	return resume_after(vcpu);
}

static enum exit_action exit_msr(struct vcpu *vcpu, struct vmcb *v)
{
	uint32_t msr = (uint32_t)vcpu->arch.gprs.rcx;
	enum msr_result r;
	if (v->control.exit_info1) {
		uint64_t val = (uint32_t)v->save.rax | (vcpu->arch.gprs.rdx << 32);
		r = msr_view_write(vcpu, msr, val);
	} else {
		uint64_t val = 0;
		r = msr_view_read(vcpu, msr, &val);
		if (r == MSR_OK) {
			v->save.rax = (uint32_t)val;
			vcpu->arch.gprs.rdx = val >> 32;
		}
	}
	if (r == MSR_GP) {
		svm_inject_exception(vcpu, X86_GP, true, 0);
		return EXIT_RESUME;
	}
	return resume_after(vcpu);
}

/* The linear address of a string instruction's memory operand: in 64-bit mode only FS
 * and GS have a base (APM vol. 2 §4.12.2); limits are not checked (assumption: the
 * flat segments of testvisor's guests). */
#define SEG_ATTRIB_L (1u << 9)
#define SEG_ATTRIB_DB (1u << 10)
static bool in_long_mode(const struct vmcb_save *s)
{
	return (s->efer & EFER_LMA) && (s->cs.attrib & SEG_ATTRIB_L);
}

static uint64_t string_io_linear(const struct vmcb_save *s, enum x86_seg seg, uint64_t offset)
{
	const struct vmcb_seg *segs[] = { &s->es, &s->cs, &s->ss, &s->ds, &s->fs, &s->gs };
	if (in_long_mode(s))
		return (seg == SEG_FS || seg == SEG_GS ? segs[seg]->base : 0) + offset;
	return (segs[seg]->base + offset) & 0xffffffffull;
}

/* One iteration of INS/OUTS per exit: with REP and iterations left, RIP stays on the
 * instruction, which exits again (an interrupt window between iterations is what the
 * hardware has too). */
static enum exit_action exit_string_io(struct vcpu *vcpu, struct vmcb *v, uint16_t port)
{
	struct svm_gprs *g = &vcpu->arch.gprs;
	struct string_io sio;
	uint8_t bytes[X86_MAX_INSN_LEN];
	uint64_t len = v->control.exit_info2 - v->save.rip;
	if (!string_io_decode(v->control.exit_info1, &sio) || len == 0 || len > sizeof(bytes) ||
	    !svm_read_guest_virt(vcpu, v->save.rip, bytes, len)) {
		vm_fail(vcpu->vm, "string port I/O on port %#x: exit information %#lx or the "
			"instruction at %#lx cannot be read", port,
			(unsigned long)v->control.exit_info1, (unsigned long)v->save.rip);
		return EXIT_TO_CORE;
	}
	if (!sio.addr_bits) /* QEMU's TCG leaves A16/A32/A64 clear */
		sio.addr_bits = string_io_mode_addr_bits(in_long_mode(&v->save),
							 v->save.cs.attrib & SEG_ATTRIB_DB, bytes, len);
	uint64_t *index = sio.in ? &g->rdi : &g->rsi;
	if (string_io_count(&sio, g->rcx)) {
		enum x86_seg seg = sio.in ? SEG_ES : string_io_source_segment(bytes, len);
		uint64_t gva = string_io_linear(&v->save, seg, string_io_offset(&sio, *index));
		uint64_t val = 0;
		bool ok;
		if (sio.in) {
			if (!vm_pio_access(vcpu, port, sio.size, false, &val))
				val = ~0ull; /* floats high, as for IN */
			ok = svm_write_guest_virt(vcpu, gva, &val, sio.size);
		} else {
			ok = svm_read_guest_virt(vcpu, gva, &val, sio.size);
			if (ok)
				vm_pio_access(vcpu, port, sio.size, true, &val);
		}
		if (!ok) {
			vm_fail(vcpu->vm, "%s on port %#x: memory operand at %#lx is not mapped "
				"(testvisor injects no #PF for it)", sio.in ? "INS" : "OUTS", port,
				(unsigned long)gva);
			return EXIT_TO_CORE;
		}
		string_io_advance(&sio, v->save.rflags & RFLAGS_DF, index, &g->rcx);
	}
	if (string_io_count(&sio, g->rcx) && sio.rep)
		return vm_running(vcpu->vm) ? EXIT_RESUME : EXIT_TO_CORE;
	v->save.rip = v->control.exit_info2;
	svm_single_step_trap(vcpu);
	return vm_running(vcpu->vm) ? EXIT_RESUME : EXIT_TO_CORE;
}

static enum exit_action exit_ioio(struct vcpu *vcpu, struct vmcb *v)
{
	uint64_t info = v->control.exit_info1;
	uint16_t port = (uint16_t)(info >> IOIO_PORT_SHIFT);
	unsigned size = (info >> IOIO_SIZE_SHIFT) & 7; /* one-hot: 1, 2 or 4 bytes */
	if (info & IOIO_STRING)
		return exit_string_io(vcpu, v, port);
	uint64_t mask = size == 4 ? 0xffffffffull : size == 2 ? 0xffff : 0xff;
	if (info & IOIO_IN) {
		uint64_t val = 0;
		/* A port nobody decodes floats high, as on the PC. */
		if (!vm_pio_access(vcpu, port, size, false, &val))
			val = ~0ull;
		v->save.rax = (v->save.rax & ~mask) | (val & mask);
	} else {
		uint64_t val = v->save.rax & mask;
		vm_pio_access(vcpu, port, size, true, &val);
	}
	v->save.rip = v->control.exit_info2; /* the CPU reports the next RIP for IOIO */
	svm_single_step_trap(vcpu);
	return vm_running(vcpu->vm) ? EXIT_RESUME : EXIT_TO_CORE;
}

static enum exit_action exit_hlt(struct vcpu *vcpu, struct vmcb *v)
{
	if (!svm_guest_if(vcpu)) {
		vm_fail(vcpu->vm, "guest halted with interrupts disabled (it can never wake up)");
		return EXIT_TO_CORE;
	}
	if (!svm_skip_instruction(vcpu))
		return EXIT_TO_CORE;
	vcpu->state = VCPU_WAITING; /* until the local APIC has an interrupt (vapic.c) */
	return EXIT_TO_CORE;
}

/* VMGEXIT is REP VMMCALL. A real SEV-ES/SNP guest exits with code 0x403; a guest of the
 * emulated backend runs unencrypted, so its VMGEXIT arrives as a VMMCALL exit. */
#define VMMCALL_LEN 3 /* 0F 01 D9 */
bool svm_is_vmgexit(struct vcpu *vcpu)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	struct x86_insn insn;
	if (!sev_active(&vcpu->vm->arch.sev))
		return false;
	/* With nRIP, a VMMCALL without prefixes needs no decoding: only a longer one may be
	 * REP VMMCALL. */
	if (svm_next_rip_source(svm_caps.nrip_save, v->control.exit_code) == NEXT_RIP_NRIP &&
	    svm_nrip_insn_len(v->save.rip, v->control.next_rip) == VMMCALL_LEN)
		return false;
	return svm_decode_current(vcpu, &insn) > 0 && insn.rep_prefix;
}

bool svm_hypercall(struct vcpu *vcpu, uint64_t nr, const uint64_t args[3], uint64_t *result)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	switch (nr) {
	case HC_NOP:
		*result = 0;
		return true;
	case HC_SEV_HV_SET_TSC_OFFSET:
		*result = sev_hv_set_tsc_offset(vcpu, args[0]) ? 0 : 1;
		return true;
	case HC_SEV_TRY_LAUNCH:
		*result = sev_try_launch(args[0], args[1], args[2] == 1) ? HC_LAUNCH_RUNS
									 : HC_LAUNCH_VMEXIT_INVALID;
		return true;
	case HC_TIME_NS:
		*result = x86_tsc_hz() ? (uint64_t)((unsigned __int128)rdtsc() * 1000000000u / x86_tsc_hz()) : 0;
		return true;
	case HC_SEV_GUEST_FEATURES:
		*result = v->control.guest_sev_features;
		return true;
	case HC_ASID:
		*result = v->control.guest_asid;
		return true;
	default:
		vm_fail(vcpu->vm, "unknown hypercall %#lx (VMMCALL)", (unsigned long)nr);
		return false;
	}
}

static enum exit_action exit_vmmcall(struct vcpu *vcpu, struct vmcb *v)
{
	const struct svm_gprs *g = &vcpu->arch.gprs;
	if (svm_is_vmgexit(vcpu))
		return sev_handle_vmgexit(vcpu) ? resume_after(vcpu) : EXIT_TO_CORE;
	const uint64_t args[3] = { g->rbx, g->rcx, g->rdx };
	uint64_t result;
	if (!svm_hypercall(vcpu, v->save.rax, args, &result))
		return EXIT_TO_CORE;
	v->save.rax = result;
	return resume_after(vcpu);
}

/* SVM instructions: the guest has no SVM (CPUID hides it, EFER.SVME reads 0), so they
 * raise #UD, exactly as on a CPU where the guest did not enable SVM. */
static enum exit_action exit_svm_insn(struct vcpu *vcpu, struct vmcb *v)
{
	svm_inject_exception(vcpu, X86_UD, false, 0);
	return EXIT_RESUME;
}

static enum exit_action exit_skip(struct vcpu *vcpu, struct vmcb *v)
{
	return resume_after(vcpu);
}

static enum exit_action exit_to_core(struct vcpu *vcpu, struct vmcb *v)
{
	return EXIT_TO_CORE;
}

static enum exit_action exit_npf(struct vcpu *vcpu, struct vmcb *v)
{
	uint64_t err = v->control.exit_info1, gpa = v->control.exit_info2;
	if (!(err & NPF_FETCH) && svm_mmio_emulate(vcpu, gpa))
		return vm_running(vcpu->vm) ? EXIT_RESUME : EXIT_TO_CORE;
	if (!vm_running(vcpu->vm))
		return EXIT_TO_CORE;
	const char *what = (err & NPF_FETCH) ? "executed at" : (err & NPF_WRITE) ? "wrote to" : "read from";
	/* An SNP guest's two views of its RAM (vm.c): which one the access missed, and why. */
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	uint64_t page = gpa & ~s->cbit_mask;
	if (s->type == SEV_GUEST_SNP && s->cbit_mask && page < vcpu->vm->ram_size) {
		bool cbit = gpa & s->cbit_mask;
		if (cbit && !sev_page_shared(s, page) && s->pages && !s->pages[page >> 12].validated)
			vm_fail(vcpu->vm, "guest %s private page %#lx, which it has not validated "
				"(PVALIDATE; a #VC on hardware)", what, (unsigned long)page);
		else
			vm_fail(vcpu->vm, "guest %s %s page %#lx with the C-bit %s (an RMP violation on "
				"hardware)", what, cbit ? "shared" : "private", (unsigned long)page,
				cbit ? "set" : "clear");
		return EXIT_TO_CORE;
	}
	vm_fail(vcpu->vm, "guest %s guest-physical %#lx, which it does not own (nested page fault, error %#lx)",
		what, (unsigned long)gpa, (unsigned long)err);
	return EXIT_TO_CORE;
}

/* MOV to CR8 (0F 22 /r with ModRM.reg 8 through REX.R): the source is ModRM.rm with
 * REX.B; decoded, as QEMU offers no decode assists. */
static enum exit_action exit_cr8_write(struct vcpu *vcpu, struct vmcb *v)
{
	struct x86_insn insn;
	if (svm_decode_current(vcpu, &insn) <= 0 || insn.map != INSN_MAP_0F || insn.opcode != 0x22) {
		vm_fail(vcpu->vm, "CR8 write by an instruction testvisor does not decode");
		return EXIT_TO_CORE;
	}
	unsigned reg = (insn.modrm & 7) | (insn.rex & 1 ? 8 : 0);
	if (!vapic_cr8_write(vcpu, svm_gpr_get(vcpu, reg))) {
		svm_inject_exception(vcpu, X86_GP, true, 0);
		return EXIT_RESUME;
	}
	return resume_after(vcpu);
}

/* IRET is intercepted only while an NMI's handler runs (vapic.c). */
static enum exit_action exit_iret(struct vcpu *vcpu, struct vmcb *v)
{
	vapic_nmi_iret(vcpu);
	return EXIT_RESUME;
}

/* The interrupt window asked for by vapic.c opened: the pending interrupt is injected
 * before the next VMRUN (vapic_prepare_entry). */
static enum exit_action exit_vintr(struct vcpu *vcpu, struct vmcb *v)
{
	return EXIT_RESUME;
}

static enum exit_action exit_shutdown(struct vcpu *vcpu, struct vmcb *v)
{
	vm_fail(vcpu->vm, "guest triple-faulted (shutdown)");
	return EXIT_TO_CORE;
}

static enum exit_action exit_machine_check(struct vcpu *vcpu, struct vmcb *v)
{
	vm_fail(vcpu->vm, "machine check while the guest ran");
	return EXIT_TO_CORE;
}

/* On hardware a VMGEXIT's state lives in the GHCB/VMSA; RIP advances by itself. */
static enum exit_action exit_vmgexit(struct vcpu *vcpu, struct vmcb *v)
{
	return sev_handle_vmgexit(vcpu) ? EXIT_RESUME : EXIT_TO_CORE;
}

/* RDTSC(P) exit only for Secure TSC guests: the TSC they see comes from the launch. */
static enum exit_action exit_rdtsc(struct vcpu *vcpu, struct vmcb *v)
{
	uint64_t tsc = sev_guest_tsc(vcpu);
	v->save.rax = (uint32_t)tsc;
	vcpu->arch.gprs.rdx = tsc >> 32;
	if (v->control.exit_code == SVM_EXIT_RDTSCP)
		vcpu->arch.gprs.rcx = 0; /* TSC_AUX: vCPU 0 */
	return resume_after(vcpu);
}

/* #DB is intercepted only while testvisor traces the guest (debug_trace.c). */
static enum exit_action exit_db(struct vcpu *vcpu, struct vmcb *v)
{
	svm_trace_db_exit(vcpu, v);
	return EXIT_RESUME;
}

/* A fault intercepted only because testvisor steps the guest (debug_trace.c): given back
 * as it was, its error code and (#PF) CR2 with it. */
#define FAULTS_WITH_ERROR_CODE (1u << 10 | 1u << 11 | 1u << 12 | 1u << 13 | 1u << 14 | 1u << 17)
static enum exit_action exit_reflect_fault(struct vcpu *vcpu, struct vmcb *v)
{
	unsigned vector = (unsigned)(v->control.exit_code - SVM_EXIT_EXCP_BASE);
	uint64_t was = v->control.exit_int_info; /* an event this fault interrupted */
	bool was_exception = (was & EVENT_VALID) && (was & (7ull << 8)) == EVENT_TYPE_EXCEPTION;
	switch (fault_merge(was_exception, (unsigned)(was & 0xff), vector)) {
	case FAULT_SHUTDOWN:
		vm_fail(vcpu->vm, "guest triple-faulted (shutdown)");
		return EXIT_TO_CORE;
	case FAULT_DOUBLE:
		svm_inject_exception(vcpu, X86_DF, true, 0);
		return EXIT_RESUME;
	case FAULT_DELIVER:
		break;
	}
	if (vector == X86_PF)
		v->save.cr2 = v->control.exit_info2;
	svm_inject_exception(vcpu, vector, (FAULTS_WITH_ERROR_CODE >> vector) & 1,
			     (uint32_t)v->control.exit_info1);
	return EXIT_RESUME;
}

static const struct exit_kind exit_table[] = {
	[SVM_EXIT_EXCP_BASE + 0] = { "exception #DE", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 5] = { "exception #BR", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 6] = { "exception #UD", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 7] = { "exception #NM", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 10] = { "exception #TS", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 11] = { "exception #NP", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 12] = { "exception #SS", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 13] = { "exception #GP", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 14] = { "exception #PF", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 16] = { "exception #MF", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 17] = { "exception #AC", exit_reflect_fault },
	[SVM_EXIT_EXCP_BASE + 19] = { "exception #XM", exit_reflect_fault },
	[SVM_EXIT_WRITE_CR8] = { "write cr8", exit_cr8_write },
	[SVM_EXIT_EXCP_BASE + X86_DB] = { "exception #DB", exit_db },
	[SVM_EXIT_EXCP_BASE + X86_MC] = { "exception #MC", exit_machine_check },
	[SVM_EXIT_NMI] = { "nmi", exit_to_core },
	[SVM_EXIT_SMI] = { "smi", exit_to_core },
	[SVM_EXIT_INIT] = { "init", exit_to_core },
	[SVM_EXIT_VINTR] = { "vintr", exit_vintr },
	[SVM_EXIT_CPUID] = { "cpuid", exit_cpuid },
	[SVM_EXIT_IRET] = { "iret", exit_iret },
	[SVM_EXIT_RDTSC] = { "rdtsc", exit_rdtsc },
	[SVM_EXIT_INVD] = { "invd", exit_skip },
	[SVM_EXIT_HLT] = { "hlt", exit_hlt },
	[SVM_EXIT_IOIO] = { "ioio", exit_ioio },
	[SVM_EXIT_MSR] = { "msr", exit_msr },
	[SVM_EXIT_SHUTDOWN] = { "shutdown", exit_shutdown },
	[SVM_EXIT_VMRUN] = { "vmrun", exit_svm_insn },
	[SVM_EXIT_VMMCALL] = { "vmmcall", exit_vmmcall },
	[SVM_EXIT_VMLOAD] = { "vmload", exit_svm_insn },
	[SVM_EXIT_VMSAVE] = { "vmsave", exit_svm_insn },
	[SVM_EXIT_STGI] = { "stgi", exit_svm_insn },
	[SVM_EXIT_CLGI] = { "clgi", exit_svm_insn },
	[SVM_EXIT_SKINIT] = { "skinit", exit_svm_insn },
	[SVM_EXIT_RDTSCP] = { "rdtscp", exit_rdtsc },
};
#define EXIT_TABLE_SIZE (sizeof(exit_table) / sizeof(exit_table[0]))

/* Exit codes above the dense range. */
static const struct { uint64_t code; struct exit_kind kind; } sparse_exits[] = {
	{ SVM_EXIT_NPF, { "npf", exit_npf } },
	{ SVM_EXIT_VMGEXIT, { "vmgexit", exit_vmgexit } },
};

static const struct exit_kind *lookup(uint64_t code)
{
	if (code < EXIT_TABLE_SIZE && exit_table[code].handler)
		return &exit_table[code];
	for (size_t i = 0; i < sizeof(sparse_exits) / sizeof(sparse_exits[0]); i++)
		if (sparse_exits[i].code == code)
			return &sparse_exits[i].kind;
	return NULL;
}

const char *svm_exit_name(uint64_t code)
{
	if ((uint32_t)code == SVM_EXIT_INVALID_LOW32)
		return "invalid";
	if (code == SVM_EXIT_INTR)
		return "intr";
	const struct exit_kind *k = lookup(code);
	return k ? k->name : "unknown";
}

enum exit_action svm_handle_exit(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	uint64_t code = v->control.exit_code;
	if ((uint32_t)code == SVM_EXIT_INVALID_LOW32) {
		vcpu->last_exit = "invalid";
		vm_fail(vcpu->vm, "VMRUN failed with VMEXIT_INVALID: %s", sev_invalid_reason(vcpu));
		return EXIT_TO_CORE;
	}
	const struct exit_kind *k = lookup(code);
	if (!k) {
		vcpu->last_exit = "unknown";
		vm_fail(vcpu->vm, "unexpected #VMEXIT code %#lx", (unsigned long)code);
		return EXIT_TO_CORE;
	}
	vcpu->last_exit = k->name;
	return k->handler(vcpu, v);
}
