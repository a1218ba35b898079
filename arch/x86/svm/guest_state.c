/* Guest register and memory access for exit handlers: event injection, stepping over
 * the exiting instruction (NRIP when the CPU saves it, else the decoder), guest-virtual
 * reads through the guest's own page tables. */
#include <hv/vm.h>
#include <string.h>
#include <cpu.h>
#include <x86/exit_assist.h>
#include <x86/insn.h>
#include <trap_frame.h>
#include <x86/debug_trace.h>
#include <x86/svm.h>

#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define CR4_LA57 (1ull << 12)
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

static enum x86_mode guest_mode(const struct vmcb_save *s)
{
	if ((s->efer & EFER_LMA) && (s->cs.attrib & SEG_ATTR_L))
		return X86_MODE_64;
	return (s->cs.attrib & SEG_ATTR_DB) ? X86_MODE_32 : X86_MODE_16;
}

/* Guest RAM as testvisor sees it: a host pointer to `len` bytes at `gpa`, or NULL. The
 * exit fast path reads the guest's page tables and instruction bytes in place. */
static inline const void *guest_ram(const struct vm *vm, ipaddr_t gpa, size_t len)
{
	uint64_t off = ipa_addr(gpa) - ipa_addr(vm->ram_ipa);
	if (ipa_addr(gpa) < ipa_addr(vm->ram_ipa) || off >= vm->ram_size || len > vm->ram_size - off)
		return NULL;
	return ptr_from_pa(pa_add(vm->ram_pa, off));
}

/* Guest-virtual to guest-physical: identity with paging off, the 4-level walk in long
 * mode, 5-level with CR4.LA57 (CPUID 7 ECX[16], which QEMU's -cpu max has and Linux's
 * decompressor turns on: arch/x86/boot/compressed/head_64.S). Legacy 32-bit paging is not used by payloads: reported as a failure. The walk is
 * recorded in `cache` (when given) for walk_cached. */
static bool guest_translate(const struct vcpu *vcpu, uint64_t gva, ipaddr_t *gpa,
			    struct walk_cache *cache)
{
	const struct vmcb_save *s = &vcpu->arch.vmcb->save;
	if (!(s->cr0 & CR0_PG)) {
		*gpa = ipa_init(gva & 0xffffffffull);
		return true;
	}
	if (!(s->efer & EFER_LMA))
		return false;
	/* An SEV guest's C-bit is no address bit: the CPU takes it out (APM vol. 2 §15.34). */
	const uint64_t addr = PTE_ADDR & ~vcpu->vm->arch.sev.cbit_mask;
	uint64_t table = s->cr3 & addr;
	const int top = (s->cr4 & CR4_LA57) ? 4 : 3;
	for (int level = top; level >= 0; level--) {
		unsigned idx = (gva >> (12 + 9 * level)) & 511;
		const uint64_t *e = guest_ram(vcpu->vm, ipa_init(table + idx * 8), sizeof(*e));
		if (!e || !(*e & PTE_P))
			return false;
		if (cache) {
			cache->entry[top - level] = e;
			cache->value[top - level] = *e;
		}
		/* PS means a large page in the PD and PDPT only (1 GiB at most). */
		if (level == 0 || (level < 3 && (*e & PTE_PS))) {
			uint64_t span = 1ull << (12 + 9 * level);
			*gpa = ipa_init((*e & addr & ~(span - 1)) | (gva & (span - 1)));
			if (cache) {
				cache->nr_entries = (unsigned)(top + 1 - level);
				cache->cr4_la57 = top == 4;
				cache->cr3 = s->cr3;
				cache->gva_page = gva & ~(PAGE_SIZE - 1);
				cache->gpa_page = ipa_init(ipa_addr(*gpa) & ~(PAGE_SIZE - 1));
				cache->host_page = guest_ram(vcpu->vm, cache->gpa_page, PAGE_SIZE);
			}
			return true;
		}
		table = *e & addr;
	}
	return false;
}

