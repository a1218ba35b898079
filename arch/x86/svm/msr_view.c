/* Emulated MSRs (see x86/msr_view.h). State lives where the CPU keeps it for the guest
 * (the VMCB, loaded by VMRUN/VMLOAD), so reads and writes are field accesses. */
#include <hv/vm.h>
#include <stddef.h>
#include <cpu.h>
#include <x86/msr_view.h>
#include <x86/sev.h>
#include <x86/svm.h>

#define EFER_WRITABLE (EFER_SCE | EFER_LME | EFER_NXE)

/* An MSR backed by a 64-bit field of the VMCB save area. */
#define VMCB_FIELD(f) offsetof(struct vmcb_save, f)

/* What a write to a VMCB-backed MSR must satisfy (hardware raises #GP otherwise; letting
 * it through would make the next VMRUN fail its consistency checks instead). */
enum msr_check { ANY_VALUE, CANONICAL_ADDRESS, PAT_TYPES };

struct msr_entry {
	uint32_t msr;
	const char *name;
	size_t vmcb_offset;  /* field of struct vmcb_save, when read/write are NULL */
	enum msr_result (*read)(struct vcpu *, uint64_t *);
	enum msr_result (*write)(struct vcpu *, uint64_t);
	enum msr_check check;
};

/* Canonical for the guest's paging: bits 63:47 equal, or 63:56 under CR4.LA57 (AMD APM
 * vol. 2 §5.3.1, canonical form with 5-level paging). Linux with 5-level paging puts its
 * per-CPU areas in a direct map at 0xff11000000000000 and writes GS_BASE there; a 48-bit
 * check made that WRMSR a #GP and left GS_BASE on the boot copy. **Assumption**: the
 * CPU checks the width of the paging mode in use (as KVM did before it took the widest
 * supported), so a 4-level guest still gets a #GP for a 57-bit address. */
#define CR4_LA57 (1ull << 12)
static bool is_canonical(uint64_t a, bool la57)
{
	unsigned shift = la57 ? 7 : 16;
	return (uint64_t)((int64_t)(a << shift) >> shift) == a;
}

/* Each PAT entry must be UC (0), WC (1), WT (4), WP (5), WB (6) or UC- (7). */
static bool valid_pat(uint64_t pat)
{
	for (unsigned i = 0; i < 8; i++) {
		unsigned type = (pat >> (8 * i)) & 0xff;
		if (type == 2 || type == 3 || type > 7)
			return false;
	}
	return true;
}

static bool value_ok(const struct vcpu *vcpu, enum msr_check check, uint64_t v)
{
	switch (check) {
	case CANONICAL_ADDRESS: return is_canonical(v, vcpu->arch.vmcb->save.cr4 & CR4_LA57);
	case PAT_TYPES: return valid_pat(v);
	default: return true;
	}
}

static enum msr_result tsc_read(struct vcpu *v, uint64_t *val)
{
	*val = sev_guest_tsc(v);
	return MSR_OK;
}

static enum msr_result tsc_write(struct vcpu *v, uint64_t val)
{
	v->arch.msr_tsc_writes++;
	if (sev_guest_tsc_write_ignored(&v->vm->arch.sev))
		return MSR_OK;
	v->arch.vmcb->control.tsc_offset = val - rdtsc();
	return MSR_OK;
}

static enum msr_result apic_base_read(struct vcpu *v, uint64_t *val)
{
	*val = v->arch.apic.apic_base;
	return MSR_OK;
}

static enum msr_result apic_base_write(struct vcpu *v, uint64_t val)
{
	return x2apic_base_write(&v->arch.apic, val);
}

/* The guest's EFER without SVME, which VMRUN requires but the guest must not see. */
static enum msr_result efer_read(struct vcpu *v, uint64_t *val)
{
	*val = v->arch.vmcb->save.efer & ~EFER_SVME;
	return MSR_OK;
}

