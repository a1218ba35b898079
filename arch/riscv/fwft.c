/* SBI v3.0 FWFT (firmware features) for guests, per vCPU. Each feature is a table entry
 * (id, whether this hart supports it, how to set it); the values and locks live in the
 * vCPU and reset with it. A feature takes real effect through the vCPU's henvcfg or
 * hedeleg, which the hart applies while the guest runs.
 * Error rules (SBI v3.0 chapter "Firmware Features"): reserved, platform-specific
 * (unimplemented) and global ids -> DENIED; defined but unsupported by the hart ->
 * NOT_SUPPORTED; bad flags or value -> INVALID_PARAM; locked -> DENIED_LOCKED. */
#include <hv/vm.h>
#include <rv_sbi.h>
#include <rv_virt.h>

struct fwft_feature {
	const char *name;
	bool (*supported)(void);
	/* Validates `value` and returns the value to record (e.g. the PMLEN granted), or
	 * -1 for an invalid value. */
	long (*accept)(unsigned long value);
	void (*apply)(struct vcpu *vcpu, unsigned long value);
};

/* Misaligned traps reach testvisor only when its firmware delegated them to HS (KVM:
 * arch/riscv/kvm/vcpu_sbi_fwft.c, kvm_sbi_fwft_misaligned_delegation_supported). */
static bool has_misaligned_deleg(void) { return rv_caps.fw_misaligned_deleg; }
static bool has_lpe(void) { return rv_caps.henvcfg_bits & ENVCFG_LPE; }
static bool has_sse(void) { return rv_caps.henvcfg_bits & ENVCFG_SSE; }
static bool has_dte(void) { return rv_caps.henvcfg_bits & ENVCFG_DTE; }
static bool has_adue(void) { return rv_caps.henvcfg_bits & ENVCFG_ADUE; }
static bool has_pmm(void) { return rv_caps.pmlen7 || rv_caps.pmlen16; }

static long accept_bool(unsigned long v) { return v <= 1 ? (long)v : -1; }

/* PMLEN: the smallest supported length >= the request (SBI v3.0). */
static long accept_pmlen(unsigned long v)
{
	if (v == 0)
		return 0;
	if (v <= 7 && rv_caps.pmlen7)
		return 7;
	if (v <= 16 && rv_caps.pmlen16)
		return 16;
	return -1;
}

static void set_envcfg_bit(struct vcpu *vcpu, uint64_t bit, bool on)
{
	uint64_t v = vcpu->arch.csrs.henvcfg;
	rv_vcpu_set_henvcfg(vcpu, on ? v | bit : v & ~bit);
}

static void apply_misaligned(struct vcpu *vcpu, unsigned long v)
{
	uint64_t d = vcpu->arch.csrs.hedeleg;
	rv_vcpu_set_hedeleg(vcpu, v ? d | HEDELEG_MISALIGNED : d & ~HEDELEG_MISALIGNED);
}
static void apply_lpe(struct vcpu *vcpu, unsigned long v) { set_envcfg_bit(vcpu, ENVCFG_LPE, v); }
static void apply_sse(struct vcpu *vcpu, unsigned long v) { set_envcfg_bit(vcpu, ENVCFG_SSE, v); }
static void apply_dte(struct vcpu *vcpu, unsigned long v) { set_envcfg_bit(vcpu, ENVCFG_DTE, v); }
static void apply_adue(struct vcpu *vcpu, unsigned long v) { set_envcfg_bit(vcpu, ENVCFG_ADUE, v); }
static void apply_pmlen(struct vcpu *vcpu, unsigned long v)
{
	uint64_t henvcfg = vcpu->arch.csrs.henvcfg & ~ENVCFG_PMM;
	if (v == 7)
		henvcfg |= ENVCFG_PMM_PMLEN7;
	else if (v == 16)
		henvcfg |= ENVCFG_PMM_PMLEN16;
	rv_vcpu_set_henvcfg(vcpu, henvcfg);
}

static const struct fwft_feature features[SBI_FWFT_NR_FEATURES] = {
	[SBI_FWFT_MISALIGNED_EXC_DELEG] = { "MISALIGNED_EXC_DELEG", has_misaligned_deleg, accept_bool, apply_misaligned },
	[SBI_FWFT_LANDING_PAD] = { "LANDING_PAD", has_lpe, accept_bool, apply_lpe },
	[SBI_FWFT_SHADOW_STACK] = { "SHADOW_STACK", has_sse, accept_bool, apply_sse },
	[SBI_FWFT_DOUBLE_TRAP] = { "DOUBLE_TRAP", has_dte, accept_bool, apply_dte },
	[SBI_FWFT_PTE_AD_HW_UPDATING] = { "PTE_AD_HW_UPDATING", has_adue, accept_bool, apply_adue },
	[SBI_FWFT_POINTER_MASKING_PMLEN] = { "POINTER_MASKING_PMLEN", has_pmm, accept_pmlen, apply_pmlen },
};

void rv_fwft_reset(struct vcpu *vcpu)
{
	struct rv_fwft_state *st = &vcpu->arch.fwft;
	for (unsigned i = 0; i < SBI_FWFT_NR_FEATURES; i++)
		st->value[i] = 0;
	st->locked = 0;
	/* vcpu_reset has put henvcfg and hedeleg to their reset values (features off). */
}

/* Looks a feature id up: NULL with *err set when the id is not usable. The id is the
 * 32-bit value of the spec's `uint32_t feature`: upper argument bits are ignored. */
static const struct fwft_feature *lookup(uint32_t id, long *err)
{
	if (id >= SBI_FWFT_NR_FEATURES) {
		*err = SBI_ERR_DENIED; /* reserved, or platform-specific/global and unimplemented */
		return NULL;
	}
	if (!features[id].supported()) {
		*err = SBI_ERR_NOT_SUPPORTED;
		return NULL;
	}
	return &features[id];
}

struct sbi_result sbi_fwft_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	struct rv_fwft_state *st = &vcpu->arch.fwft;
	uint32_t id = (uint32_t)c->arg[0];
	long err;
	const struct fwft_feature *f;
	switch (c->fid) {
	case SBI_FWFT_SET: {
		unsigned long value = c->arg[1], flags = c->arg[2];
		/* Feature, then flags, then lock: the order of OpenSBI's sbi_fwft_set. */
		if (!(f = lookup(id, &err)))
			return sbi_err(err);
		if (flags & ~SBI_FWFT_SET_FLAG_LOCK)
			return sbi_err(SBI_ERR_INVALID_PARAM);
		if (st->locked & (1u << id))
			return sbi_err(SBI_ERR_DENIED_LOCKED);
		long granted = f->accept(value);
		if (granted < 0)
			return sbi_err(SBI_ERR_INVALID_PARAM);
		f->apply(vcpu, (unsigned long)granted);
		st->value[id] = (unsigned long)granted;
		if (flags & SBI_FWFT_SET_FLAG_LOCK)
			st->locked |= 1u << id;
		return sbi_ok(0);
	}
	case SBI_FWFT_GET:
		if (!(f = lookup(id, &err)))
			return sbi_err(err);
		return sbi_ok(st->value[id]);
	default:
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	}
}

const struct sbi_extension sbi_ext_fwft = { SBI_EXT_FWFT, SBI_EXT_FWFT, "FWFT", NULL, sbi_fwft_call, false };
