/* Random GHCB MSR protocol requests over VMGEXIT (GHCB specification, AMD pub. 56421,
 * "GHCB MSR Protocol": request code in bits 11:0, data above; the response code is the
 * request's plus one: SEV information 0x002 -> 0x001, CPUID 0x004 -> 0x005, AP reset hold,
 * GHCB GPA registration 0x012 -> 0x013, hypervisor features 0x080 -> 0x081, ...). The rule
 * (docs/HARDENING.md): the guest is never stopped; a request the hypervisor answers gets
 * its response code, one it does not support leaves the MSR as the guest wrote it (KVM's
 * behaviour, arch/x86/kvm/svm/sev.c: sev_handle_vmgexit_msr_protocol). Termination
 * (0x100) is left out: it ends the guest by definition, and so is 0x000, which is no
 * MSR-protocol request but the address of a GHCB page, and page-state changes (0x014),
 * which would take random pages of the guest's own memory away from it. Random GHCB registrations (0x012)
 * move the guest's registered GHCB away from the page its #VC handler uses: the real one
 * is registered again before anything is printed. SEV-ES/SNP guests of testvisor only.
 * Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define GHCB_INFO(v) ((v) & 0xfffull)
#define SEV_STATUS_SEV_ES (1ull << 1)
#define REQ_TERMINATE 0x100
#define REQ_REGISTER 0x012
#define REQ_PAGE_STATE 0x014
#define RESP_REGISTER 0x013

int main(int argc, char **argv)
{
	uint64_t count = tv_fuzz_args(argc, argv, 20000);
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SEV_ES)) {
		report_skip("not an SEV-ES or SEV-SNP guest of testvisor: no GHCB protocol to talk to");
		return report_summary();
	}
	/* Requests picked from the defined codes most of the time, else anything. */
	static const uint16_t codes[] = { 0x002, 0x004, 0x006, 0x012, 0x016, 0x018, 0x080, 0x0fff };
	uint64_t answered = 0, unchanged = 0, bad = 0, first_bad_req = 0, first_bad_resp = 0;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t r = tv_rand();
		uint64_t info = (r & 3) ? codes[(r >> 2) % (sizeof(codes) / sizeof(codes[0]))] : (r >> 8) & 0xfff;
		if (info == REQ_TERMINATE || info == 0 || info == REQ_PAGE_STATE)
			info = 0x0fff;
		uint64_t req = (tv_rand() & ~0xfffull) | info;
		uint64_t resp = ghcb_msr_call(req);
		bool ok;
		if (resp == req) {
			unchanged++;
			ok = true;
		} else {
			answered++;
			ok = GHCB_INFO(resp) == GHCB_INFO(req) + 1 || (info == 0x002 && GHCB_INFO(resp) == 0x001);
		}
		if (!ok && !bad++) {
			first_bad_req = req;
			first_bad_resp = resp;
		}
	}
	uint64_t own = (uint64_t)(uintptr_t)sev_ghcb_page() & ~0xfffull;
	bool registered = ghcb_msr_call(REQ_REGISTER | own) == (RESP_REGISTER | own);
	tv_fuzz_report_calls("vmgexit", count);
	report(registered, "the guest's own GHCB registered again");
	report_info("%llu answered, %llu left unchanged (unsupported)", (unsigned long long)answered,
		    (unsigned long long)unchanged);
	report(bad == 0, "every answer carries the request's response code");
	if (bad)
		report_info("first wrong answer: request %#llx, response %#llx",
			    (unsigned long long)first_bad_req, (unsigned long long)first_bad_resp);
	report(answered > 0 && unchanged > 0, "both kinds seen: answered and unsupported requests");
	report(ghcb_msr_call(0x002) != 0x002, "the protocol still answers after the fuzzing");
	return report_summary();
}
