/* The guest-spec keys s390x reads (the core refuses any other; docs/s390.md). */
#include <hv/arch_if.h>

const struct config_key arch_config_keys[] = {
	{ "chp_events", "scripted channel-path events: "
			"vary_off|vary_on|offline|online:<chpid>@<ms>,... (docs/s390.md)" },
	{ "crw_queue_depth", "CRWs queued before one is lost, 1-8, default 8 (assumption, docs/s390.md)" },
	{ "trace", "N: print the guest's first N instructions; last:N: the last N when it fails "
		   "(docs/debug.md)" },
	{ "break", "stop the guest before it executes one of these guest-real addresses: "
		   "<gpa>[,<gpa>...], at most 4; problem-state backend only (docs/debug.md)" },
	{ "stsi_vm_name", "VM name in STSI 3.2.2, 1-8 of A-Z 0-9, default TESTVISR (assumption)" },
	{ "stop_interruption_loops", "1 (default): stop a guest with a zero new PSW or a "
			"program-interruption loop; 0: run on as hardware would (assumption)" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
