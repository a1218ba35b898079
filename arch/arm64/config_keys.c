/* The guest-spec keys arm64 reads (the core refuses any other; docs/arm64.md). */
#include <hv/arch_if.h>

const struct config_key arch_config_keys[] = {
	{ "psci", "PSCI version offered: 0.2|1.0|1.1|1.2|1.3" },
	{ "ras", "RAS level in the ID view: none|v1|v1p1 (RAS=2)|v1p1-frac (RAS=1, RAS_frac=1)" },
	{ "hide", "features hidden from the ID view and trapped (FGU), comma-separated" },
	{ "trace", "single-step the guest: N (print the first N instructions) or last:N (print the "
		   "last N when it fails); its own breakpoints and watchpoints then stop it (docs/debug.md)" },
	{ "break", "stop the guest before it executes one of these guest-physical addresses: "
		   "<gpa>[,<gpa>...], at most 4; its own breakpoints and watchpoints then stop it (docs/debug.md)" },
	{ "unmapped", "an access with nothing behind it: sea (external abort, default)|stop" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
