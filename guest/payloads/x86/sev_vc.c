/* An SEV-ES/SNP guest's intercepted instructions raise #VC in the guest and reach the
 * hypervisor only through the GHCB; the hypervisor checks each GHCB request. Written from
 * the APM (vol. 2 §15.35: non-automatic exits raise #VC, error code = exit code; SEV_STATUS
 * and the GHCB MSR are not intercepted) and the GHCB specification (pub. 56421: GHCB layout,
 * "Hypervisor Feature Support"), with KVM's answers to malformed requests (arch/x86/kvm/
 * svm/sev.c sev_es_validate_vmgexit: SW_EXITINFO1 = 2, SW_EXITINFO2 = reason: 2 invalid
 * usage, 4 missing input, 6 invalid event). Arguments: type=snp|es; terminate=1 ends with
 * a termination request through the GHCB page (SW_EXITCODE 0x8000_FFFE), which must end the
 * guest (KVM: SVM_VMGEXIT_TERM_REQUEST); private_cbit_clear=1 ends by reading one of its own
 * private pages mapped with the C-bit clear, which an SNP CPU refuses (an RMP violation,
 * APM vol. 2 §15.36). Checks that the guest runs with the C-bit in its page tables: CPUID
 * 8000_001Fh:EBX[5:0] names it. SEV-ES/SNP guests only. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "trap.h"
#include "x86_guest.h"

/* Exit codes (APM vol. 2 appendix C) and GHCB offsets (GHCB specification). */
enum { EXIT_CPUID = 0x72, EXIT_IOIO = 0x7b, EXIT_MSR = 0x7c, EXIT_VMMCALL = 0x81 };
enum { G_RAX = 0x1f8, G_RBX = 0x318, G_RCX = 0x308, G_RDX = 0x310, G_EXIT_CODE = 0x390,
       G_INFO1 = 0x398, G_INFO2 = 0x3a0, G_SCRATCH = 0x3a8, G_VALID = 0x3f0, G_SHARED = 0x800,
       G_VERSION = 0xffa, G_USAGE = 0xffc };
#define NAE_HV_FEATURES 0x8000fffdull
#define MSR_APIC_BASE 0x1b
#define MSR_ABSENT 0xc0011fffu /* no such MSR on QEMU's or testvisor's CPU */

static uint8_t *g;
static bool version_field_checked; /* argument version_field=check */



/* A request with the three SW fields valid unless `skip` names one. */
static void request(uint64_t code, uint64_t info1, unsigned skip)
{
	memset(g + G_VALID, 0, 16);
	memset(g + G_USAGE, 0, 4);
	const unsigned offs[3] = { G_EXIT_CODE, G_INFO1, G_INFO2 };
	const uint64_t vals[3] = { code, info1, 0 };
	for (unsigned i = 0; i < 3; i++)
		if (offs[i] != skip)
			sev_ghcb_set(offs[i], vals[i]);
}

/* Results read before anything is printed (printing reuses the page). */
struct answer {
	uint64_t info1, info2, rbx;
	bool rax_valid, rbx_valid;
};

static struct answer exchange(void)
{
	sev_ghcb_vmgexit();
	return (struct answer){ sev_ghcb_read(G_INFO1), sev_ghcb_read(G_INFO2), sev_ghcb_read(G_RBX),
				sev_ghcb_is_valid(G_RAX), sev_ghcb_is_valid(G_RBX) };
}

static void check_refused(const char *what, struct answer a, uint64_t reason)
{
	report((uint32_t)a.info1 == 2 && a.info2 == reason,
	       "%s: refused with SW_EXITINFO1 2, reason %lu (got %lu, %lu)", what,
	       (unsigned long)reason, (unsigned long)a.info1, (unsigned long)a.info2);
}

