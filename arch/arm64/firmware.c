/* Calls to the firmware below testvisor (QEMU's built-in PSCI, or EL3 firmware). */
#include <arm64/platform.h>
#include <smccc_conduit.h>

uint64_t psci_call_firmware(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t regs[4] = { fn, a1, a2, a3 };
	smccc_conduit_call(firmware_psci_smc, regs);
	return regs[0];
}
