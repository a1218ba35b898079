/* SEV configuration values (see x86/sev_config.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86/sev_config.h>

static bool parse_u64(const char *s, uint64_t *out)
{
	if (!s || s[0] < '0' || s[0] > '9')
		return false;
	char *end;
	*out = strtoull(s, &end, 0);
	return *end == '\0';
}

int sev_config_ghcb_version(enum sev_guest_type type, const char *value, unsigned *version,
			    char *err, size_t errlen)
{
	uint64_t v = GHCB_PROTOCOL_MAX;
	if (value && (!parse_u64(value, &v) || v < GHCB_PROTOCOL_MIN || v > GHCB_PROTOCOL_MAX)) {
		snprintf(err, errlen, "ghcb_version=%s: use %u or %u", value, GHCB_PROTOCOL_MIN,
			 GHCB_PROTOCOL_MAX);
		return -1;
	}
	if (type == SEV_GUEST_SNP && v < 2) {
		snprintf(err, errlen, "ghcb_version=%lu: an SEV-SNP guest needs GHCB protocol version 2",
			 (unsigned long)v);
		return -1;
	}
	*version = (unsigned)v;
	return 0;
}

uint64_t sev_ghcb_sev_info(unsigned version, unsigned cbit)
{
	return (uint64_t)version << 48 | (uint64_t)GHCB_PROTOCOL_MIN << 32 | (uint64_t)(cbit & 0xff) << 24 |
	       0x001;
}

int sev_config_secure_tsc_khz(enum sev_guest_type type, uint64_t features, const char *value, uint64_t default_khz,
			      uint64_t *khz, char *err, size_t errlen)
{
	*khz = 0;
	bool secure_tsc = type == SEV_GUEST_SNP && (features & SEV_FEAT(SEV_FEAT_SECURE_TSC));
	if (value && !secure_tsc) {
		snprintf(err, errlen, "secure_tsc_khz=%s needs sev=snp with SecureTsc in sev_features", value);
		return -1;
	}
	if (!secure_tsc)
		return 0;
	uint64_t v = default_khz;
	if ((value && !parse_u64(value, &v)) || v < 1000 || v > UINT32_MAX) {
		snprintf(err, errlen, "secure_tsc_khz must be a number of kHz, 1 MHz to 4 THz");
		return -1;
	}
	*khz = v;
	return 0;
}

int sev_config_ciphertext_hiding(const char *value, uint32_t min_sev_asid, bool capable,
				 uint16_t *max_snp_asid, char *err, size_t errlen)
{
	*max_snp_asid = 0;
	if (!value)
		return 0;
	uint64_t n = 0;
	if (!strcmp(value, "max"))
		n = min_sev_asid ? min_sev_asid - 1 : 0;
	else if (!parse_u64(value, &n))
		n = 0;
	if (n == 0 || n >= min_sev_asid || n > UINT16_MAX) {
		snprintf(err, errlen, "sev_ciphertext_hiding=%s: use max or a number of SNP ASIDs, 1..%u",
			 value, min_sev_asid ? min_sev_asid - 1 : 0);
		return -1;
	}
	if (!capable) {
		snprintf(err, errlen, "sev_ciphertext_hiding=%s: the SEV firmware cannot hide ciphertext "
			 "(SNP_PLATFORM_STATUS / SNP_FEATURE_INFO)", value);
		return -1;
	}
	*max_snp_asid = (uint16_t)n;
	return 0;
}
