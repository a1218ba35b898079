/* The CPU a guest sees through CPUID: testvisor's signature, SVM hidden, and a feature
 * hidden by the guest's configuration (cpuid_hide=), against the platform the runner says
 * the payload runs on (expect_platform=qemu|testvisor; hidden=<feature> when hidden). */
#include <libtv.h>
#include <string.h>
#include "x86_guest.h"

static bool has_testvisor_signature(void)
{
	uint32_t max_leaf;
	return x86_testvisor_signature(&max_leaf) && max_leaf >= 0x40000001;
}

int main(int argc, char **argv)
{
	const char *platform = tv_arg(argc, argv, "expect_platform");
	const char *hidden = tv_arg(argc, argv, "hidden");
	if (!platform)
		report_abort("expect_platform=qemu|testvisor missing");
	bool tv = !strcmp(platform, "testvisor");

	report(has_testvisor_signature() == tv, "hypervisor leaf 0x40000000 matches the platform");
	/* QEMU's TCG sets the bit itself; testvisor must. */
	report(!tv || (cpuid(1, 0).ecx & CPUID_1_ECX_HYPERVISOR),
	       "CPUID.1:ECX.hypervisor set under testvisor");
	report(!(cpuid(0x80000001, 0).ecx & CPUID_8000_0001_ECX_SVM) == tv,
	       "CPUID.80000001h:ECX.SVM hidden exactly under testvisor");
	struct cpuid_regs svm = cpuid(0x8000000A, 0);
	report((svm.eax == 0 && svm.ebx == 0 && svm.edx == 0) == tv,
	       "CPUID.8000000Ah (SVM features) empty exactly under testvisor");

	/* rdrand: present on -cpu max; hidden when the configuration says so. */
	bool rdrand = cpuid(1, 0).ecx & (1u << 30);
	bool want_hidden = hidden && !strcmp(hidden, "rdrand");
	report(rdrand == !want_hidden, "CPUID.1:ECX.RDRAND %s", want_hidden ? "hidden by configuration" : "visible");
	/* Features not hidden pass through unchanged. */
	report(cpuid(1, 0).edx & (1u << 25), "CPUID.1:EDX.SSE visible");
	report(cpuid(0x80000001, 0).edx & (1u << 29), "CPUID.80000001h:EDX.LM visible");

	/* Leaf 0 and the extended maximum are the host's: the guest sees a real AMD CPU. */
	struct cpuid_regs v = cpuid(0, 0);
	char vendor[13];
	memcpy(vendor, &v.ebx, 4);
	memcpy(vendor + 4, &v.edx, 4);
	memcpy(vendor + 8, &v.ecx, 4);
	vendor[12] = '\0';
	report(!strcmp(vendor, "AuthenticAMD"), "vendor is AuthenticAMD");
	report(cpuid(0x80000000, 0).eax >= 0x8000000A, "extended leaves up to 0x8000000A at least");
	return report_summary();
}