static enum msr_result efer_write(struct vcpu *v, uint64_t val)
{
	if (val & ~(EFER_WRITABLE | EFER_LMA))
		return MSR_GP;
	struct vmcb_save *s = &v->arch.vmcb->save;
	s->efer = (val & EFER_WRITABLE) | (s->efer & EFER_LMA) | EFER_SVME;
	return MSR_OK;
}

static enum msr_result sev_status_read(struct vcpu *v, uint64_t *val)
{
	return sev_msr_read(v, MSR_SEV_STATUS, val) ? MSR_OK : MSR_GP;
}
static enum msr_result guest_tsc_freq_read(struct vcpu *v, uint64_t *val)
{
	return sev_msr_read(v, MSR_GUEST_TSC_FREQ, val) ? MSR_OK : MSR_GP;
}
static enum msr_result ghcb_read(struct vcpu *v, uint64_t *val)
{
	return sev_msr_read(v, MSR_SEV_GHCB, val) ? MSR_OK : MSR_GP;
}
static enum msr_result ghcb_write(struct vcpu *v, uint64_t val)
{
	return sev_msr_write(v, MSR_SEV_GHCB, val) ? MSR_OK : MSR_GP;
}
static enum msr_result read_only(struct vcpu *v, uint64_t val) { return MSR_GP; }

/* Machine-check architecture, which CPUID 1 EDX (MCE, MCA) announces and Linux's
 * mcheck_cpu_init reads unconditionally (arch/x86/kernel/cpu/mce/core.c: MCG_CAP, then
 * MCG_STATUS in machine_check_poll; a #GP there is a panic, "MCA architectural
 * violation"). IA32_MCG_CAP reads 0: no reporting banks, no MCG_CTL (QEMU has 10 banks,
 * target/i386/cpu.h MCE_BANKS_DEF; **difference**: testvisor injects no machine checks,
 * so it reports none). IA32_MCG_STATUS reads 0 and takes 0 (SDM vol. 3 §16.3.1.2: no
 * machine check in progress). */
static enum msr_result zero_read(struct vcpu *v, uint64_t *val) { *val = 0; return MSR_OK; }
static enum msr_result zero_write(struct vcpu *v, uint64_t val) { return val ? MSR_GP : MSR_OK; }

/* TSC_AUX (0xC0000103), what RDTSCP and RDPID return in ECX: per vCPU, 32 bits (a write
 * with bits 63:32 set is a #GP, APM vol. 2 "TSC_AUX"), there only when CPUID announces
 * RDTSCP (0x80000001 EDX[27]) or RDPID (7 ECX[22]). Linux writes it for every CPU
 * (arch/x86/kernel/cpu/common.c setup_getcpu: the CPU and node number); an AP's #GP there
 * comes before its exception handlers and is a triple fault. */
static bool has_tsc_aux(const struct vcpu *v)
{
	return (svm_guest_cpuid(v, 0x80000001, 0).edx >> 27 & 1) ||
	       (svm_guest_cpuid(v, 7, 0).ecx >> 22 & 1);
}
static enum msr_result tsc_aux_read(struct vcpu *v, uint64_t *val)
{
	*val = v->arch.tsc_aux;
	return has_tsc_aux(v) ? MSR_OK : MSR_GP;
}
static enum msr_result tsc_aux_write(struct vcpu *v, uint64_t val)
{
	if (!has_tsc_aux(v) || val >> 32)
		return MSR_GP;
	v->arch.tsc_aux = (uint32_t)val;
	return MSR_OK;
}

