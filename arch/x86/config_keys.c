/* The guest-spec keys x86_64 reads (the core refuses any other; docs/x86.md, docs/x86-sev.md). */
#include <hv/arch_if.h>
#include <x86/sev_switches.h>

/* The SEV switches' keys come from their one table; the meaning shown is the flipped word's. */
#define SEV_SWITCH_KEY(id, key, normal, flipped, meaning) { key, normal "|" flipped ": " flipped " = " meaning },

const struct config_key arch_config_keys[] = {
	{ "cpuid_hide", "CPUID features hidden from the guest, comma-separated" },
	{ "mb_boot_data", "boot data in the guest's memory map: reserved (default) or available" },
	{ "sev", "guest type: none|sev|es|snp" },
	{ "sev_features", "SEV_FEATURES the guest is launched with, comma-separated names" },
	{ "sev_allowed", "features this VM may use (ALLOWED_SEV_FEATURES mask), names or all" },
	{ "allowed_sev_features", "off disables the VMRUN ALLOWED_SEV_FEATURES check" },
	{ "secure_tsc_khz", "Secure TSC guest frequency (kHz); needs sev=snp and SecureTsc" },
	{ "ghcb_version", "GHCB protocol version of an SEV guest: 1|2 (default 2; SNP needs 2)" },
	{ "sev_policy", "SNP guest policy word" },
	{ "trace", "single-step the guest: N (print the first N instructions) or last:N (print the last N when it fails); docs/debug.md" },
	{ "break", "stop the guest before it executes one of these guest-physical addresses: <gpa>[,<gpa>...], at most 4; docs/debug.md" },
	SEV_SWITCHES(SEV_SWITCH_KEY)
	{ "sev_ciphertext_hiding", "SNP ASIDs with ciphertext hiding: <n>|max (platform-wide)" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