static void vc_checks(void)
{
	report(sev_vc_count(EXIT_IOIO) > 0, "console output went through #VC (IOIO): %lu times",
	       sev_vc_count(EXIT_IOIO));
	unsigned long before = sev_vc_count(EXIT_CPUID);
	struct cpuid_regs r = cpuid(0, 0);
	report(sev_vc_count(EXIT_CPUID) == before + 1, "CPUID raised one #VC (error code 0x72)");
	uint64_t via_msr_protocol = ghcb_msr_call(0x004 | 1ull << 30);
	report((uint32_t)(via_msr_protocol >> 32) == r.ebx,
	       "CPUID through #VC and the GHCB page equals the MSR protocol's answer");

	before = sev_vc_count(EXIT_MSR);
	uint64_t v;
	bool ok = rdmsr_safe(MSR_APIC_BASE, &v);
	report(ok && sev_vc_count(EXIT_MSR) == before + 1 && (v & 0xfffff000) == 0xfee00000,
	       "RDMSR of an intercepted MSR raised #VC (0x7c) and got IA32_APIC_BASE (%#lx)",
	       (unsigned long)v);
	before = sev_vc_count(EXIT_MSR);
	ok = rdmsr_safe(MSR_ABSENT, &v);
	report(!ok && sev_vc_count(EXIT_MSR) == before + 1,
	       "RDMSR of an absent MSR: #VC, then the #GP the GHCB answer names");
	before = sev_vc_count(EXIT_MSR);
	(void)sev_status();
	report(sev_vc_count(EXIT_MSR) == before, "SEV_STATUS is read without a #VC (not interceptable)");
	before = sev_vc_count(EXIT_VMMCALL);
	uint64_t nop = tv_hypercall(HC_NOP, 0, 0, 0);
	report(nop == 0 && sev_vc_count(EXIT_VMMCALL) == before + 1,
	       "VMMCALL raised #VC (0x81) and the hypercall answered through the GHCB");
}

static void ghcb_checks(bool snp)
{
	g = sev_ghcb_page();
	request(EXIT_CPUID, 0, 0);
	sev_ghcb_set(G_RAX, 0);
	sev_ghcb_set(G_RCX, 0);
	struct answer a = exchange();
	report((uint32_t)a.info1 == 0 && a.rax_valid && a.rbx_valid && (uint32_t)a.rbx == cpuid(0, 0).ebx,
	       "a well-formed CPUID request is answered, RAX..RDX marked valid");

	request(EXIT_CPUID, 0, 0);
	sev_ghcb_set(G_RAX, 0);
	sev_ghcb_set(G_RCX, 0);
	uint32_t usage = 1;
	memcpy(g + G_USAGE, &usage, 4);
	check_refused("GHCB usage 1", exchange(), 2);

	request(EXIT_CPUID, 0, G_INFO2);
	sev_ghcb_set(G_RAX, 0);
	sev_ghcb_set(G_RCX, 0);
	check_refused("SW_EXITINFO2 not marked valid", exchange(), 4);

	request(EXIT_CPUID, 0, 0);
	sev_ghcb_set(G_RAX, 0);
	check_refused("CPUID without RCX", exchange(), 4);

	request(EXIT_IOIO, 0x80u << 16 | 1u << 4, 0); /* OUT to port 0x80 without RAX */
	check_refused("OUT without RAX", exchange(), 4);

	request(0x7fff, 0, 0);
	check_refused("unknown exit code 0x7fff", exchange(), 6);

	/* The protocol-version field (0xFFA): KVM reads only the usage, so a version the VM
	 * does not speak is answered; under ghcb_version_field=check (argument
	 * version_field=check) testvisor refuses it with 5, invalid input (an assumption). */
	uint16_t version, bogus = 0x7fff;
	memcpy(&version, g + G_VERSION, 2);
	request(EXIT_CPUID, 0, 0);
	sev_ghcb_set(G_RAX, 0);
	sev_ghcb_set(G_RCX, 0);
	memcpy(g + G_VERSION, &bogus, 2);
	a = exchange();
	memcpy(g + G_VERSION, &version, 2);
	if (version_field_checked)
		check_refused("protocol version 0x7fff under ghcb_version_field=check", a, 5);
	else
		report((uint32_t)a.info1 == 0, "protocol version 0x7fff is not read, as by KVM: "
		       "answered (SW_EXITINFO1 %lu)", (unsigned long)a.info1);

	request(NAE_HV_FEATURES, 0, 0);
	a = exchange();
	report((uint32_t)a.info1 == 0 && (a.info2 & 1) == snp,
	       "hypervisor features (0x8000FFFD): SEV-SNP bit %s (%#lx)", snp ? "set" : "clear",
	       (unsigned long)a.info2);
}

