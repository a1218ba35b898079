/* SEV-SNP for testvisor's guests: configuration, backend choice, launch through the PSP
 * command layer, and what the guest observes (SEV_STATUS, GUEST_TSC_FREQ, Secure TSC,
 * the GHCB MSR protocol, the VMRUN-time ALLOWED_SEV_FEATURES check). */
#include <cpu.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <x86/cpu_view.h>
#include <x86/ghcb_msr.h>
#include <x86/guest_tsc.h>
#include <x86/host.h>
#include <x86/npt.h>
#include <x86/sev.h>
#include <x86/snp_rmp_insn.h>
#include <x86/sev_backend.h>
#include <x86/sev_config.h>
#include <x86/snp_launch.h>
#include <x86/svm.h>
#include <x86/vmsa.h>

#define NP_ENABLE_SEV (1ull << 1)

static struct sev_backend backend;
static bool backend_chosen;

/* Ciphertext hiding is a platform setting (SNP_INIT_EX): the first SEV guest's
 * sev_ciphertext_hiding=<n>|max decides it for the rest of the run. */
static struct {
	bool decided;
	bool enabled;
	uint16_t max_snp_asid;
} cth;

static int decide_ciphertext_hiding(const struct vm_config *cfg, const struct sev_backend *b,
				    char *err, size_t errlen)
{
	const char *value = vm_config_get(cfg, "sev_ciphertext_hiding");
	bool capable = false;
	/* Ask the firmware only when the configuration wants it. */
	if (value && snp_ciphertext_hiding_capable(&b->psp, &capable, err, errlen))
		return -1;
	uint16_t max;
	if (sev_config_ciphertext_hiding(value, b->caps.min_sev_asid, capable, &max, err, errlen))
		return -1;
	if (cth.decided && (cth.enabled != (max != 0) || (max && max != cth.max_snp_asid))) {
		snprintf(err, errlen, "ciphertext hiding is platform-wide: already %s",
			 cth.enabled ? "on" : "off");
		return -1;
	}
	if (!cth.decided && max)
		printf("testvisor: SEV-SNP: ciphertext hiding on, SNP ASIDs 1..%u\n", max);
	else if (!cth.decided)
		printf("testvisor: SEV-SNP: ciphertext hiding off\n");
	cth.decided = true;
	cth.enabled = max != 0;
	cth.max_snp_asid = max;
	return 0;
}

static const struct sev_backend *choose_backend(void)
{
	if (backend_chosen)
		return &backend;
	char why[120];
	if (sev_hw_probe(&backend, why, sizeof(why))) {
		printf("testvisor: SEV-SNP: hardware backend (CPU and PSP support SNP)\n");
	} else {
		sev_emul_init(&backend, svm_caps.nr_asids);
		printf("testvisor: SEV-SNP: emulated backend (%s)\n", why);
	}
	backend_chosen = true;
	return &backend;
}

static int parse_type(const char *s, enum sev_guest_type *t)
{
	static const struct { const char *name; enum sev_guest_type type; } types[] = {
		{ "off", SEV_GUEST_NONE }, { "sev", SEV_GUEST_SEV }, { "es", SEV_GUEST_ES },
		{ "snp", SEV_GUEST_SNP },
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(s, types[i].name)) {
			*t = types[i].type;
			return 0;
		}
	return -1;
}

/* An SNP or SEV-ES guest needs an ASID from its range (ciphertext hiding off here). */
static int take_sev_asid(struct vm *vm, const struct sev_caps *caps, char *err, size_t errlen)
{
	struct sev_asid_ranges r;
	if (!sev_asid_partition(caps, cth.enabled, cth.max_snp_asid, &r)) {
		snprintf(err, errlen, "SEV: no usable ASID ranges");
		return -1;
	}
	const struct asid_range *want = vm->arch.sev.type == SEV_GUEST_SNP ? &r.snp :
					vm->arch.sev.type == SEV_GUEST_ES ? &r.sev_es : &r.sev;
	unsigned asid = asid_alloc_in(want->first, want->last);
	if (!asid) {
		snprintf(err, errlen, "SEV: no free ASID in %u..%u", want->first, want->last);
		return -1;
	}
	asid_free(vm->arch.asid);
	vm->arch.asid = asid;
	return 0;
}

