/* SVM bring-up: detection (CPUID, VM_CR.SVMDIS where the MSR exists), EFER.SVME and the
 * host save area. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <stdio.h>
#include <cpu.h>
#include <x86/exit_assist.h>
#include <x86/fixup.h>
#include <x86/svm.h>

struct svm_caps svm_caps;

/* VM_CR.SVMDIS (APM vol. 2, 15.30.1). A CPU without the MSR (Bochs 2.7 has none) raises
 * #GP at the RDMSR: nothing disables SVM there. */
static bool svm_disabled_by_firmware(void)
{
	uint64_t vm_cr;
	return x86_rdmsr_safe(MSR_VM_CR, &vm_cr) && (vm_cr & VM_CR_SVMDIS);
}

bool arch_virt_probe(char *why, size_t len)
{
	if (svm_caps.ready)
		return true;
	struct cpuid_regs ext = cpuid(0x80000000, 0);
	if (ext.eax < 0x8000000A || !(cpuid(0x80000001, 0).ecx & CPUID_8000_0001_ECX_SVM)) {
		snprintf(why, len, "CPU has no AMD SVM (CPUID 8000_0001h:ECX[2] clear)");
		return false;
	}
	if (svm_disabled_by_firmware()) {
		snprintf(why, len, "SVM disabled by firmware (VM_CR.SVMDIS set)");
		return false;
	}
	struct cpuid_regs svm = cpuid(0x8000000A, 0);
	if (!(svm.edx & CPUID_8000_000A_EDX_NP)) {
		snprintf(why, len, "SVM without nested paging (CPUID 8000_000Ah:EDX[0] clear)");
		return false;
	}
	paddr_t hsave = hv_alloc_pages(1, 1);
	if (!pa_addr(hsave)) {
		snprintf(why, len, "no memory for the SVM host save area");
		return false;
	}
	/* NXE: nested page tables use the host's paging mode, NX included. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME | EFER_NXE);
	wrmsr(MSR_VM_HSAVE_PA, pa_addr(hsave));
	svm_caps = (struct svm_caps){
		.ready = true,
		.nrip_save = svm.edx & CPUID_8000_000A_EDX_NRIPS,
		.vmcb_clean = svm.edx & CPUID_8000_000A_EDX_VMCB_CLEAN,
		.decode_assists = svm.edx & CPUID_8000_000A_EDX_DECODE_ASSISTS,
		.revision = svm.eax & 0xff,
		.nr_asids = svm.ebx,
	};
	printf("testvisor: SVM revision %u, %u ASIDs, nested paging, NRIP save %s, "
	       "VMCB clean bits %s, decode assists %s\n",
	       svm_caps.revision, svm_caps.nr_asids,
	       svm_caps.nrip_save ? "yes" : "no (instruction lengths decoded)",
	       svm_caps.vmcb_clean ? "yes" : "no", svm_caps.decode_assists ? "yes" : "no");
	return true;
}
