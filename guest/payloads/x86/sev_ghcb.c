/* What an SEV-SNP guest sees of its platform: SEV_STATUS, CPUID 0x8000001F, and the
 * GHCB MSR protocol over VMGEXIT (SEV information, CPUID, hypervisor features, GHCB
 * registration). SNP guests of testvisor only. */
#include <libtv.h>
#include "x86_guest.h"

#define GHCB_INFO(v) ((v) & 0xfff)
#define CPUID_SEV (1u << 1)
#define CPUID_SEV_ES (1u << 3)
#define CPUID_SNP (1u << 4)

int main(int argc, char **argv)
{
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest of testvisor: no GHCB protocol to talk to");
		return report_summary();
	}
	uint64_t status = sev_status();
	report((status & 7) == 7, "SEV_STATUS: SEV, SEV-ES and SNP set (%#lx)", (unsigned long)status);
	struct cpuid_regs leaf = cpuid(0x8000001F, 0);
	report((leaf.eax & (CPUID_SEV | CPUID_SEV_ES | CPUID_SNP)) == (CPUID_SEV | CPUID_SEV_ES | CPUID_SNP),
	       "CPUID 8000_001Fh:EAX reports SEV, SEV-ES and SNP");
	unsigned cbit = leaf.ebx & 0x3f;
	report(cbit >= 32 && cbit < 64, "C-bit position %u is a physical address bit", cbit);

	uint64_t info = ghcb_msr_call(0x002);
	report(GHCB_INFO(info) == 0x001, "GHCB SEV information request answered (%#lx)", (unsigned long)info);
	unsigned max = (info >> 48) & 0xffff, min = (info >> 32) & 0xffff;
	report(min >= 1 && max >= min, "GHCB protocol versions %u..%u", min, max);
	report(((info >> 24) & 0xff) == cbit, "GHCB SEV information carries the C-bit position");

	uint64_t r = ghcb_msr_call(0x004 | (0ull << 30) | (0x8000001Full << 32));
	report(GHCB_INFO(r) == 0x005 && (uint32_t)(r >> 32) == leaf.eax,
	       "GHCB CPUID request: 8000_001Fh EAX matches CPUID");
	r = ghcb_msr_call(0x004 | (1ull << 30));
	report(GHCB_INFO(r) == 0x005 && (uint32_t)(r >> 32) == cpuid(0, 0).ebx,
	       "GHCB CPUID request: leaf 0 EBX matches CPUID");

	r = ghcb_msr_call(0x080);
	report(GHCB_INFO(r) == 0x081 && ((r >> 12) & 1), "GHCB hypervisor features include SEV-SNP");
	uint64_t gfn = 0x1234;
	r = ghcb_msr_call(0x012 | gfn << 12);
	report(GHCB_INFO(r) == 0x013 && (r >> 12) == gfn, "GHCB registration of GFN %#lx acknowledged",
	       (unsigned long)gfn);
	return report_summary();
}
