/* ALLOWED_SEV_FEATURES (VMCB 0x138) and GUEST_SEV_FEATURES (0x140), asked of testvisor
 * (HC_SEV_TRY_LAUNCH runs the VMRUN-time check for given SEV_FEATURES and allowed value).
 * Each bit's expected VMRUN outcome is written here from its source, not taken from
 * testvisor's tables:
 * - AMD APM vol. 2 §15.36.20 "Allowed SEV Features": with ALLOWED_SEV_FEATURES bit 63
 *   set, VMRUN fails (VMEXIT_INVALID) when a bit is 1 in SEV_FEATURES but 0 in
 *   ALLOWED_SEV_FEATURES. APM vol. 2 Table B-4 (VMSA SEV_FEATURES): PmcVirtualization and
 *   SecureAVIC need an opt-in through ALLOWED_SEV_FEATURES (off by default: with bit 63
 *   clear nothing opts them in); every other feature is on by default.
 * - seed "KVM: SEV: Add support for the ALLOWED_SEV_FEATURES feature": the SEV-ES "allows"
 *   check only looks at features SEV-ES has (DebugSwap, PreventHostIBS, VmgexitParameter,
 *   PmcVirtualization, IbsVirtualization) and ignores SNP-only ones.
 * SNP guests of testvisor only. */
#include <libtv.h>
#include "x86_guest.h"

#define CHECK_ENABLE (1ull << 63)
#define SNP_ACTIVE (1ull << 0)
#define BIT(n) (1ull << (n))

/* APM vol. 2 Table B-4 bit numbers; es: seed list of SEV-ES features; opt_in: Table B-4
 * (needs ALLOWED_SEV_FEATURES to allow it). */
static const struct { unsigned bit; const char *name; bool es, opt_in; } defined[] = {
	{ 1, "vTOM" }, { 2, "ReflectVC" }, { 3, "RestrictedInjection" },
	{ 4, "AlternateInjection" }, { 5, "DebugSwap", true }, { 6, "PreventHostIBS", true },
	{ 7, "BTBIsolation" }, { 8, "VmplSSS" }, { 9, "SecureTsc" },
	{ 10, "VmgexitParameter", true }, { 12, "IbsVirtualization", true },
	{ 13, "PmcVirtualization", true, true }, { 14, "VmsaRegProt" }, { 15, "SmtProtection" },
	{ 16, "SecureAVIC", false, true }, { 21, "IbpbOnEntry" },
};

static bool runs(uint64_t features, uint64_t allowed, bool es)
{
	return tv_hypercall(HC_SEV_TRY_LAUNCH, features, allowed, es ? 1 : 0) == HC_LAUNCH_RUNS;
}

static const char *outcome(bool run) { return run ? "runs" : "VMEXIT_INVALID"; }

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
		uint64_t b = BIT(defined[i].bit), f = SNP_ACTIVE | b;
		bool es = defined[i].es, opt_in = defined[i].opt_in;
		report_prefix_pushf("bit %u %s", defined[i].bit, defined[i].name);
		report(runs(f, CHECK_ENABLE | f, false), "allowed: VMRUN runs");
		report(!runs(f, CHECK_ENABLE | SNP_ACTIVE, false), "not allowed: VMEXIT_INVALID");
		report(runs(f, SNP_ACTIVE | b, false) == !opt_in, "check disabled (bit 63 clear): %s",
		       outcome(!opt_in));
		report(runs(b, CHECK_ENABLE, true) == !es, "SEV-ES guest, nothing allowed: %s",
		       outcome(!es));
		report(runs(b, 0, true) == !(es && opt_in), "SEV-ES guest, check disabled: %s",
		       outcome(!(es && opt_in)));
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
