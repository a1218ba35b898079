/* The PSCI / SMCCC calls testvisor offers, by the version that introduced them. Every
 * answer a guest gets (the call itself, PSCI_FEATURES, SMCCC_ARCH_FEATURES) comes from
 * this one table, so it is consistent with the PSCI version the VM is configured with. */
#include <stddef.h>
#include <arm64/smccc.h>

#define V0_2 PSCI_VERSION_OF(0, 2)
#define V1_0 PSCI_VERSION_OF(1, 0)
#define V1_1 PSCI_VERSION_OF(1, 1)
#define V1_3 PSCI_VERSION_OF(1, 3)

static const struct smccc_row rows[] = {
	{ PSCI_FN_VERSION, false, V0_2, CALL_PSCI_VERSION, 0, "PSCI_VERSION" },
	/* FEATURES answer for CPU_SUSPEND: original power_state format, platform-coordinated. */
	{ PSCI_FN_CPU_SUSPEND, true, V0_2, CALL_CPU_SUSPEND, 0, "CPU_SUSPEND" },
	{ PSCI_FN_CPU_OFF, false, V0_2, CALL_CPU_OFF, 0, "CPU_OFF" },
	{ PSCI_FN_CPU_ON, true, V0_2, CALL_CPU_ON, 0, "CPU_ON" },
	{ PSCI_FN_AFFINITY_INFO, true, V0_2, CALL_AFFINITY_INFO, 0, "AFFINITY_INFO" },
	{ PSCI_FN_MIGRATE_INFO_TYPE, false, V0_2, CALL_MIGRATE_INFO_TYPE, 0, "MIGRATE_INFO_TYPE" },
	{ PSCI_FN_SYSTEM_OFF, false, V0_2, CALL_SYSTEM_OFF, 0, "SYSTEM_OFF" },
	{ PSCI_FN_SYSTEM_RESET, false, V0_2, CALL_SYSTEM_RESET, 0, "SYSTEM_RESET" },
	{ PSCI_FN_FEATURES, false, V1_0, CALL_PSCI_FEATURES, 0, "PSCI_FEATURES" },
	{ PSCI_FN_SYSTEM_RESET2, true, V1_1, CALL_SYSTEM_RESET2, 0, "SYSTEM_RESET2" },
	/* FEATURES answer for SYSTEM_OFF2: bit 0, HIBERNATE_OFF is supported. */
	{ PSCI_FN_SYSTEM_OFF2, true, V1_3, CALL_SYSTEM_OFF2, 1, "SYSTEM_OFF2" },
	/* SMCCC_VERSION is discovered through PSCI_FEATURES, so it comes with PSCI 1.0. */
	{ SMCCC_FN_VERSION, false, V1_0, CALL_SMCCC_VERSION, 0, "SMCCC_VERSION" },
	{ SMCCC_FN_ARCH_FEATURES, false, V1_0, CALL_SMCCC_ARCH_FEATURES, 0, "SMCCC_ARCH_FEATURES" },
	{ SMCCC_FN_VENDOR_HYP_CALL_UID, false, V1_0, CALL_VENDOR_UID, 0, "VENDOR_HYP_CALL_UID" },
	{ SMCCC_FN_VENDOR_HYP_REVISION, false, V1_0, CALL_VENDOR_REVISION, 0, "VENDOR_HYP_REVISION" },
};

static const struct smccc_row *find(uint32_t fid)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].fid == fid || (rows[i].has_fn64 && (rows[i].fid | SMCCC_FN64) == fid))
			return &rows[i];
	return NULL;
}

enum smccc_call smccc_lookup(uint32_t fid, unsigned version)
{
	const struct smccc_row *r = find(fid);
	return r && version >= r->since ? r->call : CALL_NONE;
}

int32_t psci_features(uint32_t fid, unsigned version)
{
	const struct smccc_row *r = find(fid);
	/* Only PSCI functions and SMCCC_VERSION are discoverable through PSCI_FEATURES. */
	bool discoverable = r && ((fid & 0xbfffff00u) == 0x84000000u || fid == SMCCC_FN_VERSION);
	return discoverable && version >= r->since ? r->features : PSCI_NOT_SUPPORTED;
}

int32_t smccc_arch_features(uint32_t fid, unsigned version)
{
	/* No firmware mitigation is needed or offered: the workarounds are NOT_SUPPORTED. */
	if (fid == SMCCC_FN_ARCH_FEATURES || fid == SMCCC_FN_VERSION)
		return smccc_lookup(fid, version) != CALL_NONE ? 0 : SMCCC_NOT_SUPPORTED;
	return SMCCC_NOT_SUPPORTED;
}

bool psci_version_parse(const char *s, unsigned *version)
{
	static const struct { const char *text; unsigned version; } known[] = {
		{ "0.2", PSCI_VERSION_OF(0, 2) }, { "1.0", PSCI_VERSION_OF(1, 0) },
		{ "1.1", PSCI_VERSION_OF(1, 1) }, { "1.2", PSCI_VERSION_OF(1, 2) },
		{ "1.3", PSCI_VERSION_OF(1, 3) },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const char *a = s, *b = known[i].text;
		while (*a && *a == *b)
			a++, b++;
		if (*a == '\0' && *b == '\0') {
			*version = known[i].version;
			return true;
		}
	}
	return false;
}

const char *smccc_call_name(uint32_t fid)
{
	const struct smccc_row *r = find(fid);
	return r ? r->name : "unknown";
}
