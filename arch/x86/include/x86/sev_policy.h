/* SEV-SNP facts and policy, pure logic (host-tested in tests/unit/x86):
 * - the SEV_FEATURES bits of the VMSA and how a guest sees them in SEV_STATUS;
 * - discovery from CPUID 0x8000001F;
 * - the allowed feature set of a VM (testvisor ∩ CPU ∩ configuration, SEV-ES features);
 * - the VMRUN-time check against ALLOWED_SEV_FEATURES (VMCB 0x138);
 * - ASID partitioning into SNP / SEV-ES / SEV ranges, with ciphertext hiding. */
#ifndef X86_SEV_POLICY_H
#define X86_SEV_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <x86/sev_switches.h>

/* SEV_FEATURES (VMSA offset 0x3B0) bit numbers, AMD APM vol. 2. */
enum sev_feature {
	SEV_FEAT_SNP_ACTIVE = 0,
	SEV_FEAT_VTOM = 1,
	SEV_FEAT_REFLECT_VC = 2,
	SEV_FEAT_RESTRICTED_INJECTION = 3,
	SEV_FEAT_ALTERNATE_INJECTION = 4,
	SEV_FEAT_DEBUG_SWAP = 5,
	SEV_FEAT_PREVENT_HOST_IBS = 6,
	SEV_FEAT_BTB_ISOLATION = 7,
	SEV_FEAT_VMPL_SSS = 8,
	SEV_FEAT_SECURE_TSC = 9,
	SEV_FEAT_VMGEXIT_PARAMETER = 10,
	SEV_FEAT_IBS_VIRTUALIZATION = 12,
	SEV_FEAT_PMC_VIRTUALIZATION = 13,
	SEV_FEAT_VMSA_REG_PROT = 14,
	SEV_FEAT_SMT_PROTECTION = 15,
	SEV_FEAT_SECURE_AVIC = 16,
	SEV_FEAT_IBPB_ON_ENTRY = 21,
};
#define SEV_FEAT(b) (1ull << (b))

/* CPUID Fn8000_001F_EAX flag of a feature; NO_CPUID_FLAG: none is defined, so the
 * feature is never assumed present. */
#define NO_CPUID_FLAG (-1)
struct sev_feature_info {
	enum sev_feature bit;
	const char *name;
	int cpuid_flag;
};
/* Every defined SEV_FEATURES bit, in bit order. */
extern const struct sev_feature_info sev_feature_table[];
extern const unsigned sev_feature_count;
uint64_t sev_defined_features(void);
const char *sev_feature_name(unsigned bit);

/* Features SEV-ES (not SNP) guests have (seed: ALLOWED_SEV_FEATURES series, Zen5 list);
 * everything else is SNP-only. */
#define SEV_ES_FEATURES (SEV_FEAT(SEV_FEAT_DEBUG_SWAP) | SEV_FEAT(SEV_FEAT_PREVENT_HOST_IBS) | \
	SEV_FEAT(SEV_FEAT_VMGEXIT_PARAMETER) | SEV_FEAT(SEV_FEAT_IBS_VIRTUALIZATION) | \
	SEV_FEAT(SEV_FEAT_PMC_VIRTUALIZATION))

/* Features that need an opt-in through ALLOWED_SEV_FEATURES (APM vol. 2 Table B-4):
 * off unless the enabled field allows them. */
#define SEV_OPT_IN_FEATURES (SEV_FEAT(SEV_FEAT_PMC_VIRTUALIZATION) | SEV_FEAT(SEV_FEAT_SECURE_AVIC))

/* ALLOWED_SEV_FEATURES (VMCB 0x138): bit 63 enables the check. */
#define ALLOWED_SEV_FEATURES_ENABLE (1ull << 63)

/* SEV_STATUS (MSR 0xC0010131): SEV, SEV-ES, then SEV_FEATURES shifted by two. */
#define SEV_STATUS_SEV (1ull << 0)
#define SEV_STATUS_SEV_ES (1ull << 1)
#define SEV_STATUS_SNP (1ull << 2)
#define SEV_STATUS_FEATURE_SHIFT 2

