/* arm64 items of testvisor's built-in self-check. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <arm64/fgt.h>
#include <arm64/smccc.h>
#include <arm64/sysreg.h>

const uint64_t *cpu_host_ids(void);

int arch_selfcheck(void)
{
	int failed = 0;
	char err[120] = "";
	failed += hv_check(current_el() == 2, "running at EL2 (EL%u)", current_el());
	failed += hv_check(arch_cycles_hz() != 0, "generic counter at %lu Hz",
			   (unsigned long)arch_cycles_hz());
	uint64_t a = arch_cycles(), b = arch_cycles();
	failed += hv_check(b >= a, "counter does not go backwards");
	failed += hv_check(fgt_validate(&fgt_builtin, err, sizeof(err)) == 0,
			   "FGT description table consistent%s%s", err[0] ? ": " : "", err);
	unsigned v;
	failed += hv_check(psci_version_parse("1.3", &v) && v == PSCI_VERSION_OF(1, 3) &&
				   !psci_version_parse("2.0", &v),
			   "PSCI version table");
	(void)cpu_host_ids();
	return failed;
}
