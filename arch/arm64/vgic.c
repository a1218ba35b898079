/* Guest GICv3, the hardware side (see arm64/vgic.h): list registers and ICH_VMCR_EL2
 * switched per vCPU, and the virtual timer's interrupt injected with its hardware link.
 * The register model of the distributor and redistributors is vgic_mmio.c. */
#include <hv/vm.h>
#include <arm64/vgic.h>
#include "arm64.h"

#define ICH_HCR_EL2 s3_4_c12_c11_0
#define ICH_VTR_EL2 s3_4_c12_c11_1
#define ICH_VMCR_EL2 s3_4_c12_c11_7
#define ICH_HCR_EN 1ull

static unsigned nr_lrs(void)
{
	unsigned n = (unsigned)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	return n < VGIC_MAX_LRS ? n : VGIC_MAX_LRS;
}

unsigned vgic_nr_lrs(void) { return nr_lrs(); }

/* List registers by number: each is its own system register. */
#define LR_ACCESS(X) X(0, s3_4_c12_c12_0) X(1, s3_4_c12_c12_1) X(2, s3_4_c12_c12_2) \
	X(3, s3_4_c12_c12_3) X(4, s3_4_c12_c12_4) X(5, s3_4_c12_c12_5) X(6, s3_4_c12_c12_6) \
	X(7, s3_4_c12_c12_7) X(8, s3_4_c12_c13_0) X(9, s3_4_c12_c13_1) X(10, s3_4_c12_c13_2) \
	X(11, s3_4_c12_c13_3) X(12, s3_4_c12_c13_4) X(13, s3_4_c12_c13_5) \
	X(14, s3_4_c12_c13_6) X(15, s3_4_c12_c13_7)

static uint64_t lr_read(unsigned i)
{
	switch (i) {
#define READ_LR(n, reg) case n: return read_sysreg(reg);
	LR_ACCESS(READ_LR)
#undef READ_LR
	}
	return 0;
}

static void lr_write(unsigned i, uint64_t v)
{
	switch (i) {
#define WRITE_LR(n, reg) case n: write_sysreg(reg, v); break;
	LR_ACCESS(WRITE_LR)
#undef WRITE_LR
	}
}

void vgic_load(struct vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	for (unsigned i = 0; i < nr_lrs(); i++)
		lr_write(i, c->lr[i]);
	write_sysreg(ICH_VMCR_EL2, c->vmcr);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
}

void vgic_put(struct vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	for (unsigned i = 0; i < nr_lrs(); i++)
		c->lr[i] = lr_read(i);
	c->vmcr = read_sysreg(ICH_VMCR_EL2);
}

void vgic_disable(void)
{
	write_sysreg(ICH_HCR_EL2, 0);
	for (unsigned i = 0; i < nr_lrs(); i++)
		lr_write(i, 0);
}

uint64_t vgic_lr_get(struct vcpu *v, unsigned i)
{
	return vcpu_is_loaded(v) ? lr_read(i) : v->arch.vgic.lr[i];
}

void vgic_lr_set(struct vcpu *v, unsigned i, uint64_t lr)
{
	if (vcpu_is_loaded(v))
		lr_write(i, lr);
	else
		v->arch.vgic.lr[i] = lr;
}

/* The physical PPI of one of the guest's timers fired while `vcpu` ran (its CNTV_* and
 * CNTP_* are loaded). Returns false when the guest is not ready for it: the caller
 * deactivates and masks it. */
bool vgic_inject_forwarded(struct vcpu *vcpu, unsigned intid)
{
	return vgic_wants_intid(vcpu, intid) && vgic_queue(vcpu, intid, true);
}

/* A guest's write of ICC_SGI1R_EL1, ICC_SGI0R_EL1 or ICC_ASGI1R_EL1 (trapped:
 * HCR_EL2.IMO/FMO): the SGI goes to the vCPUs it names; each holds it back while it cannot
 * take it (a Group 0 SGI stays pending: guests get Group 1 only). */
void vgic_send_sgi(struct vcpu *src, uint64_t v, bool group1_request)
{
	unsigned intid;
	uint32_t targets = vgic_sgi_targets(src, v, group1_request, &intid);
	for (unsigned i = 0; i < src->vm->nr_vcpus; i++) {
		struct vcpu *t = &src->vm->vcpus[i];
		if (targets & (1u << i))
			vgic_set_pending(t, 1u << intid); /* held back while t cannot take it */
	}
}
