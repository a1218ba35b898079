/* SEV-SNP policy and facts (see x86/sev_policy.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86/sev_policy.h>

/* CPUID Fn8000_001F_EAX flags: AMD APM vol. 3 (CPUID Fn8000_001F), as Linux's
 * cpufeatures.h word 19 lists them. SNPActive's flag is SNP itself. */
const struct sev_feature_info sev_feature_table[] = {
	{ SEV_FEAT_SNP_ACTIVE, "SNPActive", 4 },
	{ SEV_FEAT_VTOM, "vTOM", NO_CPUID_FLAG },
	{ SEV_FEAT_REFLECT_VC, "ReflectVC", NO_CPUID_FLAG },
	{ SEV_FEAT_RESTRICTED_INJECTION, "RestrictedInjection", 12 },
	{ SEV_FEAT_ALTERNATE_INJECTION, "AlternateInjection", 13 },
	{ SEV_FEAT_DEBUG_SWAP, "DebugSwap", 14 },
	{ SEV_FEAT_PREVENT_HOST_IBS, "PreventHostIBS", 15 },
	{ SEV_FEAT_BTB_ISOLATION, "BTBIsolation", NO_CPUID_FLAG },
	{ SEV_FEAT_VMPL_SSS, "VmplSSS", 7 },
	{ SEV_FEAT_SECURE_TSC, "SecureTsc", 8 },
	{ SEV_FEAT_VMGEXIT_PARAMETER, "VmgexitParameter", 17 },
	{ SEV_FEAT_IBS_VIRTUALIZATION, "IbsVirtualization", 19 },
	{ SEV_FEAT_PMC_VIRTUALIZATION, "PmcVirtualization", NO_CPUID_FLAG },
	{ SEV_FEAT_VMSA_REG_PROT, "VmsaRegProt", 24 },
	{ SEV_FEAT_SMT_PROTECTION, "SmtProtection", 25 },
	{ SEV_FEAT_SECURE_AVIC, "SecureAVIC", 26 },
	{ SEV_FEAT_IBPB_ON_ENTRY, "IbpbOnEntry", 31 },
};
const unsigned sev_feature_count = sizeof(sev_feature_table) / sizeof(sev_feature_table[0]);

/* Everything the backends model: all defined bits (the emulated backend shows the guest
 * the feature bits and enforces the checks; it does not emulate their side effects). */
const uint64_t sev_testvisor_features =
	SEV_FEAT(SEV_FEAT_SNP_ACTIVE) | SEV_FEAT(SEV_FEAT_VTOM) | SEV_FEAT(SEV_FEAT_REFLECT_VC) |
	SEV_FEAT(SEV_FEAT_RESTRICTED_INJECTION) | SEV_FEAT(SEV_FEAT_ALTERNATE_INJECTION) |
	SEV_FEAT(SEV_FEAT_DEBUG_SWAP) | SEV_FEAT(SEV_FEAT_PREVENT_HOST_IBS) |
	SEV_FEAT(SEV_FEAT_BTB_ISOLATION) | SEV_FEAT(SEV_FEAT_VMPL_SSS) |
	SEV_FEAT(SEV_FEAT_SECURE_TSC) | SEV_FEAT(SEV_FEAT_VMGEXIT_PARAMETER) |
	SEV_FEAT(SEV_FEAT_IBS_VIRTUALIZATION) | SEV_FEAT(SEV_FEAT_PMC_VIRTUALIZATION) |
	SEV_FEAT(SEV_FEAT_VMSA_REG_PROT) | SEV_FEAT(SEV_FEAT_SMT_PROTECTION) |
	SEV_FEAT(SEV_FEAT_SECURE_AVIC) | SEV_FEAT(SEV_FEAT_IBPB_ON_ENTRY);

uint64_t sev_defined_features(void)
{
	uint64_t m = 0;
	for (unsigned i = 0; i < sev_feature_count; i++)
		m |= SEV_FEAT(sev_feature_table[i].bit);
	return m;
}

const char *sev_feature_name(unsigned bit)
{
	for (unsigned i = 0; i < sev_feature_count; i++)
		if (sev_feature_table[i].bit == bit)
			return sev_feature_table[i].name;
	return "reserved";
}

struct sev_caps sev_caps_from_cpuid(uint32_t eax, uint32_t ebx, uint32_t ecx, uint32_t edx)
{
	/* Each level needs the one below it: SNP is built on SEV-ES, which is built on SEV. */
	bool sev = eax & SEV_CPUID_SEV, es = sev && (eax & SEV_CPUID_SEV_ES);
	bool snp = es && (eax & SEV_CPUID_SNP);
	return (struct sev_caps){
		.flags = eax,
		.sev = sev,
		.sev_es = es,
		.snp = snp,
		.secure_tsc = snp && (eax & SEV_CPUID_SECURE_TSC),
		.allowed_sev_features = eax & SEV_CPUID_ALLOWED_SEV_FEATURES,
		.cbit = ebx & 0x3f,
		.phys_reduction = (ebx >> 6) & 0x3f,
		.nr_encrypted_asids = ecx,
		.min_sev_asid = edx,
	};
}

uint64_t sev_cpu_features(const struct sev_caps *caps)
{
	if (!caps->sev_es)
		return 0;
	uint64_t f = 0;
	for (unsigned i = 0; i < sev_feature_count; i++) {
		int flag = sev_feature_table[i].cpuid_flag;
		if (flag != NO_CPUID_FLAG && (caps->flags >> flag & 1))
			f |= SEV_FEAT(sev_feature_table[i].bit);
	}
	if (!caps->snp)
		f &= SEV_ES_FEATURES;
	return f;
}

