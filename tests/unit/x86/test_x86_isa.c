/* The constants of arch/x86/isa, which testvisor and the payloads share, pinned to the
 * numbers of their specifications, so a wrong value cannot be agreed on by both sides. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cpu.h>
#include <multiboot.h>
#include <trap_frame.h>

/* Multiboot Specification 0.6.96, 3.2 (machine state) and 3.3 (boot information format). */
static void test_multiboot(void **state)
{
	assert_int_equal(MB_LOADER_MAGIC, 0x2BADB002);
	assert_int_equal(MB_INFO_MEMORY, 1u << 0);
	assert_int_equal(MB_INFO_CMDLINE, 1u << 2);
	assert_int_equal(MB_INFO_MODS, 1u << 3);
	assert_int_equal(MB_INFO_MMAP, 1u << 6);
	assert_int_equal(MB_INFO_LOADER_NAME, 1u << 9);
	assert_int_equal(offsetof(struct mb_info, cmdline), 16);
	assert_int_equal(offsetof(struct mb_info, mods_count), 20);
	assert_int_equal(offsetof(struct mb_info, mods_addr), 24);
	assert_int_equal(offsetof(struct mb_info, mmap_length), 44);
	assert_int_equal(offsetof(struct mb_info, mmap_addr), 48);
	assert_int_equal(offsetof(struct mb_info, boot_loader_name), 64);
	assert_int_equal(offsetof(struct mb_module, string), 8);
	assert_int_equal(sizeof(struct mb_module), 16);
	assert_int_equal(offsetof(struct mb_mmap_entry, addr), 4);
	assert_int_equal(offsetof(struct mb_mmap_entry, type), 20);
	assert_int_equal(MB_MMAP_RAM, 1);
}

/* AMD APM vol. 2, 8.2 (exception vectors). */
static void test_vectors(void **state)
{
	assert_int_equal(X86_DE, 0);
	assert_int_equal(X86_BP, 3);
	assert_int_equal(X86_UD, 6);
	assert_int_equal(X86_DF, 8);
	assert_int_equal(X86_GP, 13);
	assert_int_equal(X86_PF, 14);
	assert_int_equal(X86_MC, 18);
	assert_int_equal(X86_VC, 29);
	assert_string_equal(x86_vector_name(13), "#GP");
	assert_string_equal(x86_vector_name(29), "#VC");
	assert_string_equal(x86_vector_name(32), "IRQ");
}

/* AMD APM vol. 2: EFER (3.1.7), VM_CR (15.30.1), VM_HSAVE_PA (15.30.4); SEV MSRs (15.34,
 * 15.35); CPUID Fn8000_0001 ECX[2] SVM and Fn8000_000A EDX[0] NP, [3] NRIPS (vol. 3, E). */
static void test_msrs_and_cpuid_bits(void **state)
{
	assert_int_equal(MSR_IA32_TSC, 0x10);
	assert_int_equal(MSR_IA32_APIC_BASE, 0x1B);
	assert_int_equal(MSR_EFER, 0xC0000080);
	assert_int_equal(EFER_LME, 1u << 8);
	assert_int_equal(EFER_LMA, 1u << 10);
	assert_int_equal(EFER_NXE, 1u << 11);
	assert_int_equal(EFER_SVME, 1u << 12);
	assert_int_equal(MSR_VM_CR, 0xC0010114);
	assert_int_equal(VM_CR_SVMDIS, 1u << 4);
	assert_int_equal(MSR_VM_HSAVE_PA, 0xC0010117);
	assert_int_equal(MSR_SEV_GHCB, 0xC0010130);
	assert_int_equal(MSR_SEV_STATUS, 0xC0010131);
	assert_int_equal(CPUID_8000_0001_ECX_SVM, 1u << 2);
	assert_int_equal(CPUID_8000_000A_EDX_NP, 1u << 0);
	assert_int_equal(CPUID_8000_000A_EDX_NRIPS, 1u << 3);
	assert_int_equal(CPUID_1_ECX_HYPERVISOR, 1u << 31);
	assert_int_equal(RFLAGS_IF, 1u << 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multiboot),
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_msrs_and_cpuid_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
