/* PVALIDATE and RMPADJUST carried out by the emulated backend's modelled SNP CPU: QEMU's
 * TCG raises #UD for both, which testvisor intercepts for SNP guests; what the instruction
 * does to the page is x86/snp_rmp_insn.h, which page of the guest's RAM it names the
 * guest's own page tables say. A page that is not the guest's private RAM ends the guest
 * with the reason (on hardware a #PF or an RMP violation). */
#include <hv/vm.h>
#include <x86/sev.h>
#include <x86/snp_rmp_insn.h>
#include <x86/svm.h>

#define INSN_LEN 4
#define RFLAGS_ARITH 0x8d5ull /* CF PF AF ZF SF OF */
#define RFLAGS_CF 1ull

/* The C-bit view after a PVALIDATE: the page, or all 512 of a 2 MiB request. */
static bool views(struct vm *vm, struct snp_rmp_op op, uint64_t gpa)
{
	uint64_t first = op.large ? gpa & ~(SNP_RMP_2M_PAGES * 4096ull - 1) : gpa & ~0xfffull;
	bool validated = op.region[op.large ? 0 : op.idx].validated;
	for (unsigned i = 0; i < (op.large ? SNP_RMP_2M_PAGES : 1); i++)
		if (!svm_snp_views(vm, first + i * 4096ull, false, validated))
			return false;
	return true;
}

enum sev_es_exit sev_rmp_cpu_insn(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct sev_vm *s = &vm->arch.sev;
	struct vmcb_save *save = &vcpu->arch.vmcb->save;
	uint8_t bytes[INSN_LEN];
	enum snp_rmp_insn insn = SNP_INSN_NONE;
	if (s->pages && svm_read_guest_virt(vcpu, save->rip, bytes, sizeof(bytes)))
		insn = snp_rmp_insn_decode(bytes, sizeof(bytes));
	if (insn == SNP_INSN_NONE)
		return SEV_ES_AUTOMATIC; /* a #UD of the guest's own */
	const char *name = insn == SNP_INSN_PVALIDATE ? "PVALIDATE" : "RMPADJUST";
	uint64_t gpa;
	if (!svm_guest_gpa(vcpu, save->rax & ~0xfffull, &gpa) || gpa >= vm->ram_size) {
		vm_fail(vm, "%s of %#lx: not a page of the guest's RAM", name, (unsigned long)save->rax);
		return SEV_ES_STOP;
	}
	if (sev_page_shared(s, gpa)) {
		vm_fail(vm, "%s of shared page %#lx (an RMP violation on hardware)", name, (unsigned long)gpa);
		return SEV_ES_STOP;
	}
	uint64_t gfn = gpa >> 12, base = gfn & ~(uint64_t)(SNP_RMP_2M_PAGES - 1), total = vm->ram_size >> 12;
	struct snp_rmp_op op = {
		.region = &s->pages[base],
		.n = (unsigned)(total - base < SNP_RMP_2M_PAGES ? total - base : SNP_RMP_2M_PAGES),
		.idx = (unsigned)(gfn - base),
		.rax = save->rax,
		.large = vcpu->arch.gprs.rcx & 1,
		.switches = s->switches,
	};
	struct snp_rmp_result r = insn == SNP_INSN_PVALIDATE ?
		snp_pvalidate(&op, vcpu->arch.gprs.rdx & 1) :
		snp_rmpadjust(&op, vcpu->arch.gprs.rdx);
	if (insn == SNP_INSN_PVALIDATE && r.rax == SNP_RMP_SUCCESS && !views(vm, op, gpa)) {
		vm_fail(vm, "%s: no memory for the nested page tables", name);
		return SEV_ES_STOP;
	}
	save->rax = r.rax;
	save->rflags = (save->rflags & ~RFLAGS_ARITH) | (r.cf ? RFLAGS_CF : 0);
	save->rip += INSN_LEN;
	return SEV_ES_RESUME;
}
