/* Misaligned accesses the guest did not ask to handle itself (FWFT MISALIGNED_EXC_DELEG
 * = 0): testvisor performs them byte by byte through the guest's own translation. AMOs
 * and LR/SC are emulated too: testvisor runs one vCPU at a time on one hart, so the
 * read-modify-write cannot interleave with another vCPU of the guest. A fault on the
 * way is the guest's (its page fault or access fault; stval the address of the byte that
 * faulted, the portion of the access that caused it: Priv spec, stval);
 * an instruction testvisor cannot decode gets the original misaligned exception.
 * FP loads and stores (flw, fld, fsw, fsd, c.fld, c.fldsp, c.fsd, c.fsdsp: the forms
 * Linux emulates) move between memory and the guest's f registers; a load NaN-boxes a
 * single and leaves the guest's FP state Dirty, as the instruction would. */
#include <hv/vm.h>
#include <rv_insn.h>
#include <rv_virt.h>

/* A fault met while emulating, as the guest would have seen it from its instruction:
 * second-stage faults become access faults, an AMO's faults are store/AMO faults. */
static uint64_t guest_cause(uint64_t cause, bool amo)
{
	if (cause == EXC_LOAD_GUEST_PAGE_FAULT)
		cause = EXC_LOAD_ACCESS;
	if (cause == EXC_STORE_GUEST_PAGE_FAULT)
		cause = EXC_STORE_ACCESS;
	if (amo && cause == EXC_LOAD_ACCESS)
		cause = EXC_STORE_ACCESS;
	if (amo && cause == EXC_LOAD_PAGE_FAULT)
		cause = EXC_STORE_PAGE_FAULT;
	return cause;
}

static enum exit_action reflect(struct vcpu *vcpu, uint64_t cause, uint64_t tval)
{
	rv_inject_exception(vcpu, cause, tval);
	return EXIT_RESUME;
}

enum exit_action rv_handle_misaligned(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint64_t addr = a->sw.exit.stval, cause = a->sw.exit.scause;
	struct rv_mem_insn mi;
	uint32_t insn;
	bool decoded = (a->sw.exit.htinst & 1) ? rv_decode_transformed(a->sw.exit.htinst, &mi)
					       : rv_fetch_insn(vcpu, &insn) && rv_decode_mem(insn, &mi);
	if (!decoded)
		return reflect(vcpu, cause, addr);

	if (!rv_emul_regs_ready(vcpu, &mi))
		return reflect(vcpu, EXC_ILLEGAL_INST, 0); /* FS = Off: the hart would say so */
	uint64_t old = 0;
	struct rv_guest_fault fault;
	if (mi.kind != RV_MEM_STORE && mi.kind != RV_MEM_SC &&
	    !rv_guest_read(vcpu, addr, &old, mi.size, &fault))
		return reflect(vcpu, guest_cause(fault.cause, mi.kind == RV_MEM_AMO), fault.addr);
	uint64_t src = mi.kind == RV_MEM_LOAD || mi.kind == RV_MEM_LR ? 0 : rv_emul_source(vcpu, &mi);
	uint64_t result = 0;
	switch (mi.kind) {
	case RV_MEM_LOAD:
		result = rv_load_result(&mi, old);
		break;
	case RV_MEM_LR:
		a->lr_reserved = true;
		a->lr_addr = addr;
		result = rv_extend(old, mi.size, true);
		break;
	case RV_MEM_STORE:
		if (!rv_guest_write(vcpu, addr, &src, mi.size, &fault))
			return reflect(vcpu, guest_cause(fault.cause, false), fault.addr);
		break;
	case RV_MEM_SC:
		result = 1; /* failure unless this hart's reservation covers the address */
		if (a->lr_reserved && a->lr_addr == addr) {
			if (!rv_guest_write(vcpu, addr, &src, mi.size, &fault))
				return reflect(vcpu, guest_cause(fault.cause, false), fault.addr);
			result = 0;
		}
		a->lr_reserved = false;
		break;
	case RV_MEM_AMO: {
		uint64_t val = rv_amo_apply(mi.amo, mi.size, old, src);
		if (!rv_guest_write(vcpu, addr, &val, mi.size, &fault))
			return reflect(vcpu, guest_cause(fault.cause, true), fault.addr);
		result = rv_extend(old, mi.size, true);
		break;
	}
	}
	if (mi.kind != RV_MEM_STORE)
		rv_emul_set_rd(vcpu, &mi, result);
	a->sw.guest.pc += mi.len;
	return EXIT_RESUME;
}
