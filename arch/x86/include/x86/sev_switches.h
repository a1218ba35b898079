/* The SEV model's switches: each rule testvisor could not settle from a source (an
 * *assumption* in docs/x86-sev.md) and each deliberately wrong model kept for a negative
 * test is a two-word guest-spec key. The first word is the default, the second flips the
 * rule; a VM holds the flipped ones as a bit set. One table (SEV_SWITCHES) gives both the
 * reader here and x86's guest-spec key list (config_keys.c). Pure: unit-tested on the host. */
#ifndef X86_SEV_SWITCHES_H
#define X86_SEV_SWITCHES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* X(id, key, default word, flipped word, what the flipped word does) */
#define SEV_SWITCHES(X)                                                                        \
	X(SEV_SW_TSC_VMSA_FIRMWARE, "secure_tsc_vmsa", "hypervisor", "firmware",                  \
	  "the model firmware, not testvisor, writes the launch VMSA's GUEST_TSC_SCALE/OFFSET")   \
	X(SEV_SW_NAE_DIRECT, "sev_nae", "vc", "direct",                                            \
	  "non-automatic exits answered directly as for a plain guest (the old, wrong model)")    \
	X(SEV_SW_GHCB_VERSION_CHECK, "ghcb_version_field", "ignore", "check",                     \
	  "a GHCB page whose protocol-version field is outside 1..ghcb_version is refused (5)")   \
	X(SEV_SW_SNP_CERTS_MODEL, "snp_certs", "none", "model",                                    \
	  "the extended guest request returns the model's certificate table")                      \
	X(SEV_SW_OPT_IN_RUN, "sev_opt_in", "invalid", "run",                                       \
	  "with ALLOWED_SEV_FEATURES disabled, opt-in features (13, 16) run instead of failing VMRUN") \
	X(SEV_SW_MMIO_NPT_ABSENT, "sev_mmio_npt", "reserved", "absent",                            \
	  "device pages not present in the nested tables (an automatic exit: the guest stops)")   \
	X(SEV_SW_SNP_ACTIVE_RUN, "sev_snp_active", "invalid", "run",                               \
	  "VMRUN of an SNP guest without SNPActive (or SEV-ES with it) runs instead of failing")  \
	X(SEV_SW_GHCB_ZERO_RESUME, "ghcb_msr_zero", "stop", "resume",                              \
	  "VMGEXIT with GHCB MSR 0 goes back to the guest, as KVM, instead of stopping it")       \
	X(SEV_SW_ES_SNP_EVENT_MISSING, "sev_es_snp_events", "invalid_event", "missing_input",     \
	  "an SEV-ES guest's SNP-only event (AP creation, page-state change) answered 4, as KVM")  \
	X(SEV_SW_MMIO_SPLIT, "ghcb_mmio_length", "strict", "split",                                \
	  "GHCB MMIO of any length carried out in pieces of up to 8 bytes, as KVM fragments")  \
	X(SEV_SW_MMIO_UNASSIGNED_IGNORE, "ghcb_mmio_unassigned", "stop", "ignore",                 \
	  "GHCB MMIO without a device: reads 0, writes dropped (QEMU's unassigned memory)")       \
	X(SEV_SW_SCRATCH_PRIVATE_ALLOW, "snp_scratch_private", "refuse", "allow",                  \
	  "an SNP scratch area outside the GHCB may be private pages")                             \
	X(SEV_SW_PSC_ANY_SHARED, "snp_psc_descriptor", "ghcb", "shared",                           \
	  "a page-state change descriptor may lie in any shared page, as KVM reads it")            \
	X(SEV_SW_INJECTION_IGNORE, "sev_forbidden_injection", "invalid", "ignore",                 \
	  "a VMRUN with an injection Restricted/Alternate Injection forbids runs, the event dropped") \
	X(SEV_SW_RMPADJUST_UNVALIDATED, "snp_rmpadjust_unvalidated", "fail_input", "allow",        \
	  "RMPADJUST of a page the guest has not validated succeeds")                               \
	X(SEV_SW_RMP_2M_ALIGN_DOWN, "snp_rmp_2m_misaligned", "fail_input", "align_down",           \
	  "2 MiB PVALIDATE/RMPADJUST ignores RAX bits 20:12 instead of FAIL_INPUT")                \
	X(SEV_SW_RMPADJUST_2M_VMSA, "snp_rmpadjust_2m_vmsa", "fail_input", "allow",                \
	  "2 MiB RMPADJUST with the VMSA bit marks the entry's first page a VMSA")                 \
	X(SEV_SW_AP_VMSA_RUN, "snp_ap_vmsa_check", "invalid", "run",                               \
	  "an AP's VMRUN runs even when its VMSA page was not made a VMSA page by RMPADJUST")      \
	X(SEV_SW_DOORBELL_NMI_HOLD, "hv_doorbell_nmi", "post", "hold",                             \
	  "under Restricted Injection NMIs stay pending, as KVM's series (no doorbell NMI bit)")

#define SEV_SWITCH_ID(id, key, normal, flipped, meaning) id,
enum sev_switch { SEV_SWITCHES(SEV_SWITCH_ID) SEV_SW_COUNT };
#undef SEV_SWITCH_ID

struct sev_switch_def {
	const char *key;
	const char *normal;  /* the default word */
	const char *flipped; /* the other word: sets the switch's bit */
	const char *meaning; /* what the flipped word does */
};

extern const struct sev_switch_def sev_switch_defs[SEV_SW_COUNT];

/* Reads every switch through `lookup` (a key's value, or NULL when the key is not given);
 * 0 with *flipped the bit set, -1 with the error for a word that is neither of the two. */
int sev_switches_read(const char *(*lookup)(const void *ctx, const char *key), const void *ctx,
		      uint32_t *flipped, char *err, size_t errlen);

static inline bool sev_switch_on(uint32_t flipped, enum sev_switch sw)
{
	return flipped >> sw & 1;
}

#endif
