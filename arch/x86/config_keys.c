/* The guest-spec keys x86_64 reads (the core refuses any other; docs/x86.md, docs/x86-sev.md). */
#include <hv/arch_if.h>

const struct config_key arch_config_keys[] = {
	{ "cpuid_hide", "CPUID features hidden from the guest, comma-separated" },
	{ "mb_boot_data", "boot data in the guest's memory map: reserved (default) or available" },
	{ "sev", "guest type: none|sev|es|snp" },
	{ "sev_features", "SEV_FEATURES the guest is launched with, comma-separated names" },
	{ "sev_allowed", "features this VM may use (ALLOWED_SEV_FEATURES mask), names or all" },
	{ "allowed_sev_features", "off disables the VMRUN ALLOWED_SEV_FEATURES check" },
	{ "sev_opt_in", "check disabled, opt-in feature (PmcVirtualization, SecureAVIC): invalid|run" },
	{ "secure_tsc_khz", "Secure TSC guest frequency (kHz); needs sev=snp and SecureTsc" },
	{ "secure_tsc_vmsa", "who writes the VMSA's GUEST_TSC_SCALE/OFFSET: hypervisor|firmware" },
	{ "sev_nae", "SEV-ES/SNP intercepts: vc (#VC and the GHCB, default) or direct (the old model, for the mutation test)" },
	{ "ghcb_version_field", "a GHCB page's protocol-version field: ignore (as KVM, default) or check (refused with 5 outside 1..ghcb_version; an assumption)" },
	{ "sev_mmio_npt", "SEV-ES/SNP device pages in the nested page tables: reserved (reserved bits, MMIO is #VC; default) or absent (not present, for the negative test)" },
	{ "ghcb_version", "GHCB protocol version of an SEV guest: 1|2 (default 2; SNP needs 2)" },
	{ "sev_policy", "SNP guest policy word" },
	{ "snp_certs", "certificates of the SNP extended guest request: none (default) or model (a fixed table naming a VCEK, the model's, not a certificate)" },
	{ "trace", "single-step the guest: N (print the first N instructions) or last:N (print the last N when it fails); docs/debug.md" },
	{ "break", "stop the guest before it executes one of these guest-physical addresses: <gpa>[,<gpa>...], at most 4; docs/debug.md" },
	{ "sev_ciphertext_hiding", "SNP ASIDs with ciphertext hiding: <n>|max (platform-wide)" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