/* CPUID 0x8000001F EAX bits. */
#define SEV_CPUID_SME (1u << 0)
#define SEV_CPUID_SEV (1u << 1)
#define SEV_CPUID_SEV_ES (1u << 3)
#define SEV_CPUID_SNP (1u << 4)
#define SEV_CPUID_SECURE_TSC (1u << 8)
#define SEV_CPUID_ALLOWED_SEV_FEATURES (1u << 27)

enum sev_guest_type { SEV_GUEST_NONE, SEV_GUEST_SEV, SEV_GUEST_ES, SEV_GUEST_SNP };

struct sev_caps {
	uint32_t flags;              /* EAX: the feature flags as enumerated */
	bool sev, sev_es, snp, secure_tsc, allowed_sev_features;
	unsigned cbit;               /* C-bit position (EBX[5:0]) */
	unsigned phys_reduction;     /* EBX[11:6] */
	uint32_t nr_encrypted_asids; /* ECX: highest ASID usable by SEV guests */
	uint32_t min_sev_asid;       /* EDX: lowest ASID of plain-SEV guests */
};

/* Parses CPUID 0x8000001F (all zero when the leaf is absent). */
struct sev_caps sev_caps_from_cpuid(uint32_t eax, uint32_t ebx, uint32_t ecx, uint32_t edx);

/* The SEV_FEATURES a CPU with `caps` can run: those whose CPUID flag is set (none
 * without a flag), SNP-only ones only on an SNP CPU. */
uint64_t sev_cpu_features(const struct sev_caps *caps);

/* What testvisor implements in its backends. */
extern const uint64_t sev_testvisor_features;

/* The VM's allowed set: testvisor ∩ CPU ∩ configuration, restricted to SEV_ES_FEATURES
 * for an SEV-ES guest. SNP_ACTIVE is part of it exactly for SNP guests. */
uint64_t sev_allowed_features(enum sev_guest_type type, uint64_t cpu, uint64_t config);

/* The VMRUN-time check: false (VMEXIT_INVALID) when `features` has a bit outside
 * `allowed` while the check is enabled (bit 63), an opt-in feature the enabled field does
 * not allow, or breaks the guest type's rules (an SEV-ES guest with SNP_ACTIVE, an SNP
 * guest without it). For an SEV-ES guest only SEV_ES_FEATURES are checked.
 * `why` (may be NULL) gets the first offending bit. */
bool sev_vmrun_allowed(enum sev_guest_type type, uint64_t features, uint64_t allowed,
		       char *why, size_t whylen);
/* The same check under the VM's switches (x86/sev_switches.h): SEV_SW_OPT_IN_RUN lets an
 * opt-in feature run with the check disabled (the feature staying off), SEV_SW_SNP_ACTIVE_RUN
 * drops the guest type's SNPActive rule. sev_vmrun_allowed is this with none flipped. */
bool sev_vmrun_check(enum sev_guest_type type, uint64_t features, uint64_t allowed,
		     uint32_t switches, char *why, size_t whylen);

/* SEV_STATUS as a guest of `type` running with `features` reads it. */
uint64_t sev_status_value(enum sev_guest_type type, uint64_t features);

/* CPUID 0x8000001F as such a guest sees it. */
void sev_guest_cpuid(enum sev_guest_type type, uint64_t features, const struct sev_caps *host,
		     uint32_t out[4]);

/* Parses a feature list: "none", a number (0x...), or names from sev_feature_table
 * separated by commas ("SecureTsc,DebugSwap"). Returns false for an unknown name. */
bool sev_parse_features(const char *s, uint64_t *out);

/* ASID ranges [first, last] (first > last: empty). Without ciphertext hiding SNP and
 * SEV-ES share 1..min_sev_asid-1; with it SNP gets 1..max_snp_asid and SEV-ES the rest
 * below min_sev_asid. SEV: min_sev_asid..nr_encrypted_asids. Returns false when the
 * inputs are inconsistent (max_snp_asid not below min_sev_asid, ...). */
struct asid_range { uint32_t first, last; };
struct sev_asid_ranges { struct asid_range snp, sev_es, sev; };
bool sev_asid_partition(const struct sev_caps *caps, bool ciphertext_hiding,
			uint32_t max_snp_asid, struct sev_asid_ranges *out);

#endif
