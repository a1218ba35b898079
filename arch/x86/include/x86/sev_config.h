/* Validation of a VM's SEV configuration values, pure (host-tested in tests/unit/x86):
 * the GHCB protocol version, the Secure TSC frequency, ciphertext hiding. Each refuses a
 * bad value with a message naming the key and what it needs. */
#ifndef X86_SEV_CONFIG_H
#define X86_SEV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <x86/sev_policy.h>

/* GHCB protocol versions testvisor speaks (GHCB specification versions 1 and 2); the
 * lowest is what SEV information reports as min (KVM: GHCB_VERSION_MIN). */
#define GHCB_PROTOCOL_MIN 1u
#define GHCB_PROTOCOL_MAX 2u
/* ghcb_version=1|2 (NULL: 2, the KVM_SEV_INIT2 default); an SNP guest needs 2 (seed "KVM:
 * SEV: Enforce minimum GHCB version requirement for SEV-SNP guests"). 0 or -1. */
int sev_config_ghcb_version(enum sev_guest_type type, const char *value, unsigned *version,
			    char *err, size_t errlen);
/* The GHCB MSR SEV information response (0x001) for a VM speaking `version`: max in bits
 * 63:48, min in 47:32, C-bit position in 31:24. */
uint64_t sev_ghcb_sev_info(unsigned version, unsigned cbit);

/* secure_tsc_khz=<n> (NULL: `default_khz`): only for an SNP guest with SecureTsc in its
 * features (seed "target/i386: SEV: Add support for setting TSC frequency for Secure
 * TSC"; Secure TSC is SNP-only), at least 1 MHz. *khz is 0 without Secure TSC. 0 or -1. */
int sev_config_secure_tsc_khz(enum sev_guest_type type, uint64_t features, const char *value, uint64_t default_khz,
			      uint64_t *khz, char *err, size_t errlen);

/* sev_ciphertext_hiding=<n>|max (NULL: off, *max_snp_asid = 0), as kvm_amd's
 * ciphertext_hiding_asids (seed "Add SEV-SNP CipherTextHiding feature support"): n SNP
 * ASIDs 1..n, n below min_sev_asid; max = every SEV-ES/SNP ASID (min_sev_asid - 1) goes to
 * SNP; 0 or anything else is invalid. Refused when the firmware is not `capable`. */
int sev_config_ciphertext_hiding(const char *value, uint32_t min_sev_asid, bool capable,
				 uint16_t *max_snp_asid, char *err, size_t errlen);

#endif
