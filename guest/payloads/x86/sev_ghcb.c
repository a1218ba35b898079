/* What an SEV-ES or SEV-SNP guest sees of its platform: SEV_STATUS, CPUID 0x8000001F, and
 * the GHCB MSR protocol over VMGEXIT (SEV information, CPUID, hypervisor features, GHCB
 * registration). Arguments: type=snp|es, the guest type the configuration launches, and
 * ghcb_max=<n> ghcb_min=<n>, the protocol versions SEV information must report for it
 * (GHCB specification: response 0x001 carries max in bits 63:48, min in 47:32 and the
 * C-bit in 31:24; KVM, seed "KVM: SEV: Improve GHCB Version Handling": max is the VM's
 * own GHCB version, min the protocol's lowest, 1). SEV guests of testvisor only. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define GHCB_INFO(v) ((v) & 0xfff)
#define CPUID_SEV (1u << 1)
#define CPUID_SEV_ES (1u << 3)
#define CPUID_SNP (1u << 4)
#define SEV_STATUS_SEV_ES (1ull << 1)

int main(int argc, char **argv)
{
	const char *type = tv_arg(argc, argv, "type");
	const char *want_max = tv_arg(argc, argv, "ghcb_max"), *want_min = tv_arg(argc, argv, "ghcb_min");
	if (!type || !want_max || !want_min || (strcmp(type, "snp") && strcmp(type, "es")))
		report_abort("type=snp|es ghcb_max=<version> ghcb_min=<version> missing");
	bool snp = !strcmp(type, "snp");
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SEV_ES)) {
		report_skip("not an SEV-ES or SEV-SNP guest of testvisor: no GHCB protocol to talk to");
		return report_summary();
	}
	uint64_t status = sev_status();
	uint64_t want_status = snp ? 7 : 3;
	report((status & 7) == want_status, "SEV_STATUS: SEV, SEV-ES%s set (%#lx)", snp ? " and SNP" : ", not SNP",
	       (unsigned long)status);
	struct cpuid_regs leaf = cpuid(0x8000001F, 0);
	uint32_t want_leaf = CPUID_SEV | CPUID_SEV_ES | (snp ? CPUID_SNP : 0);
	report((leaf.eax & (CPUID_SEV | CPUID_SEV_ES | CPUID_SNP)) == want_leaf,
	       "CPUID 8000_001Fh:EAX reports SEV, SEV-ES%s", snp ? " and SNP" : ", not SNP");
	unsigned cbit = leaf.ebx & 0x3f;
	report(cbit >= 32 && cbit < 64, "C-bit position %u is a physical address bit", cbit);

	uint64_t info = ghcb_msr_call(0x002);
	report(GHCB_INFO(info) == 0x001, "GHCB SEV information request answered (%#lx)", (unsigned long)info);
	unsigned max = (info >> 48) & 0xffff, min = (info >> 32) & 0xffff;
	report(max == strtoul(want_max, NULL, 0), "GHCB protocol max %u is the VM's version %s", max, want_max);
	report(min == strtoul(want_min, NULL, 0), "GHCB protocol min %u (want %s)", min, want_min);
	report(((info >> 24) & 0xff) == cbit, "GHCB SEV information carries the C-bit position");

	uint64_t r = ghcb_msr_call(0x004 | (0ull << 30) | (0x8000001Full << 32));
	report(GHCB_INFO(r) == 0x005 && (uint32_t)(r >> 32) == leaf.eax,
	       "GHCB CPUID request: 8000_001Fh EAX matches CPUID");
	r = ghcb_msr_call(0x004 | (1ull << 30));
	report(GHCB_INFO(r) == 0x005 && (uint32_t)(r >> 32) == cpuid(0, 0).ebx,
	       "GHCB CPUID request: leaf 0 EBX matches CPUID");

	r = ghcb_msr_call(0x080);
	report(GHCB_INFO(r) == 0x081 && ((r >> 12) & 1) == snp, "GHCB hypervisor features: SEV-SNP %s",
	       snp ? "set" : "clear");
	/* Its own GHCB's GFN: registering another would leave the #VC handler's GHCB
	 * unregistered, and an SNP guest's VMGEXIT with it refused. */
	uint64_t gfn = (uint64_t)(uintptr_t)sev_ghcb_page() >> 12;
	r = ghcb_msr_call(0x012 | gfn << 12);
	report(GHCB_INFO(r) == 0x013 && (r >> 12) == gfn, "GHCB registration of GFN %#lx acknowledged",
	       (unsigned long)gfn);
	return report_summary();
}
