/* Guest-page faults: the guest touched a guest-physical address outside its RAM. When a
 * device claims the address, the load or store is emulated (decoded from htinst when the
 * hart gives a transformed instruction, otherwise from the guest's instruction) and the
 * guest resumes after it (integer and FP loads and stores alike). Otherwise the guest gets the access fault real hardware would
 * raise for an address where nothing is. */
#include <hv/vm.h>
#include <rv_insn.h>
#include <rv_virt.h>

static enum exit_action reflect_access_fault(struct vcpu *vcpu, bool store)
{
	uint64_t scause = vcpu->arch.sw.exit.scause;
	uint64_t cause = scause == EXC_INST_GUEST_PAGE_FAULT ? EXC_INST_ACCESS
			 : store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS;
	rv_inject_exception(vcpu, cause, vcpu->arch.sw.exit.stval);
	return EXIT_RESUME;
}

static bool decode_faulting_insn(struct vcpu *vcpu, struct rv_mem_insn *mi)
{
	uint64_t htinst = vcpu->arch.sw.exit.htinst;
	if (htinst & 1)
		return rv_decode_transformed(htinst, mi);
	if (htinst)
		return false; /* a pseudo-instruction: the guest's own page-table walk faulted */
	uint32_t insn;
	return rv_fetch_insn(vcpu, &insn) && rv_decode_mem(insn, mi);
}

enum exit_action rv_handle_guest_page_fault(struct vcpu *vcpu)
{
	const struct rv_exit *e = &vcpu->arch.sw.exit;
	bool store = e->scause == EXC_STORE_GUEST_PAGE_FAULT;
	if (e->scause == EXC_INST_GUEST_PAGE_FAULT)
		return reflect_access_fault(vcpu, false);
	uint64_t gpa = (e->htval << 2) | (e->stval & 3);
	struct rv_mem_insn mi;
	if (!decode_faulting_insn(vcpu, &mi) || (mi.kind != RV_MEM_LOAD && mi.kind != RV_MEM_STORE))
		return reflect_access_fault(vcpu, store);
	if (!rv_emul_regs_ready(vcpu, &mi)) {
		rv_inject_exception(vcpu, EXC_ILLEGAL_INST, 0);
		return EXIT_RESUME;
	}
	uint64_t val = mi.kind == RV_MEM_STORE ? rv_extend(rv_emul_source(vcpu, &mi), mi.size, false) : 0;
	if (!vm_mmio_access(vcpu, ipa_init(gpa), mi.size, mi.kind == RV_MEM_STORE, &val))
		return reflect_access_fault(vcpu, store);
	if (mi.kind == RV_MEM_LOAD)
		rv_emul_set_rd(vcpu, &mi, rv_load_result(&mi, val));
	vcpu->arch.sw.guest.pc += mi.len;
	return EXIT_RESUME;
}
