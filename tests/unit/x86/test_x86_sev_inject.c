/* Interrupt injection into SEV guests (arch/x86/sev/sev_inject.c), each expectation from
 * its source:
 * - APM vol. 2 §15.35: an SEV-ES guest takes interrupts and exceptions the hypervisor
 *   injects through the VMCB (EVENTINJ, V_IRQ), as KVM injects them (svm_inject_irq).
 * - Restricted Injection (SEV_FEATURES bit 3, SNP): "disables all hypervisor-based
 *   interrupt queuing and event injection of all vectors except a new exception vector,
 *   #HV (28)" (Linux series "KVM: SVM: Add Restricted Injection", cover letter and
 *   "Define the #HV doorbell page"; APM vol. 2 §15.36.16).
 * - Alternate Injection (bit 4, SNP): the injections come from the guest's own VMSA (a
 *   higher VMPL injects), none from the hypervisor: **assumption**, no text we could read
 *   states it; the bit's name and number are APM vol. 2 Table B-4.
 * - The injection modes are SNP features: an SEV-ES guest's bits 3 and 4 do nothing.
 * - What VMRUN does with a forbidden injection is the model's assumption: VMEXIT_INVALID. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/sev_inject.h>

#define BIT(n) (1ull << (n))
#define SNP_ACTIVE BIT(0)
#define RESTRICTED BIT(3)
#define ALTERNATE BIT(4)
#define VALID BIT(31)
#define TYPE_INTR (0ull << 8)
#define TYPE_NMI (2ull << 8)
#define TYPE_EXCEPTION (3ull << 8)
#define V_IRQ BIT(8)

static void modes_by_type_and_features(void **state)
{
	assert_int_equal(sev_injection_mode(SEV_GUEST_NONE, 0), SEV_INJECT_VMCB);
	assert_int_equal(sev_injection_mode(SEV_GUEST_ES, 0), SEV_INJECT_VMCB);
	assert_int_equal(sev_injection_mode(SEV_GUEST_SNP, SNP_ACTIVE), SEV_INJECT_VMCB);
	assert_int_equal(sev_injection_mode(SEV_GUEST_SNP, SNP_ACTIVE | RESTRICTED), SEV_INJECT_HV_ONLY);
	assert_int_equal(sev_injection_mode(SEV_GUEST_SNP, SNP_ACTIVE | ALTERNATE), SEV_INJECT_GUEST_OWNED);
	assert_int_equal(sev_injection_mode(SEV_GUEST_SNP, SNP_ACTIVE | RESTRICTED | ALTERNATE),
			 SEV_INJECT_HV_ONLY);
	/* SNP-only: ignored for SEV-ES. */
	assert_int_equal(sev_injection_mode(SEV_GUEST_ES, RESTRICTED), SEV_INJECT_VMCB);
	assert_int_equal(sev_injection_mode(SEV_GUEST_ES, ALTERNATE), SEV_INJECT_VMCB);
	/* Other features change nothing. */
	assert_int_equal(sev_injection_mode(SEV_GUEST_SNP, SNP_ACTIVE | BIT(5) | BIT(9)), SEV_INJECT_VMCB);
}

static void vmcb_injects_anything(void **state)
{
	assert_null(sev_injection_check(SEV_INJECT_VMCB, VALID | TYPE_INTR | 0x40, V_IRQ));
	assert_null(sev_injection_check(SEV_INJECT_VMCB, VALID | TYPE_NMI | 2, 0));
	assert_null(sev_injection_check(SEV_INJECT_VMCB, VALID | TYPE_EXCEPTION | 14, 0));
}

static void restricted_only_hv(void **state)
{
	assert_null(sev_injection_check(SEV_INJECT_HV_ONLY, 0, 0));
	assert_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_EXCEPTION | 28, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_INTR | 0x40, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_INTR | 28, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_NMI | 2, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_EXCEPTION | 14, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, VALID | TYPE_EXCEPTION | 29, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_HV_ONLY, 0, V_IRQ));
	/* Not valid: nothing is injected, whatever the other bits say. */
	assert_null(sev_injection_check(SEV_INJECT_HV_ONLY, TYPE_INTR | 0x40, 0));
	/* V_TPR and the other V_INTR bits are no injection. */
	assert_null(sev_injection_check(SEV_INJECT_HV_ONLY, 0, 0xF | BIT(24)));
}

static void alternate_none(void **state)
{
	assert_null(sev_injection_check(SEV_INJECT_GUEST_OWNED, 0, 0xF));
	assert_non_null(sev_injection_check(SEV_INJECT_GUEST_OWNED, VALID | TYPE_EXCEPTION | 28, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_GUEST_OWNED, VALID | TYPE_INTR | 0x40, 0));
	assert_non_null(sev_injection_check(SEV_INJECT_GUEST_OWNED, 0, V_IRQ));
}

/* sev_forbidden_injection=ignore: what the mode forbids is dropped, what it allows kept;
 * nothing is dropped for a guest without an injection mode. */
static void drop_forbidden(void **state)
{
	uint64_t ev = VALID | TYPE_INTR | 0x30, vintr = V_IRQ | 0x5;
	sev_injection_drop(SEV_INJECT_VMCB, &ev, &vintr);
	assert_int_equal(ev, VALID | TYPE_INTR | 0x30);
	assert_int_equal(vintr, V_IRQ | 0x5);
	sev_injection_drop(SEV_INJECT_HV_ONLY, &ev, &vintr);
	assert_int_equal(ev & VALID, 0);
	assert_int_equal(vintr, 0x5); /* V_TPR kept, V_IRQ gone */
	assert_null(sev_injection_check(SEV_INJECT_HV_ONLY, ev, vintr));
	uint64_t hv = VALID | TYPE_EXCEPTION | 28;
	vintr = 0;
	sev_injection_drop(SEV_INJECT_HV_ONLY, &hv, &vintr);
	assert_int_equal(hv, VALID | TYPE_EXCEPTION | 28);
	sev_injection_drop(SEV_INJECT_GUEST_OWNED, &hv, &vintr);
	assert_int_equal(hv & VALID, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(modes_by_type_and_features),
		cmocka_unit_test(vmcb_injects_anything),
		cmocka_unit_test(restricted_only_hv),
		cmocka_unit_test(alternate_none),
		cmocka_unit_test(drop_forbidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
