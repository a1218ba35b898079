/* Trapped MSR/MRS/SYS accesses (ESR_EL2.EC 0x18), handled by register class:
 *  - the ID register space (HCR_EL2.TID3): answered from the VM's CPU view;
 *  - ICC_SGI1R_EL1 (HCR_EL2.IMO): an SGI to other vCPUs through the guest's GIC;
 *  - the RAS error record registers (HCR_EL2.TERR): UNDEF when the VM has no RAS, RAZ/WI
 *    when it has (the RASv1p1 ones only with ras=v1p1);
 *  - anything an FGT row or a coarse HCR trap covers: UNDEF when the row's feature is
 *    hidden from the VM (FGU), emulated when the row says so (FGT_RAZWI).
 * Anything else is a trap testvisor did not ask for: the guest is stopped. */
#include <stdio.h>
#include <hv/vm.h>
#include <arm64/fgt.h>
#include <arm64/syndrome.h>
#include "arm64.h"

static uint64_t *reg_of(struct vcpu *vcpu, unsigned rt)
{
	static uint64_t xzr;
	xzr = 0;
	return rt == 31 ? &xzr : &vcpu->arch.regs.x[rt];
}

/* op0=3 op1=0 CRn=0 CRm=4..7: the AArch64 ID registers of the view; the rest of the
 * TID3 space (AArch32 ID registers, reserved encodings) reads as zero. */
static bool id_space(uint32_t enc)
{
	return (enc & ~SYS_ENC(0, 0, 0, 7, 7)) == SYS_ENC(3, 0, 0, 0, 0) && ((enc >> 3) & 0xf) >= 1;
}

static int id_index(uint32_t enc)
{
	static const struct { uint32_t enc; enum id_reg idx; } map[] = {
		{ SYS_ENC(3, 0, 0, 4, 0), ID_AA64PFR0 }, { SYS_ENC(3, 0, 0, 4, 1), ID_AA64PFR1 },
		{ SYS_ENC(3, 0, 0, 4, 4), ID_AA64ZFR0 }, { SYS_ENC(3, 0, 0, 4, 5), ID_AA64SMFR0 },
		{ SYS_ENC(3, 0, 0, 5, 0), ID_AA64DFR0 }, { SYS_ENC(3, 0, 0, 5, 1), ID_AA64DFR1 },
		{ SYS_ENC(3, 0, 0, 5, 4), ID_AA64AFR0 }, { SYS_ENC(3, 0, 0, 5, 5), ID_AA64AFR1 },
		{ SYS_ENC(3, 0, 0, 6, 0), ID_AA64ISAR0 }, { SYS_ENC(3, 0, 0, 6, 1), ID_AA64ISAR1 },
		{ SYS_ENC(3, 0, 0, 6, 2), ID_AA64ISAR2 }, { SYS_ENC(3, 0, 0, 7, 0), ID_AA64MMFR0 },
		{ SYS_ENC(3, 0, 0, 7, 1), ID_AA64MMFR1 }, { SYS_ENC(3, 0, 0, 7, 2), ID_AA64MMFR2 },
		{ SYS_ENC(3, 0, 0, 7, 3), ID_AA64MMFR3 }, { SYS_ENC(3, 0, 0, 7, 4), ID_AA64MMFR4 },
	};
	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].enc == enc)
			return (int)map[i].idx;
	return -1;
}

/* The registers HCR_EL2.TERR traps, with the RAS level each needs. */
static const struct { uint32_t enc, mask; enum ras_level needs; } ras_regs[] = {
	{ SYS_ENC(3, 0, 5, 3, 0), 0, RAS_V1 },   /* ERRIDR_EL1 */
	{ SYS_ENC(3, 0, 5, 3, 1), 0, RAS_V1 },   /* ERRSELR_EL1 */
	{ SYS_ENC(3, 0, 5, 4, 0), 3, RAS_V1 },   /* ERXFR, ERXCTLR, ERXSTATUS, ERXADDR */
	{ SYS_ENC(3, 0, 5, 4, 4), 3, RAS_V1P1 }, /* ERXPFGF, ERXPFGCTL, ERXPFGCDN */
	{ SYS_ENC(3, 0, 5, 5, 0), 1, RAS_V1 },   /* ERXMISC0, ERXMISC1 */
	{ SYS_ENC(3, 0, 5, 5, 2), 1, RAS_V1P1 }, /* ERXMISC2, ERXMISC3 */
};

