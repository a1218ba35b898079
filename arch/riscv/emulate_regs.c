/* The register side of a load or store testvisor performs for the guest (MMIO and
 * misaligned emulation): integer registers, or the guest's f registers for the FP forms.
 * An FP access while the guest's FP unit is off is an illegal instruction, as the hart
 * would have raised it (unprivileged ISA: FS = Off makes F/D instructions illegal). */
#include <hv/vm.h>
#include <rv_insn.h>
#include <rv_virt.h>

bool rv_emul_regs_ready(struct vcpu *vcpu, const struct rv_mem_insn *mi)
{
	return !mi->fp || rv_guest_fp_regs(vcpu);
}

uint64_t rv_emul_source(struct vcpu *vcpu, const struct rv_mem_insn *mi)
{
	return mi->fp ? rv_guest_fp_regs(vcpu)[mi->rs2 & 31] : rv_greg(vcpu, mi->rs2);
}

void rv_emul_set_rd(struct vcpu *vcpu, const struct rv_mem_insn *mi, uint64_t value)
{
	if (!mi->fp) {
		rv_set_greg(vcpu, mi->rd, value);
		return;
	}
	rv_guest_fp_regs(vcpu)[mi->rd & 31] = value;
	rv_guest_fp_written(vcpu);
}