/* Emulated SNP: the modelled RMP's page states, every RAM page validated by the launch,
 * and #UD intercepted for PVALIDATE and RMPADJUST, which QEMU's TCG does not know. */
static int snp_pages_alloc(struct vm *vm, char *err, size_t errlen)
{
	struct sev_vm *s = &vm->arch.sev;
	uint64_t n = vm->cfg.mem_size >> 12, bytes = n * sizeof(struct snp_page);
	unsigned pages = (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	s->pages_pa = hv_alloc_pages(pages, 1);
	if (!pa_addr(s->pages_pa)) {
		snprintf(err, errlen, "SEV-SNP: no memory for the page states of %lu pages", (unsigned long)n);
		return -1;
	}
	s->pages = ptr_from_pa(s->pages_pa);
	s->pages_alloc = pages;
	for (uint64_t i = 0; i < n; i++)
		s->pages[i] = (struct snp_page){ .validated = true };
	vm->arch.intercepts.exceptions |= 1u << X86_UD;
	return 0;
}

static const char *config_lookup(const void *cfg, const char *key)
{
	return vm_config_get(cfg, key);
}

int sev_vm_configure(struct vm *vm, char *err, size_t errlen)
{
	struct sev_vm *s = &vm->arch.sev;
	memset(s, 0, sizeof(*s));
	const struct vm_config *cfg = &vm->cfg;
	const char *type = vm_config_get(cfg, "sev");
	enum sev_guest_type t = SEV_GUEST_NONE;
	if (type && parse_type(type, &t)) {
		snprintf(err, errlen, "sev=%s: use off, sev, es or snp", type);
		return -1;
	}
	if (t == SEV_GUEST_NONE)
		return 0;
	if (t == SEV_GUEST_SEV) {
		snprintf(err, errlen, "sev=sev: plain SEV guests are not supported (use es or snp)");
		return -1;
	}
	if (sev_switches_read(config_lookup, cfg, &s->switches, err, errlen))
		return -1;
	const struct sev_backend *b = choose_backend();
	s->type = t;
	s->hardware = b->hardware;

	uint64_t requested = 0, config_allowed = ~0ull;
	const char *v = vm_config_get(cfg, "sev_features");
	if (v && !sev_parse_features(v, &requested)) {
		snprintf(err, errlen, "sev_features=%s: unknown feature name", v);
		return -1;
	}
	v = vm_config_get(cfg, "sev_allowed");
	if (v && strcmp(v, "all") && !sev_parse_features(v, &config_allowed)) {
		snprintf(err, errlen, "sev_allowed=%s: unknown feature name", v);
		return -1;
	}
	/* SNPActive is what makes an SNP guest; the launch sets it, not the user. */
	s->features = requested | (t == SEV_GUEST_SNP ? SEV_FEAT(SEV_FEAT_SNP_ACTIVE) : 0);
	uint64_t allowed = sev_allowed_features(t, sev_cpu_features(&b->caps), config_allowed);
	v = vm_config_get(cfg, "allowed_sev_features");
	bool check = b->caps.allowed_sev_features && !(v && !strcmp(v, "off"));
	s->allowed = allowed | (check ? ALLOWED_SEV_FEATURES_ENABLE : 0);
	/* Secure TSC is an SNP feature: an SEV-ES guest's SecureTsc bit does nothing. */
	s->secure_tsc = t == SEV_GUEST_SNP && (s->features & SEV_FEAT(SEV_FEAT_SECURE_TSC));
	if (s->secure_tsc && !b->hardware) {
		/* The emulated backend answers RDTSC(P) from the launch parameters. */
		vm->arch.intercepts.misc1 |= INTERCEPT1_RDTSC;
		vm->arch.intercepts.misc2 |= INTERCEPT2_RDTSCP;
	}
	uint64_t khz;
	if (sev_config_secure_tsc_khz(t, s->features, vm_config_get(cfg, "secure_tsc_khz"),
				      x86_tsc_hz() / 1000, &khz, err, errlen) ||
	    sev_config_ghcb_version(t, vm_config_get(cfg, "ghcb_version"), &s->ghcb_version, err, errlen))
		return -1;
	s->guest_tsc_hz = khz * 1000;
	/* The nested walk is the host's: its width, and the reduction only where the host
	 * really encrypts memory (the hardware backend; QEMU's TCG reduces nothing). */
	s->mmio_npt_reserved = sev_switch_on(s->switches, SEV_SW_MMIO_NPT_ABSENT) ? 0 :
		npt_reserved_bits(cpuid(0x80000008, 0).eax & 0xff,
				  b->hardware ? b->caps.phys_reduction : 0, b->hardware ? b->caps.cbit : 64);
	if (decide_ciphertext_hiding(cfg, b, err, errlen) ||
	    take_sev_asid(vm, &b->caps, err, errlen))
		return -1;
	if (!b->hardware) {
		if (b->caps.cbit < 32 || (1ull << b->caps.cbit) < vm->cfg.mem_size ||
		    vm->cfg.mem_size > (1ull << 30)) {
			snprintf(err, errlen, "SEV: the modelled C-bit (%u) needs guest RAM below it and "
				 "at most 1 GiB", b->caps.cbit);
			return -1;
		}
		s->cbit_mask = 1ull << b->caps.cbit;
		if (t == SEV_GUEST_SNP && snp_pages_alloc(vm, err, errlen))
			return -1;
	}
	sev_guest_cpuid(t, s->features, &b->caps, vm->arch.sev_cpuid);
	printf("testvisor: guest %s: SEV-%s (%s backend), SEV_FEATURES %#lx, ALLOWED_SEV_FEATURES %#lx\n",
	       cfg->name, t == SEV_GUEST_SNP ? "SNP" : "ES", b->name, (unsigned long)s->features,
	       (unsigned long)s->allowed);
	return 0;
}

/* vCPU 0's VMSA before launch: the VMCB's save area, SEV_FEATURES and, for Secure TSC with
 * secure_tsc_vmsa=hypervisor (the default), GUEST_TSC_SCALE (launch frequency over the
 * host's) and GUEST_TSC_OFFSET (the guest's TSC starts at 0); with =firmware they stay 0
 * for the firmware to fill at SNP_LAUNCH_UPDATE. Only firmware could change them later. */
static void prepare_vmsa(const struct sev_vm *s, const struct vmcb *v, void *page)
{
	memcpy(page, &v->save, sizeof(v->save) < PAGE_SIZE ? sizeof(v->save) : PAGE_SIZE);
	vmsa_write64(page, VMSA_SEV_FEATURES, s->features);
	uint64_t scale = 0, offset = 0;
	if (s->secure_tsc && !sev_switch_on(s->switches, SEV_SW_TSC_VMSA_FIRMWARE))
		secure_tsc_launch_values(x86_tsc_hz() / 1000, s->guest_tsc_hz / 1000, rdtsc(), &scale,
					 &offset);
	vmsa_write64(page, VMSA_GUEST_TSC_SCALE, scale);
	vmsa_write64(page, VMSA_GUEST_TSC_OFFSET, offset);
}

/* Emulated SNP: the launch's 2 MiB SNP_LAUNCH_UPDATEs are 2 MiB RMP entries, validated. */
static void record_launch_sizes(struct sev_vm *s)
{
	const struct snp_launch_params *p = &s->launch;
	bool large;
	if (!s->pages)
		return;
	for (uint64_t pa = p->mem_pa; snp_launch_chunk(p, &pa, &large); pa += large ? 1ull << 21 : 4096) {
		uint64_t gfn = (pa - p->mem_pa) >> 12;
		if (large && !(gfn % SNP_RMP_2M_PAGES))
			snp_rmp_make_2m(&s->pages[gfn], SNP_RMP_2M_PAGES, true);
	}
}

/* Guest memory still all zeros since testvisor loaded the guest is launched as ZERO pages
 * (snp_launch.h): reading it is far cheaper than the firmware hashing it. */
static bool memory_is_zero(uint64_t pa, uint64_t len)
{
	const uint64_t *w = ptr_from_pa(pa_init(pa));
	for (uint64_t i = 0; i < len / 8; i++)
		if (w[i])
			return false;
	return true;
}

int sev_vcpu_launch(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct sev_vm *s = &vm->arch.sev;
	struct vmcb *v = vcpu->arch.vmcb;
	if (!sev_active(s) || vcpu->id != 0)
		return 0;
	const struct sev_backend *b = choose_backend();
	if (s->type == SEV_GUEST_ES) {
		/* The PSP layer speaks the SNP firmware commands only; an SEV-ES guest's legacy
		 * launch (LAUNCH_START 0x30 ...) is not modelled. Its VMCB, ASID range and what
		 * it observes are. */
		printf("testvisor: guest %s: SEV-ES guest: no PSP launch (SNP commands only)\n",
		       vm->cfg.name);
		v->control.allowed_sev_features = s->allowed;
		v->control.guest_sev_features = s->features;
		s->launched = true;
		return 0;
	}
	/* The firmware's guest context page and vCPU 0's VMSA page. */
	paddr_t gctx = hv_alloc_pages(1, 1), vmsa = hv_alloc_pages(1, 1);
	if (!pa_addr(gctx) || !pa_addr(vmsa)) {
		if (pa_addr(gctx))
			hv_free_pages(gctx, 1);
		return -10;
	}
	prepare_vmsa(s, v, ptr_from_pa(vmsa));
	bool ok;
	s->launch = (struct snp_launch_params){
		.gctx_pa = pa_addr(gctx),
		.asid = vm->arch.asid,
		.policy = vm_config_get_u64(&vm->cfg, "sev_policy", SNP_POLICY_DEFAULT, &ok),
		.tsc_khz = s->secure_tsc ? (uint32_t)(s->guest_tsc_hz / 1000) : 0,
		.mem_pa = pa_addr(vm->ram_pa),
		.mem_size = vm->ram_size,
		.vmsa_pa = pa_addr(vmsa),
		.secrets_pa = s->secrets_gpa ? pa_addr(vm->ram_pa) + s->secrets_gpa : 0,
		.ciphertext_hiding = cth.enabled,
		.max_snp_asid = cth.max_snp_asid,
		.chunk_is_zero = memory_is_zero,
	};
	char err[120];
	if (snp_launch(&b->psp, &b->rmp, &s->launch, err, sizeof(err))) {
		printf("testvisor: guest %s: SEV-SNP launch failed: %s\n", vm->cfg.name, err);
		hv_free_pages(gctx, 1);
		hv_free_pages(vmsa, 1);
		return -11;
	}
	s->gctx = gctx;
	s->vmsa = vmsa;
	record_launch_sizes(s);
	v->control.allowed_sev_features = s->allowed;
	v->control.guest_sev_features = s->features;
	s->launched = true;
	printf("testvisor: guest %s: SEV-SNP launch done (ASID %u, policy %#lx%s)\n", vm->cfg.name,
	       vm->arch.asid, (unsigned long)s->launch.policy, s->secure_tsc ? ", Secure TSC" : "");
	b->use_vmsa(vcpu, vmsa);
	return 0;
}

void sev_vm_destroy(struct vm *vm)
{
	struct sev_vm *s = &vm->arch.sev;
	if (s->pages) {
		hv_free_pages(s->pages_pa, s->pages_alloc);
		s->pages = NULL;
	}
	if (!pa_addr(s->gctx))
		return;
	char err[120];
	if (snp_retire(&backend.psp, &backend.rmp, &s->launch, err, sizeof(err)))
		printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
	hv_free_pages(s->gctx, 1);
	hv_free_pages(s->vmsa, 1);
	s->gctx = s->vmsa = pa_init(0);
}

bool sev_vmrun_gate(struct vcpu *vcpu)
{
	struct sev_vm *s = &vcpu->vm->arch.sev;
	if (!sev_active(s) || s->hardware)
		return true;
	struct vmcb_control *c = &vcpu->arch.vmcb->control;
	/* An AP's VMSA must be a VMSA page in the RMP (the guest's RMPADJUST). */
	uint64_t vmsa = vcpu->arch.sev.vmsa_gpa;
	if (vmsa && s->pages && !s->pages[vmsa >> 12].vmsa &&
	    !sev_switch_on(s->switches, SEV_SW_AP_VMSA_RUN)) {
		snprintf(s->invalid_reason, sizeof(s->invalid_reason),
			 "the AP's VMSA at %#lx is no VMSA page in the RMP (no RMPADJUST)", (unsigned long)vmsa);
		return false;
	}
	if (!sev_vmrun_check(s->type, c->guest_sev_features, c->allowed_sev_features,
			     s->switches, s->invalid_reason, sizeof(s->invalid_reason)))
		return false;
	enum sev_injection mode = sev_vcpu_injection(vcpu);
	const char *why = sev_injection_check(mode, c->event_inj, c->vintr);
	if (why && sev_switch_on(s->switches, SEV_SW_INJECTION_IGNORE)) {
		uint64_t event_inj = c->event_inj, vintr = c->vintr;
		sev_injection_drop(mode, &event_inj, &vintr);
		c->event_inj = event_inj;
		c->vintr = vintr;
		why = NULL;
	}
	if (why) {
		snprintf(s->invalid_reason, sizeof(s->invalid_reason), "%s", why);
		return false;
	}
	return true;
}

enum sev_injection sev_vcpu_injection(const struct vcpu *vcpu)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	if (!sev_active(s))
		return SEV_INJECT_VMCB;
	return sev_injection_mode(s->type, vcpu->arch.vmcb->control.guest_sev_features);
}

