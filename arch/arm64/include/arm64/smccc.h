/* PSCI and SMCCC as testvisor offers them to its guests. The table of calls (psci_table.c)
 * is pure data plus lookups, unit-tested on the host: which function exists in which PSCI
 * version, and what PSCI_FEATURES answers. */
#ifndef ARM64_SMCCC_H
#define ARM64_SMCCC_H

#include <stdbool.h>
#include <stdint.h>

#define PSCI_VERSION_OF(major, minor) (((major) << 16) | (minor))

/* PSCI return codes. */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)
#define PSCI_INVALID_ADDRESS (-9)
#define SMCCC_NOT_SUPPORTED (-1)

/* Function identifiers (SMC32; the SMC64 form sets bit 30). */
#define SMCCC_FN64 0x40000000u
#define PSCI_FN_VERSION 0x84000000u
#define PSCI_FN_CPU_SUSPEND 0x84000001u
#define PSCI_FN_CPU_OFF 0x84000002u
#define PSCI_FN_CPU_ON 0x84000003u
#define PSCI_FN_AFFINITY_INFO 0x84000004u
#define PSCI_FN_MIGRATE 0x84000005u
#define PSCI_FN_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_FN_MIGRATE_INFO_UP_CPU 0x84000007u
#define PSCI_FN_SYSTEM_OFF 0x84000008u
#define PSCI_FN_SYSTEM_RESET 0x84000009u
#define PSCI_FN_FEATURES 0x8400000au
#define PSCI_FN_SYSTEM_RESET2 0x84000012u
#define PSCI_FN_SYSTEM_OFF2 0x84000015u
#define SMCCC_FN_VERSION 0x80000000u
#define SMCCC_FN_ARCH_FEATURES 0x80000001u
#define SMCCC_FN_ARCH_WORKAROUND_1 0x80008000u
#define SMCCC_FN_ARCH_WORKAROUND_2 0x80007fffu
#define SMCCC_FN_ARCH_WORKAROUND_3 0x80003fffu
#define SMCCC_FN_VENDOR_HYP_CALL_UID 0x8600ff01u
#define SMCCC_FN_VENDOR_HYP_REVISION 0x8600ff03u

#define SMCCC_VERSION_1_1 0x10001u

/* testvisor's vendor hypervisor service UUID: 7e57b15a-0a64-4c3e-9d6f-74657374766d
 * (the last six bytes spell "testvm"), returned in w0..w3 as SMCCC lays a UUID out. */
#define TESTVISOR_UUID_W0 0x5ab1577eu
#define TESTVISOR_UUID_W1 0x3e4c640au
#define TESTVISOR_UUID_W2 0x65746f9du
#define TESTVISOR_UUID_W3 0x6d767473u

enum smccc_call {
	CALL_NONE,
	CALL_PSCI_VERSION, CALL_CPU_SUSPEND, CALL_CPU_OFF, CALL_CPU_ON, CALL_AFFINITY_INFO,
	CALL_MIGRATE_INFO_TYPE, CALL_SYSTEM_OFF, CALL_SYSTEM_RESET, CALL_PSCI_FEATURES,
	CALL_SYSTEM_RESET2, CALL_SYSTEM_OFF2,
	CALL_SMCCC_VERSION, CALL_SMCCC_ARCH_FEATURES, CALL_VENDOR_UID, CALL_VENDOR_REVISION,
};

struct smccc_row {
	uint32_t fid;
	bool has_fn64;         /* also callable with the SMC64 identifier */
	unsigned since;        /* first PSCI version that has it (PSCI_VERSION_OF) */
	enum smccc_call call;
	int32_t features;      /* PSCI_FEATURES answer when offered */
	const char *name;
};

/* The call `fid` means for a VM offering PSCI `version`, or CALL_NONE when that VM does
 * not have it (the caller then answers NOT_SUPPORTED). */
enum smccc_call smccc_lookup(uint32_t fid, unsigned version);
/* PSCI_FEATURES(fid) for a VM offering `version`. */
int32_t psci_features(uint32_t fid, unsigned version);
/* SMCCC_ARCH_FEATURES(fid) for such a VM. */
int32_t smccc_arch_features(uint32_t fid, unsigned version);
/* Parses "0.2", "1.0" ... "1.3"; false for any other text. */
bool psci_version_parse(const char *s, unsigned *version);
/* The call's name, for logs. */
const char *smccc_call_name(uint32_t fid);

#endif
