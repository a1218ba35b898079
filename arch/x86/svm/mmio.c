/* Emulated MMIO: a guest access to a device's page (the I/O APIC, and the local APIC's
 * xAPIC page, each vCPU its own: x86/xapic.h) exits as a nested page fault, since only
 * RAM is mapped; the MOV at RIP is decoded (mmio_insn.c), carried out
 * on the device and stepped over. An SEV-ES/SNP guest's MMIO is #VC instead (vm.c maps
 * its device pages with reserved bits); one reaching testvisor cannot be emulated. */
#include <hv/vm.h>
#include <x86/insn.h>
#include <x86/mmio_insn.h>
#include <x86/sev.h>
#include <x86/svm.h>
#include <x86/xapic.h>

/* The vCPU's local APIC page, where its IA32_APIC_BASE puts it. */
static bool apic_page(const struct vcpu *vcpu, uint64_t gpa)
{
	uint64_t base = vcpu->arch.apic.apic_base & ~(uint64_t)(XAPIC_MMIO_SIZE - 1) & 0xFFFFFFFFFFull;
	return gpa >= base && gpa - base < XAPIC_MMIO_SIZE;
}

static bool apic_access(struct vcpu *vcpu, uint64_t off, unsigned size, bool write, uint64_t *val)
{
	struct x2apic *a = &vcpu->arch.apic;
	if (!write) {
		xapic_mmio_read(a, vcpu->id, off, size, vapic_now_ns(), val);
		return true;
	}
	struct ipi ipi;
	xapic_mmio_write(a, off, size, (uint32_t)*val, vapic_now_ns(), &ipi);
	if (ipi.kind != IPI_NONE)
		svm_send_ipi(vcpu, &ipi);
	return true;
}

bool svm_mmio_device_page(const struct vm *vm, uint64_t gpa)
{
	for (unsigned i = 0; i < vm->nr_devices; i++) {
		const struct device_desc *d = &vm->devices[i].desc;
		if (d->space == DEV_MMIO && gpa >= d->base && gpa - d->base < d->size)
			return true;
	}
	return false;
}

bool svm_mmio_emulate(struct vcpu *vcpu, uint64_t gpa)
{
	bool apic = apic_page(vcpu, gpa);
	if (!apic && !svm_mmio_device_page(vcpu->vm, gpa))
		return false; /* not MMIO: the caller reports the fault */
	if (sev_active(&vcpu->vm->arch.sev)) {
		/* An automatic exit: the access's registers and data are the guest's secret. */
		uint64_t err = vcpu->arch.vmcb->control.exit_info1;
		vm_fail(vcpu->vm, "NPF at %#lx (%s) from an SEV-ES guest: its state is encrypted, "
			"testvisor cannot emulate it; device pages need reserved bits",
			(unsigned long)gpa, err & NPF_RSVD ? "reserved bit" :
			err & NPF_PRESENT ? "protection" : "not present");
		return true;
	}
	struct x86_insn insn;
	uint8_t bytes[X86_MAX_INSN_LEN];
	struct mmio_op op;
	int len = svm_decode_current_bytes(vcpu, &insn, bytes);
	if (len <= 0 || !mmio_insn_decode(&insn, bytes, &op)) {
		vm_fail(vcpu->vm, "MMIO access at %#lx by an instruction testvisor does not emulate "
			"(RIP %#lx; MOV to or from memory is emulated)", (unsigned long)gpa,
			(unsigned long)vcpu->arch.vmcb->save.rip);
		return true;
	}
	uint64_t val = op.is_imm ? op.imm : svm_gpr_get(vcpu, op.reg);
	if (apic ? !apic_access(vcpu, gpa & (XAPIC_MMIO_SIZE - 1), op.size, op.write, &val) :
	    !vm_mmio_access(vcpu, ipa_init(gpa), op.size, op.write, &val)) {
		vm_fail(vcpu->vm, "MMIO %s of %u bytes at %#lx refused by the device",
			op.write ? "write" : "read", op.size, (unsigned long)gpa);
		return true;
	}
	if (!op.write)
		svm_gpr_set(vcpu, op.reg, mmio_merge_read(svm_gpr_get(vcpu, op.reg), val, op.size));
	vcpu->arch.vmcb->save.rip += (unsigned)len;
	svm_single_step_trap(vcpu);
	return true;
}