static const struct msr_entry msrs[] = {
	{ MSR_IA32_TSC, "IA32_TSC", 0, tsc_read, tsc_write },
	{ MSR_IA32_APIC_BASE, "IA32_APIC_BASE", 0, apic_base_read, apic_base_write },
	{ 0x174, "SYSENTER_CS", VMCB_FIELD(sysenter_cs), NULL, NULL },
	{ 0x175, "SYSENTER_ESP", VMCB_FIELD(sysenter_esp), NULL, NULL, CANONICAL_ADDRESS },
	{ 0x176, "SYSENTER_EIP", VMCB_FIELD(sysenter_eip), NULL, NULL, CANONICAL_ADDRESS },
	{ 0x179, "IA32_MCG_CAP", 0, zero_read, read_only },
	{ 0x17A, "IA32_MCG_STATUS", 0, zero_read, zero_write },
	{ 0x277, "IA32_PAT", VMCB_FIELD(g_pat), NULL, NULL, PAT_TYPES },
	{ MSR_EFER, "EFER", 0, efer_read, efer_write },
	{ 0xC0000081, "STAR", VMCB_FIELD(star), NULL, NULL },
	{ 0xC0000082, "LSTAR", VMCB_FIELD(lstar), NULL, NULL, CANONICAL_ADDRESS },
	{ 0xC0000083, "CSTAR", VMCB_FIELD(cstar), NULL, NULL, CANONICAL_ADDRESS },
	{ 0xC0000084, "SFMASK", VMCB_FIELD(sfmask), NULL, NULL },
	{ 0xC0000100, "FS_BASE", VMCB_FIELD(fs.base), NULL, NULL, CANONICAL_ADDRESS },
	{ 0xC0000101, "GS_BASE", VMCB_FIELD(gs.base), NULL, NULL, CANONICAL_ADDRESS },
	{ 0xC0000102, "KERNEL_GS_BASE", VMCB_FIELD(kernel_gs_base), NULL, NULL, CANONICAL_ADDRESS },
	{ MSR_TSC_AUX, "TSC_AUX", 0, tsc_aux_read, tsc_aux_write },
	{ MSR_SEV_GHCB, "SEV_GHCB", 0, ghcb_read, ghcb_write },
	{ MSR_SEV_STATUS, "SEV_STATUS", 0, sev_status_read, read_only },
	{ MSR_GUEST_TSC_FREQ, "GUEST_TSC_FREQ", 0, guest_tsc_freq_read, read_only },
};

static const struct msr_entry *find(uint32_t msr)
{
	for (size_t i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++)
		if (msrs[i].msr == msr)
			return &msrs[i];
	return NULL;
}

static uint64_t *vmcb_slot(struct vcpu *v, const struct msr_entry *e)
{
	return (uint64_t *)((uint8_t *)&v->arch.vmcb->save + e->vmcb_offset);
}

static bool in_x2apic_range(uint32_t msr)
{
	return msr >= X2APIC_MSR_FIRST && msr <= X2APIC_MSR_LAST;
}

enum msr_result msr_view_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val)
{
	if (in_x2apic_range(msr))
		return x2apic_msr_read(&vcpu->arch.apic, vcpu->id, msr, vapic_now_ns(), val);
	const struct msr_entry *e = find(msr);
	if (!e)
		return MSR_GP;
	if (e->read)
		return e->read(vcpu, val);
	*val = *vmcb_slot(vcpu, e);
	return MSR_OK;
}

enum msr_result msr_view_write(struct vcpu *vcpu, uint32_t msr, uint64_t val)
{
	if (in_x2apic_range(msr)) {
		struct ipi ipi;
		enum msr_result r = x2apic_msr_write(&vcpu->arch.apic, msr, val, vapic_now_ns(), &ipi);
		if (r == MSR_OK && ipi.kind != IPI_NONE)
			svm_send_ipi(vcpu, &ipi);
		return r;
	}
	const struct msr_entry *e = find(msr);
	if (!e)
		return MSR_GP;
	if (e->write)
		return e->write(vcpu, val);
	if (!value_ok(vcpu, e->check, val))
		return MSR_GP;
	*vmcb_slot(vcpu, e) = val;
	return MSR_OK;
}

const char *msr_view_name(uint32_t msr)
{
	const struct msr_entry *e = find(msr);
	return e ? e->name : in_x2apic_range(msr) ? "x2APIC" : NULL;
}
