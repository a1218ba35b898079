/* The guest-spec keys riscv64 reads (the core refuses any other; docs/riscv-sbi.md). */
#include <hv/arch_if.h>

const struct config_key arch_config_keys[] = {
	{ "srst_reboot", "SBI SRST cold/warm reboot: exit (ends the guest, default) | not_supported" },
	{ "srst_failure_status", "guest exit status of an SRST shutdown for SYSTEM_FAILURE (default 1)" },
	{ "break", "stop the guest before it executes one of these guest-physical addresses: "
		   "<gpa>[,<gpa>...], as many as the firmware's SBI DBTR has mcontrol6 triggers; "
		   "guest paging off only (docs/debug.md)" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
