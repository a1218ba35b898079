/* Automatic exits of an SEV-ES/SNP guest (x86/sev_exit_kind.h). Every intercept not
 * listed is non-automatic: #VC with the exit code as error code. */
#include <x86/sev_exit_kind.h>
#include <x86/vmcb.h>

#define EXIT_EXCP_FIRST 0x40     /* intercepted exceptions 0..31 */
#define EXIT_EXCP_VC (0x40 + 29) /* #VC itself cannot be intercepted as a #VC */
#define EXIT_EXCP_LAST 0x5f
#define EXIT_CR_WRITE_TRAP_FIRST 0x90 /* CR0..CR15 write traps */
#define EXIT_CR_WRITE_TRAP_LAST 0x9f

/* Exit codes from the APM's list: physical interrupts and the like, HLT, PAUSE, shutdown,
 * the EFER/CR write traps (state the hypervisor may only observe), nested page faults and
 * VMGEXIT itself; the hypervisor learns nothing of the guest's registers from them. */
static const uint64_t automatic[] = {
	0x60, /* INTR */
	0x61, /* NMI */
	0x62, /* SMI */
	0x63, /* INIT */
	0x64, /* VINTR */
	0x77, /* PAUSE */
	0x78, /* HLT */
	0x7f, /* SHUTDOWN */
	0x8f, /* EFER write trap */
	0x400, /* NPF, unless its NPT entry has reserved bits set (sev_npf_is_automatic) */
	0x401, /* AVIC incomplete IPI */
	0x402, /* AVIC unaccelerated access */
	0x403, /* VMGEXIT */
	0xffffffffffffffffull, /* VMEXIT_INVALID */
};

bool sev_exit_is_automatic(uint64_t exit_code)
{
	if (exit_code >= EXIT_EXCP_FIRST && exit_code <= EXIT_EXCP_LAST)
		return exit_code != EXIT_EXCP_VC;
	if (exit_code >= EXIT_CR_WRITE_TRAP_FIRST && exit_code <= EXIT_CR_WRITE_TRAP_LAST)
		return true;
	for (unsigned i = 0; i < sizeof(automatic) / sizeof(automatic[0]); i++)
		if (automatic[i] == exit_code)
			return true;
	return false;
}

/* APM vol. 2 §15.35 "#VC Exception": an NPF for a nested entry with a reserved bit set is
 * non-automatic. edk2 "OvmfPkg/VmgExitLib: Add support for NPF NAE events (MMIO)" and
 * Linux "x86/sev-es: Handle MMIO events" rely on it for MMIO. */
bool sev_npf_is_automatic(uint64_t exit_info1)
{
	return !(exit_info1 & NPF_RSVD);
}