/* SNP page validation (APM vol. 3 PVALIDATE; RMPUPDATE clears Validated): a page made
 * shared and private again must be validated before use; PVALIDATE reports with CF when the
 * state did not change; RMPADJUST cannot touch VMPL0's own rights. With `unvalidated` the
 * page is read before its PVALIDATE: the guest must be stopped (a #VC on hardware). */
static volatile uint64_t moved_page[512] __attribute__((aligned(4096)));
static void validation_checks(bool unvalidated)
{
	uint64_t va = (uint64_t)(uintptr_t)moved_page;
	bool unchanged = false;
	report(sev_pvalidate(va, true, &unchanged) == 0 && unchanged,
	       "PVALIDATE of a launched page: RAX 0, CF set (already validated)");
	report(sev_rmpadjust(va, 0) == 2, "RMPADJUST of VMPL0's own rights: FAIL_PERMISSION (2)");
	report(sev_make_shared(va) && sev_make_private(va), "the page made shared, then private again");
	if (unvalidated)
		report(moved_page[0] == 0, "an unvalidated private page read (must not return)");
	report(sev_pvalidate(va, true, &unchanged) == 0 && !unchanged,
	       "PVALIDATE after the page-state change: RAX 0, CF clear (validated now)");
	moved_page[1] = 0x5a;
	report(moved_page[1] == 0x5a, "the validated page is usable again");
	report(sev_pvalidate(va, false, &unchanged) == 0 && !unchanged &&
	       sev_pvalidate(va, true, &unchanged) == 0 && !unchanged,
	       "rescinded and validated again, CF clear each time");
}

/* 2 MiB PVALIDATE (APM vol. 3 PVALIDATE, RCX[0] = 1): an address not 2 MiB aligned is
 * FAIL_INPUT; a range the RMP holds as 4 KiB pages FAIL_SIZEMISMATCH (Linux
 * pvalidate_pages then validates it by 4 KiB pages); a 2 MiB RMP entry (the launch's 2 MiB
 * SNP_LAUNCH_UPDATE) validated and rescinded as one, CF set when unchanged. A 4 KiB
 * PVALIDATE inside a 2 MiB entry is a nested page fault the hypervisor answers by
 * splitting the entry (PSMASH; KVM on the SIZEM fault), so the guest sees it succeed and
 * the range is 4 KiB pages from then on. */
#define PVALIDATE_FAIL_INPUT 1
#define PVALIDATE_FAIL_SIZEMISMATCH 6
#define SIZE_2M 0x200000ull
static volatile uint8_t big_page[2][SIZE_2M] __attribute__((aligned(SIZE_2M)));