const char *sev_invalid_reason(struct vcpu *vcpu)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	return s->invalid_reason[0] ? s->invalid_reason : "illegal guest state in the VMCB";
}

/* The TSC as the CPU would give it to this guest: the VMSA's launch values for a Secure
 * TSC guest, otherwise the VMCB's TSC_OFFSET with TSC_RATIO, which testvisor never
 * programs (it stays at its reset value 1.0). */
uint64_t sev_guest_tsc(const struct vcpu *vcpu)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	struct guest_tsc_state st = {
		.secure_tsc = s->secure_tsc && pa_addr(s->vmsa),
		.vmcb_tsc_offset = vcpu->arch.vmcb->control.tsc_offset,
		.tsc_ratio = TSC_RATIO_ONE,
	};
	if (st.secure_tsc) {
		const void *vmsa = ptr_from_pa(s->vmsa);
		st.vmsa_tsc_scale = vmsa_read64(vmsa, VMSA_GUEST_TSC_SCALE);
		st.vmsa_tsc_offset = vmsa_read64(vmsa, VMSA_GUEST_TSC_OFFSET);
	}
	return guest_tsc_read(&st, rdtsc());
}

bool sev_guest_tsc_write_ignored(const struct sev_vm *sev) { return sev->secure_tsc; }

