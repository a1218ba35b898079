/* Guest register and memory access for exit handlers: event injection, stepping over
 * the exiting instruction (NRIP when the CPU saves it, else the decoder), guest-virtual
 * reads through the guest's own page tables. */
#include <hv/vm.h>
#include <string.h>
#include <x86/cpu.h>
#include <x86/insn.h>
#include <x86/svm.h>

#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define SEG_ATTR_L (1u << 9)
#define SEG_ATTR_DB (1u << 10)
#define PTE_P 1ull
#define PTE_PS (1ull << 7)
#define PTE_ADDR 0x000ffffffffff000ull

void svm_inject_exception(struct vcpu *vcpu, unsigned vector, bool has_error, uint32_t error)
{
	uint64_t ev = vector | EVENT_TYPE_EXCEPTION | EVENT_VALID;
	if (has_error)
		ev |= EVENT_ERROR_VALID | ((uint64_t)error << 32);
	vcpu->arch.vmcb->control.event_inj = ev;
}

uint64_t svm_gpr_read(const struct vcpu *vcpu, unsigned reg)
{
	const struct svm_gprs *g = &vcpu->arch.gprs;
	const struct vmcb_save *s = &vcpu->arch.vmcb->save;
	const uint64_t *by_number[16] = { &s->rax, &g->rcx, &g->rdx, &g->rbx, &s->rsp, &g->rbp,
		&g->rsi, &g->rdi, &g->r8, &g->r9, &g->r10, &g->r11, &g->r12, &g->r13, &g->r14, &g->r15 };
	return *by_number[reg & 15];
}

void svm_gpr_write(struct vcpu *vcpu, unsigned reg, uint64_t val)
{
	struct svm_gprs *g = &vcpu->arch.gprs;
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	uint64_t *by_number[16] = { &s->rax, &g->rcx, &g->rdx, &g->rbx, &s->rsp, &g->rbp,
		&g->rsi, &g->rdi, &g->r8, &g->r9, &g->r10, &g->r11, &g->r12, &g->r13, &g->r14, &g->r15 };
	*by_number[reg & 15] = val;
}

static enum x86_mode guest_mode(const struct vmcb_save *s)
{
	if ((s->efer & EFER_LMA) && (s->cs.attrib & SEG_ATTR_L))
		return X86_MODE_64;
	return (s->cs.attrib & SEG_ATTR_DB) ? X86_MODE_32 : X86_MODE_16;
}

/* Guest-virtual to guest-physical: identity with paging off, the 4-level walk in long
 * mode. Legacy 32-bit paging is not used by payloads: reported as a failure. */
static bool guest_translate(const struct vcpu *vcpu, uint64_t gva, uint64_t *gpa)
{
	const struct vmcb_save *s = &vcpu->arch.vmcb->save;
	if (!(s->cr0 & CR0_PG)) {
		*gpa = gva & 0xffffffffull;
		return true;
	}
	if (!(s->efer & EFER_LMA))
		return false;
	uint64_t table = s->cr3 & PTE_ADDR;
	for (int level = 3; level >= 0; level--) {
		uint64_t e;
		unsigned idx = (gva >> (12 + 9 * level)) & 511;
		if (!vm_read(vcpu->vm, ipa_init(table + idx * 8), &e, sizeof(e)) || !(e & PTE_P))
			return false;
		if (level == 0 || (level < 3 && (e & PTE_PS))) {
			uint64_t span = 1ull << (12 + 9 * level);
			*gpa = (e & PTE_ADDR & ~(span - 1)) | (gva & (span - 1));
			return true;
		}
		table = e & PTE_ADDR;
	}
	return false;
}

bool svm_read_guest_virt(struct vcpu *vcpu, uint64_t gva, void *dst, size_t len)
{
	uint8_t *out = dst;
	while (len) {
		size_t chunk = PAGE_SIZE - (gva & (PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		uint64_t gpa;
		if (!guest_translate(vcpu, gva, &gpa) || !vm_read(vcpu->vm, ipa_init(gpa), out, chunk))
			return false;
		gva += chunk;
		out += chunk;
		len -= chunk;
	}
	return true;
}

bool svm_skip_instruction(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	if (svm_caps.nrip_save && v->control.next_rip) {
		v->save.rip = v->control.next_rip;
		return true;
	}
	uint8_t bytes[X86_MAX_INSN_LEN];
	uint64_t rip = v->save.cs.base + v->save.rip;
	/* Read what is mapped: an instruction near the end of RAM is shorter than 15 bytes. */
	size_t avail = sizeof(bytes);
	while (avail && !svm_read_guest_virt(vcpu, rip, bytes, avail))
		avail--;
	int len = x86_insn_decode(bytes, avail, guest_mode(&v->save), NULL);
	if (len <= 0) {
		vm_fail(vcpu->vm, "cannot decode the instruction at RIP %#lx (error %d)",
			(unsigned long)v->save.rip, len);
		return false;
	}
	v->save.rip += (unsigned)len;
	return true;
}