uint64_t sev_allowed_features(enum sev_guest_type type, uint64_t cpu, uint64_t config)
{
	uint64_t allowed = sev_testvisor_features & cpu & config;
	switch (type) {
	case SEV_GUEST_SNP:
		return allowed | SEV_FEAT(SEV_FEAT_SNP_ACTIVE);
	case SEV_GUEST_ES:
		return allowed & SEV_ES_FEATURES;
	default:
		return 0;
	}
}

static int first_bit(uint64_t v)
{
	for (int b = 0; b < 64; b++)
		if (v >> b & 1)
			return b;
	return -1;
}

static bool refuse(char *why, size_t len, const char *what, uint64_t bits)
{
	int b = first_bit(bits);
	if (why)
		snprintf(why, len, "SEV_FEATURES bit %d (%s) %s", b, sev_feature_name((unsigned)b), what);
	return false;
}

bool sev_vmrun_allowed(enum sev_guest_type type, uint64_t features, uint64_t allowed,
		       char *why, size_t whylen)
{
	return sev_vmrun_check(type, features, allowed, 0, why, whylen);
}

bool sev_vmrun_check(enum sev_guest_type type, uint64_t features, uint64_t allowed,
		     uint32_t switches, char *why, size_t whylen)
{
	uint64_t snp = SEV_FEAT(SEV_FEAT_SNP_ACTIVE);
	bool type_rule = !sev_switch_on(switches, SEV_SW_SNP_ACTIVE_RUN);
	if (type_rule && type == SEV_GUEST_SNP && !(features & snp))
		return refuse(why, whylen, "must be set for an SNP guest", snp);
	if (type_rule && type == SEV_GUEST_ES && (features & snp))
		return refuse(why, whylen, "must be clear for an SEV-ES guest", snp);
	/* An SEV-ES guest's check ignores SNP-only features. */
	uint64_t checked = type == SEV_GUEST_ES ? features & SEV_ES_FEATURES : features;
	if (!(allowed & ALLOWED_SEV_FEATURES_ENABLE)) {
		if (!sev_switch_on(switches, SEV_SW_OPT_IN_RUN) && (checked & SEV_OPT_IN_FEATURES))
			return refuse(why, whylen, "needs ALLOWED_SEV_FEATURES to allow it (check disabled)",
				      checked & SEV_OPT_IN_FEATURES);
		return true;
	}
	uint64_t outside = checked & ~allowed & ~ALLOWED_SEV_FEATURES_ENABLE;
	if (outside)
		return refuse(why, whylen, "is not in ALLOWED_SEV_FEATURES", outside);
	return true;
}

uint64_t sev_status_value(enum sev_guest_type type, uint64_t features)
{
	switch (type) {
	case SEV_GUEST_SNP: /* SNPActive (bit 0) lands on SEV_STATUS.SNP (bit 2) */
	case SEV_GUEST_ES:
		return SEV_STATUS_SEV | SEV_STATUS_SEV_ES | (features << SEV_STATUS_FEATURE_SHIFT);
	case SEV_GUEST_SEV:
		return SEV_STATUS_SEV;
	default:
		return 0;
	}
}

void sev_guest_cpuid(enum sev_guest_type type, uint64_t features, const struct sev_caps *host,
		     uint32_t out[4])
{
	out[0] = out[1] = out[2] = out[3] = 0;
	if (type == SEV_GUEST_NONE)
		return;
	out[0] = SEV_CPUID_SEV;
	if (type == SEV_GUEST_ES || type == SEV_GUEST_SNP)
		out[0] |= SEV_CPUID_SEV_ES;
	if (type == SEV_GUEST_SNP)
		out[0] |= SEV_CPUID_SNP;
	if (features & SEV_FEAT(SEV_FEAT_SECURE_TSC))
		out[0] |= SEV_CPUID_SECURE_TSC;
	out[1] = (host->cbit & 0x3f) | (host->phys_reduction & 0x3f) << 6;
}

bool sev_asid_partition(const struct sev_caps *caps, bool ciphertext_hiding,
			uint32_t max_snp_asid, struct sev_asid_ranges *out)
{
	const struct asid_range empty = { 1, 0 };
	*out = (struct sev_asid_ranges){ empty, empty, empty };
	if (!caps->sev || caps->min_sev_asid == 0 || caps->nr_encrypted_asids == 0 ||
	    caps->min_sev_asid > caps->nr_encrypted_asids + 1)
		return false;
	out->sev = (struct asid_range){ caps->min_sev_asid, caps->nr_encrypted_asids };
	if (!caps->sev_es)
		return true;
	uint32_t es_last = caps->min_sev_asid - 1;
	if (!ciphertext_hiding) {
		out->sev_es = (struct asid_range){ 1, es_last };
		if (caps->snp)
			out->snp = out->sev_es; /* shared range */
		return true;
	}
	if (!caps->snp || max_snp_asid == 0 || max_snp_asid >= caps->min_sev_asid)
		return false;
	out->snp = (struct asid_range){ 1, max_snp_asid };
	out->sev_es = (struct asid_range){ max_snp_asid + 1, es_last };
	return true;
}

bool sev_parse_features(const char *s, uint64_t *out)
{
	*out = 0;
	if (!strcmp(s, "none"))
		return true;
	if (s[0] >= '0' && s[0] <= '9') {
		char *end;
		*out = strtoull(s, &end, 0);
		return *end == '\0';
	}
	while (*s) {
		size_t n = strcspn(s, ",");
		unsigned i;
		for (i = 0; i < sev_feature_count; i++)
			if (strlen(sev_feature_table[i].name) == n &&
			    !strncmp(sev_feature_table[i].name, s, n))
				break;
		if (i == sev_feature_count)
			return false;
		*out |= SEV_FEAT(sev_feature_table[i].bit);
		s += n + (s[n] == ',');
	}
	return true;
}