bool sev_msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val)
{
	const struct sev_vm *s = &vcpu->vm->arch.sev;
	if (!sev_active(s))
		return false;
	switch (msr) {
	case MSR_SEV_STATUS: /* the vCPU's own VMSA features (an AP's may differ) */
		*val = sev_status_value(s->type, vcpu->arch.vmcb->control.guest_sev_features);
		return true;
	case MSR_GUEST_TSC_FREQ: /* in MHz */
		*val = s->guest_tsc_hz / 1000000;
		return s->secure_tsc;
	case MSR_SEV_GHCB:
		*val = vcpu->arch.sev.ghcb_msr;
		return true;
	default:
		return false;
	}
}

bool sev_msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t val)
{
	struct sev_vm *s = &vcpu->vm->arch.sev;
	if (!sev_active(s) || msr != MSR_SEV_GHCB)
		return false;
	vcpu->arch.sev.ghcb_msr = val;
	return true;
}

/* The hypervisor writes the VMCB's TSC_OFFSET, as any hypervisor can; for a launched
 * Secure TSC guest the CPU ignores it, which is reported (false) and logged. */
bool sev_hv_set_tsc_offset(struct vcpu *vcpu, uint64_t offset)
{
	struct sev_vm *s = &vcpu->vm->arch.sev;
	vcpu->arch.vmcb->control.tsc_offset = offset;
	if (s->secure_tsc && s->launched) {
		s->tsc_change_refusals++;
		printf("testvisor: guest %s: TSC_OFFSET change without effect: Secure TSC takes the TSC from the VMSA\n",
		       vcpu->vm->cfg.name);
		return false;
	}
	return true;
}