static void large_page_checks(void)
{
	uint64_t va = (uint64_t)(uintptr_t)big_page[0], va2 = (uint64_t)(uintptr_t)big_page[1];
	bool unchanged = false;
	uint64_t r = sev_pvalidate_2m(va + 0x1000, true, &unchanged);
	report(r == PVALIDATE_FAIL_INPUT, "2 MiB PVALIDATE of an address 4 KiB past 2 MiB: FAIL_INPUT (%lu)",
	       (unsigned long)r);
	r = sev_pvalidate_2m(va, true, &unchanged);
	report(r == 0 && unchanged, "2 MiB PVALIDATE of a page launched as 2 MiB: RAX 0, CF set (%lu)",
	       (unsigned long)r);
	r = sev_pvalidate_2m(va, false, &unchanged);
	bool rescinded = r == 0 && !unchanged;
	r = sev_pvalidate_2m(va, true, &unchanged);
	report(rescinded && r == 0 && !unchanged, "2 MiB page rescinded and validated again: CF clear each time");
	big_page[0][0] = 0x11;
	big_page[0][SIZE_2M - 1] = 0x22;
	report(big_page[0][0] == 0x11 && big_page[0][SIZE_2M - 1] == 0x22,
	       "its first and last byte are usable again");
	r = sev_pvalidate(va + 0x2000, true, &unchanged);
	report(r == 0 && unchanged, "4 KiB PVALIDATE inside the 2 MiB page: RAX 0, CF set (split, still validated)");
	r = sev_pvalidate_2m(va, true, &unchanged);
	report(r == PVALIDATE_FAIL_SIZEMISMATCH,
	       "2 MiB PVALIDATE of it now: FAIL_SIZEMISMATCH (4 KiB pages in the RMP) (%lu)", (unsigned long)r);
	report(big_page[0][0] == 0x11, "the split page keeps its contents");
	/* A page-state change of one page of a 2 MiB entry splits it too (RMPUPDATE of a 4 KiB
	 * page needs PSMASH first: KVM snp_make_page_shared in the SNP host series). */
	r = sev_pvalidate_2m(va2, true, &unchanged);
	bool whole = r == 0 && unchanged;
	bool shared = sev_make_shared(va2 + 0x5000);
	r = sev_pvalidate_2m(va2, true, &unchanged);
	report(whole && shared && r == PVALIDATE_FAIL_SIZEMISMATCH,
	       "one page of a 2 MiB page made shared: 2 MiB PVALIDATE FAIL_SIZEMISMATCH (%lu)", (unsigned long)r);
	report(sev_make_private(va2 + 0x5000) && sev_pvalidate(va2 + 0x5000, true, &unchanged) == 0 && !unchanged &&
	       sev_pvalidate(va2 + 0x6000, true, &unchanged) == 0 && unchanged,
	       "private again: PVALIDATE validates it, its neighbour kept Validated");
}

/* SNP page-state change of several pages through the GHCB page (GHCB specification "SNP
 * Page State Change", NAE 0x8000_0010: a descriptor in the scratch area, header cur_entry
 * and end_entry, entries GFN 51:12, operation 55:52 (1 private, 2 shared), cur_page 11:0;
 * KVM snp_begin_psc: at most 253 entries, else (1 << 32) | 1; a cur_page beyond the
 * entry's pages (1 << 32) | 2; other operations counted done without a change). */
#define NAE_PSC 0x80000010ull
static volatile uint8_t psc_pages[4][4096] __attribute__((aligned(4096)));

static uint64_t page_va(unsigned i) { return (uint64_t)(uintptr_t)psc_pages[i]; }

/* A descriptor of `n` entries from `first` in the GHCB's shared buffer; SW_EXITINFO2. */
static uint64_t psc_raw(uint16_t end, unsigned first, unsigned n, uint64_t op, uint64_t cur_page,
			uint16_t *cur_after, uint64_t *entry0_after)
{
	request(NAE_PSC, 0, 0);
	uint8_t *d = g + G_SHARED;
	memset(d, 0, 8);
	memcpy(d + 2, &end, 2);
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = cur_page | (page_va(first + i) >> 12) << 12 | op << 52;
		memcpy(d + 8 + 8 * i, &e, 8);
	}
	sev_ghcb_set(G_SCRATCH, (uint64_t)(uintptr_t)d);
	sev_ghcb_vmgexit();
	memcpy(cur_after, d, 2);
	memcpy(entry0_after, d + 8, 8);
	return sev_ghcb_read(G_INFO2);
}

/* Whether page i is still validated (PVALIDATE says the state did not change). */
static bool still_validated(unsigned i)
{
	bool unchanged = false;
	return sev_pvalidate(page_va(i), true, &unchanged) == 0 && unchanged;
}

