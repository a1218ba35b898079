/* Interrupt injection into SEV guests (x86/sev_inject.h). */
#include <x86/sev_inject.h>

#define EVENT_VALID (1ull << 31)
#define EVENT_TYPE(e) (((e) >> 8) & 7)
#define EVENT_TYPE_EXCEPTION 3
#define V_IRQ (1ull << 8)

/* The injection modes are SNP features: an SEV-ES guest's bits 3 and 4 do nothing (they
 * are outside SEV_ES_FEATURES, as for the ALLOWED_SEV_FEATURES check). With both set,
 * Restricted Injection decides (**assumption**: no source we read covers the pair). */
enum sev_injection sev_injection_mode(enum sev_guest_type type, uint64_t features)
{
	if (type != SEV_GUEST_SNP)
		return SEV_INJECT_VMCB;
	if (features & SEV_FEAT(SEV_FEAT_RESTRICTED_INJECTION))
		return SEV_INJECT_HV_ONLY;
	if (features & SEV_FEAT(SEV_FEAT_ALTERNATE_INJECTION))
		return SEV_INJECT_GUEST_OWNED;
	return SEV_INJECT_VMCB;
}

/* What the CPU makes of a forbidden injection (ignore it or fail VMRUN) is not in a
 * source we could read: the model refuses it as VMEXIT_INVALID (**assumption**), so that a
 * hypervisor bug shows as a stopped guest instead of a silently lost interrupt. */
const char *sev_injection_check(enum sev_injection mode, uint64_t event_inj, uint64_t vintr)
{
	bool injects = event_inj & EVENT_VALID;
	switch (mode) {
	case SEV_INJECT_VMCB:
		return NULL;
	case SEV_INJECT_HV_ONLY:
		if (injects && !(EVENT_TYPE(event_inj) == EVENT_TYPE_EXCEPTION &&
				 (event_inj & 0xff) == SEV_HV_VECTOR))
			return "Restricted Injection: EVENTINJ other than #HV";
		if (vintr & V_IRQ)
			return "Restricted Injection: a virtual interrupt (V_IRQ)";
		return NULL;
	case SEV_INJECT_GUEST_OWNED:
		if (injects)
			return "Alternate Injection: EVENTINJ from the hypervisor";
		if (vintr & V_IRQ)
			return "Alternate Injection: a virtual interrupt (V_IRQ) from the hypervisor";
		return NULL;
	}
	return "unknown injection mode";
}

void sev_injection_drop(enum sev_injection mode, uint64_t *event_inj, uint64_t *vintr)
{
	bool hv_exception = EVENT_TYPE(*event_inj) == EVENT_TYPE_EXCEPTION &&
			    (*event_inj & 0xff) == SEV_HV_VECTOR;
	if (mode == SEV_INJECT_VMCB)
		return;
	if (mode == SEV_INJECT_GUEST_OWNED || !hv_exception)
		*event_inj &= ~EVENT_VALID;
	*vintr &= ~V_IRQ;
}