int sev_guest_request(struct vm *vm, paddr_t req, paddr_t resp)
{
	const struct sev_vm *s = &vm->arch.sev;
	if (!pa_addr(s->gctx))
		return PSP_INVALID_GUEST;
	return psp_snp_guest_request(&choose_backend()->psp, pa_addr(s->gctx), pa_addr(req), pa_addr(resp));
}

bool sev_try_launch(uint64_t features, uint64_t allowed, bool sev_es_only)
{
	return sev_vmrun_allowed(sev_es_only ? SEV_GUEST_ES : SEV_GUEST_SNP, features, allowed,
				 NULL, 0);
}

/* One CPUID register through the guest's CPUID view. */
static uint32_t ghcb_cpuid(void *ctx, uint32_t fn, unsigned reg)
{
	struct vcpu *vcpu = ctx;
	const struct arch_vm *a = &vcpu->vm->arch;
	struct cpuid_regs r = cpu_view_filter(a->cpuid_hidden, a->sev_cpuid, fn, 0, cpuid(fn, 0));
	const uint32_t regs[4] = { r.eax, r.ebx, r.ecx, r.edx };
	return regs[reg & 3];
}

/* SNP page-state change over the MSR protocol: the page's state as the model keeps it. */
uint32_t sev_page_state(void *ctx, uint64_t gfn, unsigned op)
{
	struct vcpu *vcpu = ctx;
	struct sev_vm *s = &vcpu->vm->arch.sev;
	if (gfn >= vcpu->vm->ram_size >> 12)
		return GHCB_PSC_ERROR_GFN;
	for (unsigned i = 0; i < s->nr_shared; i++)
		if (s->shared_gfns[i] == gfn) {
			/* Back to private, but not validated (RMPUPDATE clears Validated): out of
			 * both views until the guest's PVALIDATE. */
			if (op == GHCB_PSC_PRIVATE) {
				s->shared_gfns[i] = s->shared_gfns[--s->nr_shared];
				svm_snp_views(vcpu->vm, gfn << 12, false, false);
			}
			return 0;
		}
	if (op == GHCB_PSC_SHARED) {
		if (s->nr_shared == SEV_SHARED_PAGES_MAX || !svm_snp_views(vcpu->vm, gfn << 12, true, false))
			return GHCB_PSC_ERROR_GFN;
		s->shared_gfns[s->nr_shared++] = gfn;
		if (s->pages) {
			/* RMPUPDATE of one page of a 2 MiB entry needs PSMASH first (KVM SNP host series'
			 * snp_make_page_shared). */
			uint64_t base = gfn & ~(uint64_t)(SNP_RMP_2M_PAGES - 1), total = vcpu->vm->ram_size >> 12;
			snp_rmp_smash(&s->pages[base], (unsigned)(total - base < SNP_RMP_2M_PAGES ?
								   total - base : SNP_RMP_2M_PAGES));
			s->pages[gfn] = (struct snp_page){ .validated = false };
		}
	}
	return 0;
}