bool svm_guest_gpa(const struct vcpu *vcpu, uint64_t gva, uint64_t *gpa)
{
	ipaddr_t at;
	if (!guest_translate(vcpu, gva, &at, NULL))
		return false;
	*gpa = ipa_addr(at);
	return true;
}

/* The cached walk, if CR3 and every entry it read still hold what they held. */
static bool walk_cached(const struct vcpu *vcpu, const struct walk_cache *c, uint64_t gva,
			ipaddr_t *gpa)
{
	const struct vmcb_save *s = &vcpu->arch.vmcb->save;
	if (!c->nr_entries || c->cr3 != s->cr3 || c->gva_page != (gva & ~(PAGE_SIZE - 1)) ||
	    !(s->cr0 & CR0_PG) || c->cr4_la57 != !!(s->cr4 & CR4_LA57))
		return false;
	for (unsigned i = 0; i < c->nr_entries; i++)
		if (*c->entry[i] != c->value[i])
			return false;
	*gpa = ipa_add(c->gpa_page, gva & (PAGE_SIZE - 1));
	return true;
}

/* Copies between guest virtual memory and `buf`, page by page. No permission checks: an
 * INS into a page the guest mapped read-only is done, where the CPU would raise #PF
 * (a limitation, docs/x86.md). */
