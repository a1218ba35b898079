/* The guest's CPUID view: virtualization hidden, testvisor's leaves, configured hiding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/cpu_view.h>

static const uint32_t no_sev[4];

static struct vm_config config(const char *spec)
{
	struct vm_config cfg;
	char err[100];
	assert_int_equal(vm_config_parse(&cfg, spec, err, sizeof(err)), 0);
	return cfg;
}

static void test_virtualization_hidden(void **state)
{
	struct cpuid_regs host = { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff };
	struct cpuid_regs r = cpu_view_filter(0, no_sev, 0x80000001, 0, host);
	assert_false(r.ecx & CPUID_8000_0001_ECX_SVM);
	assert_int_equal(r.edx, 0xffffffff);
	r = cpu_view_filter(0, no_sev, 0x8000000A, 0, host);
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	r = cpu_view_filter(0, no_sev, 1, 0, (struct cpuid_regs){ 0, 0, 0, 0 });
	assert_true(r.ecx & CPUID_1_ECX_HYPERVISOR);
	assert_true(r.ecx & (1u << 21)); /* x2APIC: testvisor's, whatever the host has */
	r = cpu_view_filter(0, no_sev, 1, 0, host);
	assert_false(r.ecx & (1u << 5));  /* VMX */
}

/* Each vCPU's own APIC IDs (SDM vol. 2A CPUID leaves 1 and 0xB; APM Fn8000_001E). */
static void test_identity_per_vcpu(void **state)
{
	struct cpuid_regs host = { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff };
	struct cpuid_regs r = cpu_view_identity(host, 1, 3);
	assert_int_equal(r.ebx, 0x03ffffff);
	assert_int_equal(r.ecx, 0xffffffff);
	assert_int_equal(cpu_view_identity(host, 0xB, 3).edx, 3);
	assert_int_equal(cpu_view_identity(host, 0x8000001E, 3).eax, 3);
	assert_int_equal(cpu_view_identity(host, 0x7, 3).ebx, 0xffffffff);
}

static void test_hypervisor_leaves(void **state)
{
	struct cpuid_regs r = cpu_view_filter(0, no_sev, 0x40000000, 0, (struct cpuid_regs){ 1, 2, 3, 4 });
	char sig[13] = { 0 };
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	assert_string_equal(sig, TV_CPUID_SIGNATURE);
	assert_int_equal(r.eax, TV_CPUID_LEAF_MAX);
	r = cpu_view_filter(0, no_sev, 0x40000001, 0, (struct cpuid_regs){ 1, 2, 3, 4 });
	assert_int_equal(r.eax, TV_HYPERCALL_ABI);
	r = cpu_view_filter(0, no_sev, 0x40000050, 0, (struct cpuid_regs){ 1, 2, 3, 4 });
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
}

static void test_sev_leaf_from_caller(void **state)
{
	const uint32_t sev[4] = { 0x1a, 0x33, 0, 0 };
	struct cpuid_regs r = cpu_view_filter(0, sev, 0x8000001F, 0, (struct cpuid_regs){ 0xff, 0xff, 0xff, 0xff });
	assert_int_equal(r.eax, 0x1a);
	assert_int_equal(r.ebx, 0x33);
	assert_int_equal(r.ecx, 0);
}

static void test_configured_hiding(void **state)
{
	struct vm_config cfg = config("name=t cpuid_hide=rdrand,smep");
	uint64_t hidden;
	char err[100];
	assert_int_equal(cpu_view_configure(&cfg, &hidden, err, sizeof(err)), 0);
	struct cpuid_regs all = { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff };
	struct cpuid_regs r = cpu_view_filter(hidden, no_sev, 1, 0, all);
	assert_false(r.ecx & (1u << 30));
	assert_true(r.ecx & (1u << 28)); /* avx untouched */
	r = cpu_view_filter(hidden, no_sev, 7, 0, all);
	assert_false(r.ebx & (1u << 7));
	r = cpu_view_filter(hidden, no_sev, 7, 1, all);
	assert_true(r.ebx & (1u << 7)); /* other sub-leaf untouched */

	cfg = config("name=t cpuid_hide=rdrand,warp_drive");
	assert_int_equal(cpu_view_configure(&cfg, &hidden, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "warp_drive"));
}

static void test_feature_names_unique(void **state)
{
	for (unsigned i = 0; i < nr_cpu_features; i++)
		for (unsigned j = i + 1; j < nr_cpu_features; j++)
			assert_true(strcmp(cpu_features[i].name, cpu_features[j].name) != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virtualization_hidden),
		cmocka_unit_test(test_identity_per_vcpu),
		cmocka_unit_test(test_hypervisor_leaves),
		cmocka_unit_test(test_sev_leaf_from_caller),
		cmocka_unit_test(test_configured_hiding),
		cmocka_unit_test(test_feature_names_unique),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