bool sev_page_shared(const struct sev_vm *s, uint64_t gpa)
{
	for (unsigned i = 0; i < s->nr_shared; i++)
		if (s->shared_gfns[i] == gpa >> 12)
			return true;
	return false;
}

bool sev_handle_vmgexit(struct vcpu *vcpu)
{
	struct sev_vm *s = &vcpu->vm->arch.sev;
	uint64_t req = vcpu->arch.sev.ghcb_msr;
	if (!(req & GHCB_INFO_MASK)) {
		if (req)
			return sev_ghcb_page_exit(vcpu, req);
		if (sev_switch_on(s->switches, SEV_SW_GHCB_ZERO_RESUME))
			return true; /* KVM: "without a GHCB, just return right back to the guest" */
		vm_fail(vcpu->vm, "VMGEXIT with GHCB MSR 0: neither a GHCB page nor an MSR protocol request");
		return false;
	}
	struct ghcb_msr_vm g = { s->type, s->ghcb_version, choose_backend()->caps.cbit, ghcb_cpuid,
				 sev_page_state, vcpu };
	switch (ghcb_msr_request(&g, req, &vcpu->arch.sev.ghcb_msr)) {
	case GHCB_MSR_RESPONSE:
		if ((req & GHCB_INFO_MASK) == GHCB_REGISTER_REQ)
			vcpu->arch.sev.ghcb_registered = req & ~GHCB_INFO_MASK;
		return true;
	case GHCB_MSR_TERMINATE:
		vm_fail(vcpu->vm, "guest asked for termination over the GHCB (reason set %lu, code %lu)",
			(unsigned long)((req >> 12) & 0xf), (unsigned long)((req >> 16) & 0xff));
		return false;
	default:
		/* An unsupported request: the GHCB MSR is left as the guest wrote it and the guest
		 * goes on (KVM's sev_handle_vmgexit_msr_protocol: "Error, keep GHCB MSR value
		 * as-is"), so the guest sees no response code and can tell. */
		return true;
	}
}