static void psc_checks(void)
{
	report(sev_make_pages_shared(page_va(0), 3),
	       "three pages made shared by one page-state change through the GHCB page");
	for (unsigned i = 0; i < 3; i++)
		psc_pages[i][0] = (uint8_t)(0xa0 + i); /* C-bit clear: private would stop the guest */
	report(psc_pages[0][0] == 0xa0 && psc_pages[1][0] == 0xa1 && psc_pages[2][0] == 0xa2,
	       "each of them used through its C-bit-free mapping");
	/* The hypervisor's view: the third page as the scratch area of a REP INSB. */
	outw(0x510, 0x0000); /* fw_cfg: the signature */
	request(EXIT_IOIO, 0x511u << 16 | 1u << 9 | 1u << 4 | 1u << 2 | 1u, 0);
	sev_ghcb_set(G_INFO2, 4);
	sev_ghcb_set(G_SCRATCH, page_va(2));
	struct answer a = exchange();
	report((uint32_t)a.info1 == 0 && !memcmp((const void *)psc_pages[2], "QEMU", 4),
	       "the hypervisor wrote string input into the third page (shared, outside the GHCB)");
	report(sev_make_pages_private(page_va(0), 3), "the three pages made private again at once");
	bool all = true;
	for (unsigned i = 0; i < 3; i++) {
		bool unchanged = true;
		all &= sev_pvalidate(page_va(i), true, &unchanged) == 0 && !unchanged;
	}
	report(all, "PVALIDATE of each: RAX 0, CF clear (the change reached every page)");

	uint16_t cur;
	uint64_t e0, r = psc_raw(253, 3, 1, 2, 0, &cur, &e0);
	report(r == (1ull << 32 | 1) && still_validated(3),
	       "end_entry 253: invalid header ((1 << 32) | 1), the page unchanged (%#lx)", (unsigned long)r);
	r = psc_raw(0, 3, 1, 2, 2, &cur, &e0);
	report(r == (1ull << 32 | 2) && still_validated(3),
	       "cur_page 2 of a 4 KiB entry: invalid entry ((1 << 32) | 2) (%#lx)", (unsigned long)r);
	r = psc_raw(0, 3, 1, 7, 0, &cur, &e0);
	report(r == 0 && cur == 1 && (e0 & 0xfff) == 1 && still_validated(3),
	       "operation 7: counted done without a change (SW_EXITINFO2 %#lx, cur_entry %u)",
	       (unsigned long)r, cur);
	request(EXIT_IOIO, 0x511u << 16 | 1u << 9 | 1u << 4 | 1u << 2 | 1u, 0);
	sev_ghcb_set(G_INFO2, 4);
	sev_ghcb_set(G_SCRATCH, page_va(3));
	check_refused("a private page as the scratch area", exchange(), 3);
}

int main(int argc, char **argv)
{
	enum sev_payload_type type = sev_es_payload_start(argc, argv);
	if (type == SEV_PAYLOAD_NONE)
		return report_summary();
	const char *vf = tv_arg(argc, argv, "version_field");
	version_field_checked = vf && !strcmp(vf, "check");
	unsigned cbit = cpuid(0x8000001F, 0).ebx & 0x3f;
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	report(sev_cbit_mask() == 1ull << cbit && (cr3 & (1ull << cbit)),
	       "the page tables carry the C-bit (bit %u) from the start, CR3 %#lx", cbit, (unsigned long)cr3);
	vc_checks();
	ghcb_checks(type == SEV_PAYLOAD_SNP);
	if (tv_arg(argc, argv, "private_cbit_clear")) {
		static volatile uint64_t private_word __attribute__((aligned(4096))) = 42;
		sev_map_unencrypted((uint64_t)(uintptr_t)&private_word);
		report(private_word == 42, "a private page read with the C-bit clear (must not return)");
	}
	if (type == SEV_PAYLOAD_SNP) {
		validation_checks(tv_arg(argc, argv, "unvalidated") != NULL);
		psc_checks();
		large_page_checks();
	}
	if (tv_arg(argc, argv, "terminate")) {
		request(0x8000fffeull, 0x1234, 0);
		sev_ghcb_vmgexit();
		report(false, "the guest still runs after its termination request");
	}
	return report_summary();
}