static bool ras_access(struct vcpu *vcpu, const struct sysreg_access *a, bool *handled)
{
	for (unsigned i = 0; i < sizeof(ras_regs) / sizeof(ras_regs[0]); i++) {
		if ((a->enc & ~ras_regs[i].mask) != ras_regs[i].enc)
			continue;
		if (vcpu->vm->arch.view.ras < ras_regs[i].needs)
			return false; /* UNDEF */
		if (a->read)
			*reg_of(vcpu, a->rt) = 0; /* RAZ: no error records; writes ignored */
		*handled = true;
		return true;
	}
	return true;
}

/* The FGT row that covers a trapped access (HFGITR/HFGITR2 for SYS instructions; the
 * read or write registers, FGT2 included, for MRS/MSR), or NULL. */
static const struct fgt_row *fgt_row_of(const struct sysreg_access *a)
{
	static const unsigned insn_regs[] = { FGT_HFGITR, FGT_HFGITR2 };
	static const unsigned write_regs[] = { FGT_HFGWTR, FGT_HDFGWTR, FGT_HFGWTR2,
					       FGT_HDFGWTR2 };
	static const unsigned read_regs[] = { FGT_HFGRTR, FGT_HDFGRTR, FGT_HAFGRTR, FGT_HFGRTR2,
					      FGT_HDFGRTR2 };
#define REGS(x) x, sizeof(x) / sizeof(x[0])
	const struct { const unsigned *regs; size_t n; } by_kind[3] = {
		{ REGS(write_regs) }, { REGS(read_regs) }, { REGS(insn_regs) },
	};
#undef REGS
	unsigned kind = (a->enc >> 14) == 1 ? 2 : a->read ? 1 : 0;
	const unsigned *regs = by_kind[kind].regs;
	size_t n = by_kind[kind].n;
	const struct fgt_row *r = NULL;
	for (size_t i = 0; i < n && !r; i++)
		r = fgt_find(&fgt_builtin, regs[i], a->enc);
	return r;
}

static void print_enc(char *buf, size_t len, uint32_t enc)
{
	snprintf(buf, len, "S%u_%u_C%u_C%u_%u", enc >> 14, (enc >> 11) & 7, (enc >> 7) & 15,
		 (enc >> 3) & 15, enc & 7);
}

void sysreg_trap(struct vcpu *vcpu, uint64_t iss)
{
	struct sysreg_access a;
	sysreg_decode(iss, &a);
	struct vm *vm = vcpu->vm;
	if (id_space(a.enc)) {
		if (a.read) {
			int idx = id_index(a.enc);
			*reg_of(vcpu, a.rt) = idx >= 0 ? vm->arch.view.id[idx] : 0;
			vcpu->arch.regs.pc += 4;
		} else {
			vcpu_inject_undef(vcpu); /* ID registers are read-only */
		}
		return;
	}
	if (a.enc == SYS_ENC(3, 0, 12, 11, 5) && !a.read) { /* ICC_SGI1R_EL1 */
		vgic_send_sgi(vcpu, *reg_of(vcpu, a.rt));
		vcpu->arch.regs.pc += 4;
		return;
	}
	bool handled = false;
	if (!ras_access(vcpu, &a, &handled)) {
		vcpu_inject_undef(vcpu);
		return;
	}
	const struct fgt_row *row = handled ? NULL : fgt_row_of(&a);
	if (row && !(vm->arch.view.features & FEAT_BIT(row->feature))) {
		vcpu_inject_undef(vcpu); /* FGU, or a coarse trap of a hidden feature */
		return;
	}
	if (row && row->action == FGT_RAZWI) {
		if (a.read)
			*reg_of(vcpu, a.rt) = 0;
		handled = true;
	}
	if (handled) {
		vcpu->arch.regs.pc += 4;
		return;
	}
	char name[32];
	print_enc(name, sizeof(name), a.enc);
	vm_fail(vm, "unexpected trapped %s of system register %s at pc %#lx",
		a.read ? "read" : "write", name, (unsigned long)vcpu->arch.regs.pc);
}