static bool guest_virt_copy(struct vcpu *vcpu, uint64_t gva, void *buf, size_t len, bool write)
{
	uint8_t *p = buf;
	while (len) {
		size_t chunk = PAGE_SIZE - (gva & (PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		ipaddr_t gpa;
		if (!guest_translate(vcpu, gva, &gpa, NULL) ||
		    !(write ? vm_write(vcpu->vm, gpa, p, chunk) : vm_read(vcpu->vm, gpa, p, chunk)))
			return false;
		gva += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

bool svm_read_guest_virt(struct vcpu *vcpu, uint64_t gva, void *dst, size_t len)
{
	return guest_virt_copy(vcpu, gva, dst, len, false);
}

bool svm_write_guest_virt(struct vcpu *vcpu, uint64_t gva, const void *src, size_t len)
{
	return guest_virt_copy(vcpu, gva, (void *)src, len, true);
}

/* The instruction bytes at the guest's RIP: in place when they do not cross a page,
 * else copied into `buf`. Returns how many bytes are available (0: none). */
static size_t fetch_instruction(struct vcpu *vcpu, uint64_t rip, uint8_t *buf, const uint8_t **bytes)
{
	size_t in_page = PAGE_SIZE - (rip & (PAGE_SIZE - 1));
	ipaddr_t gpa;
	struct walk_cache *cache = &vcpu->arch.code_walk;
	if (in_page >= X86_MAX_INSN_LEN) {
		if (walk_cached(vcpu, cache, rip, &gpa) && cache->host_page) {
			*bytes = cache->host_page + (rip & (PAGE_SIZE - 1));
			return X86_MAX_INSN_LEN;
		}
		if (guest_translate(vcpu, rip, &gpa, cache) &&
		    (*bytes = guest_ram(vcpu->vm, gpa, X86_MAX_INSN_LEN)))
			return X86_MAX_INSN_LEN;
	}
	/* Near a page boundary or the end of RAM: take what is mapped. */
	size_t avail = X86_MAX_INSN_LEN;
	while (avail && !svm_read_guest_virt(vcpu, rip, buf, avail))
		avail--;
	*bytes = buf;
	return avail;
}

bool svm_code_gpa(struct vcpu *vcpu, uint64_t *gpa)
{
	const struct vmcb_save *s = &vcpu->arch.vmcb->save;
	uint64_t rip = s->cs.base + s->rip;
	ipaddr_t at;
	if (!walk_cached(vcpu, &vcpu->arch.code_walk, rip, &at) &&
	    !guest_translate(vcpu, rip, &at, &vcpu->arch.code_walk))
		return false;
	*gpa = ipa_addr(at);
	return true;
}

int svm_decode_current(struct vcpu *vcpu, struct x86_insn *insn)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	uint8_t buf[X86_MAX_INSN_LEN];
	const uint8_t *bytes;
	size_t avail = fetch_instruction(vcpu, v->save.cs.base + v->save.rip, buf, &bytes);
	return x86_insn_decode(bytes, avail, guest_mode(&v->save), insn);
}

int svm_decode_current_bytes(struct vcpu *vcpu, struct x86_insn *insn, uint8_t *out)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	uint8_t buf[X86_MAX_INSN_LEN];
	const uint8_t *bytes;
	size_t avail = fetch_instruction(vcpu, v->save.cs.base + v->save.rip, buf, &bytes);
	int len = x86_insn_decode(bytes, avail, guest_mode(&v->save), insn);
	for (int i = 0; i < len; i++)
		out[i] = bytes[i];
	return len;
}

int svm_exit_insn_len(struct vcpu *vcpu)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	switch (svm_next_rip_source(svm_caps.nrip_save, v->control.exit_code)) {
	case NEXT_RIP_NRIP:
		vcpu->arch.insn_len_nrip++;
		return (int)svm_nrip_insn_len(v->save.rip, v->control.next_rip);
	case NEXT_RIP_EXITINFO2:
		return (int)svm_nrip_insn_len(v->save.rip, v->control.exit_info2);
	case NEXT_RIP_DECODE:
		break;
	}
	vcpu->arch.insn_len_decoded++;
	return svm_decode_current(vcpu, NULL);
}

/* An instruction testvisor completed in the guest's place is still an instruction the
 * guest single-stepped: with RFLAGS.TF set, the debug trap follows it (AMD APM vol. 2,
 * "Single-Step" under debug exceptions: #DB with DR6.BS after each instruction). It also
 * ends an interrupt shadow (STI; HLT: the shadow covered the HLT only, SDM vol. 3
 * §6.8.3), as KVM clears it when it skips an instruction. */
void svm_single_step_trap(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	v->control.interrupt_shadow &= ~1ull;
	if (!svm_trace_owes_step(vcpu))
		return;
	v->save.dr6 |= DR6_BS;
	svm_inject_exception(vcpu, X86_DB, false, 0);
}

bool svm_skip_instruction(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	int len = svm_exit_insn_len(vcpu);
	if (len <= 0) {
		vm_fail(vcpu->vm, "cannot tell the length of the instruction at RIP %#lx (%s %d, nRIP %#lx)",
			(unsigned long)v->save.rip, len ? "decoder error" : "length",
			len, (unsigned long)v->control.next_rip);
		return false;
	}
	v->save.rip += (unsigned)len;
	svm_single_step_trap(vcpu);
	return true;
}

/* ModRM register numbers to where the register lives (RAX and RSP: the VMCB, packed,
 * so reached by value). */
static uint64_t *gpr(struct vcpu *vcpu, unsigned reg)
{
	struct svm_gprs *g = &vcpu->arch.gprs;
	uint64_t *const regs[16] = { NULL, &g->rcx, &g->rdx, &g->rbx, NULL, &g->rbp, &g->rsi,
		&g->rdi, &g->r8, &g->r9, &g->r10, &g->r11, &g->r12, &g->r13, &g->r14, &g->r15 };
	return regs[reg & 15];
}

uint64_t svm_gpr_get(struct vcpu *vcpu, unsigned reg)
{
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	return reg == 0 ? s->rax : reg == 4 ? s->rsp : *gpr(vcpu, reg);
}

void svm_gpr_set(struct vcpu *vcpu, unsigned reg, uint64_t val)
{
	struct vmcb_save *s = &vcpu->arch.vmcb->save;
	if (reg == 0)
		s->rax = val;
	else if (reg == 4)
		s->rsp = val;
	else
		*gpr(vcpu, reg) = val;
}
