/* ALLOWED_SEV_FEATURES (VMCB 0x138) and GUEST_SEV_FEATURES (0x140), asked of testvisor
 * (HC_SEV_TRY_LAUNCH runs the VMRUN-time check for given SEV_FEATURES and allowed value):
 * every defined SEV_FEATURES bit runs when allowed, gives VMEXIT_INVALID when not, and
 * runs when the check is disabled (bit 63 clear); SEV-ES guests only get their subset;
 * GUEST_SEV_FEATURES is what this guest runs with. The expected values come from the
 * APM's definitions below, not from testvisor's tables. SNP guests of testvisor only. */
#include <libtv.h>
#include "x86_guest.h"

#define CHECK_ENABLE (1ull << 63)
#define SNP_ACTIVE (1ull << 0)
#define BIT(n) (1ull << (n))

static const struct { unsigned bit; const char *name; } defined[] = {
	{ 1, "vTOM" }, { 2, "ReflectVC" }, { 3, "RestrictedInjection" },
	{ 4, "AlternateInjection" }, { 5, "DebugSwap" }, { 6, "PreventHostIBS" },
	{ 7, "BTBIsolation" }, { 8, "VmplSSS" }, { 9, "SecureTsc" }, { 10, "VmgexitParameter" },
	{ 12, "IbsVirtualization" }, { 14, "VmsaRegProt" }, { 15, "SmtProtection" },
	{ 16, "SecureAVIC" }, { 21, "IbpbOnEntry" },
};
/* SEV-ES guests: DebugSwap, PreventHostIBS, VmgexitParameter, IBS and PMC virtualization. */
static const uint64_t es_subset = BIT(5) | BIT(6) | BIT(10) | BIT(12) | BIT(13);

static bool runs(uint64_t features, uint64_t allowed, bool es)
{
	return tv_hypercall(HC_SEV_TRY_LAUNCH, features, allowed, es ? 1 : 0) == HC_LAUNCH_RUNS;
}

int main(int argc, char **argv)
{
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest of testvisor: ALLOWED_SEV_FEATURES cannot be probed");
		return report_summary();
	}
	uint64_t guest_features = tv_hypercall(HC_SEV_GUEST_FEATURES, 0, 0, 0);
	report(guest_features == sev_status() >> 2,
	       "GUEST_SEV_FEATURES (%#lx) is what SEV_STATUS shows this guest running with",
	       (unsigned long)guest_features);
	report(guest_features & SNP_ACTIVE, "GUEST_SEV_FEATURES has SNPActive");

	for (unsigned i = 0; i < sizeof(defined) / sizeof(defined[0]); i++) {
		uint64_t f = SNP_ACTIVE | BIT(defined[i].bit);
		report_prefix_pushf("bit %u %s", defined[i].bit, defined[i].name);
		report(runs(f, CHECK_ENABLE | f, false), "allowed: VMRUN runs");
		report(!runs(f, CHECK_ENABLE | SNP_ACTIVE, false), "not allowed: VMEXIT_INVALID");
		report(runs(f, SNP_ACTIVE, false), "check disabled (bit 63 clear): VMRUN runs");
		bool in_subset = es_subset & BIT(defined[i].bit);
		report(runs(BIT(defined[i].bit), 0, true) == in_subset, "SEV-ES guest: %s",
		       in_subset ? "in the subset, runs" : "outside the subset, VMEXIT_INVALID");
		report_prefix_pop();
	}
	report(!runs(0, CHECK_ENABLE | ~CHECK_ENABLE, false), "SNP guest without SNPActive: VMEXIT_INVALID");
	report(!runs(SNP_ACTIVE, 0, true), "SEV-ES guest with SNPActive: VMEXIT_INVALID");
	report(runs(SNP_ACTIVE | BIT(5) | BIT(9), CHECK_ENABLE | SNP_ACTIVE | BIT(5) | BIT(9), false),
	       "several allowed features together run");
	report(!runs(SNP_ACTIVE | BIT(5) | BIT(9), CHECK_ENABLE | SNP_ACTIVE | BIT(5), false),
	       "one feature outside the allowed set is enough for VMEXIT_INVALID");
	return report_summary();
}
