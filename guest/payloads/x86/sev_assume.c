/* The rules of testvisor's SEV model that no source we could read settles (each an
 * *assumption* with a switch, docs/x86-sev.md "Switches"), seen from a guest: each check
 * expects the default word's behaviour, or the flipped word's when the argument of the
 * switch's key carries that word (the manifest passes the same words as arguments and as
 * configuration, so a switch testvisor ignored fails one of the two runs). The expected
 * behaviour of each word is the one docs/x86-sev.md states for it, written here from the
 * GHCB specification's layouts (pub. 56421: IOIO string, MMIO, page-state change, AP
 * creation; refusals SW_EXITINFO1 2 with the reason in SW_EXITINFO2: 3 invalid scratch
 * area, 4 missing input, 5 invalid input, 6 invalid event) and the APM's PVALIDATE and
 * RMPADJUST (RAX 0 success, 1 FAIL_INPUT). Arguments: type=snp|es; the switches' keys;
 * end=ghcb_msr_zero|mmio_unassigned ends with the request whose default stops the guest. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define EXIT_IOIO 0x7bull
#define NAE_MMIO_READ 0x80000001ull
#define NAE_MMIO_WRITE 0x80000002ull
#define NAE_PSC 0x80000010ull
#define NAE_AP_CREATION 0x80000013ull
#define UNASSIGNED_GPA 0xe0000000ull /* no RAM, no device on QEMU's q35/pc or testvisor */
#define SIZE_2M 0x200000ull
#define RMPADJUST_VMPL1 1ull
#define RMPADJUST_VMSA (1ull << 16)
#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA 0x511
/* IOIO's SW_EXITINFO1: port 31:16, 64-bit address 9, 8-bit data 4, string 2, IN 0. */
#define IOIO_STRING_INB(port) ((uint64_t)(port) << 16 | 1u << 9 | 1u << 4 | 1u << 2 | 1u)

static int arg_count;
static char **args;

/* Whether the switch `key` was given its flipped word `word`. */
static bool flipped(const char *key, const char *word)
{
	const char *v = tv_arg(arg_count, args, key);
	return v && !strcmp(v, word);
}

static bool refused(struct sev_ghcb_answer a, uint64_t reason)
{
	return (uint32_t)a.info1 == 2 && a.info2 == reason;
}

static uint8_t private_page[4096] __attribute__((aligned(4096)));
static uint8_t unvalidated_page[4096] __attribute__((aligned(4096)));
static uint8_t target_page[4096] __attribute__((aligned(4096)));
static uint8_t shared_page[4096] __attribute__((aligned(4096)));
static uint8_t big_page[SIZE_2M] __attribute__((aligned(SIZE_2M)));

static uint64_t va(const void *p) { return (uint64_t)(uintptr_t)p; } /* identity-mapped */

/* snp_scratch_private: a string IN whose scratch area is one of the guest's private pages. */
static void scratch_private(void)
{
	outw(FW_CFG_SELECTOR, 0); /* the signature */
	struct sev_ghcb_answer a = sev_ghcb_request_scratch(EXIT_IOIO, IOIO_STRING_INB(FW_CFG_DATA), 4,
							    va(private_page));
	if (flipped("snp_scratch_private", "allow"))
		report((uint32_t)a.info1 == 0 && !memcmp(private_page, "QEMU", 4),
		       "allow: a private scratch area is served, fw_cfg's signature in it (SW_EXITINFO1 %lu)",
		       (unsigned long)a.info1);
	else
		report(refused(a, 3), "refuse: a private scratch area is refused with 3 (%lu, %lu)",
		       (unsigned long)a.info1, (unsigned long)a.info2);
}

/* snp_psc_descriptor: a page-state change (to shared) whose descriptor lies in a shared
 * page other than the GHCB: header cur_entry 0, end_entry 0; one entry GFN 51:12,
 * operation 55:52 = 2. Whether the target changed shows in a later PVALIDATE. */
static void psc_descriptor(void)
{
	memset(shared_page, 0, 16);
	uint64_t entry = (va(target_page) >> 12) << 12 | 2ull << 52;
	memcpy(shared_page + 8, &entry, 8);
	struct sev_ghcb_answer a = sev_ghcb_request_scratch(NAE_PSC, 0, 0, va(shared_page));
	bool unchanged = false;
	if (flipped("snp_psc_descriptor", "shared")) {
		bool made_private = sev_make_private(va(target_page));
		uint64_t r = sev_pvalidate(va(target_page), true, &unchanged);
		report((uint32_t)a.info1 == 0 && a.info2 == 0 && made_private && r == 0 && !unchanged,
		       "shared: a descriptor outside the GHCB changed the page (SW_EXITINFO2 %#lx; "
		       "private again, PVALIDATE CF clear)", (unsigned long)a.info2);
	} else {
		uint64_t r = sev_pvalidate(va(target_page), true, &unchanged);
		report(refused(a, 3) && r == 0 && unchanged,
		       "ghcb: a descriptor outside the GHCB is refused with 3, the page unchanged (%lu, %lu)",
		       (unsigned long)a.info1, (unsigned long)a.info2);
	}
}

/* ghcb_mmio_length and ghcb_mmio_unassigned: MMIO where no device is, through a shared
 * page as the scratch area (filled with 0xff first, to see what the answer wrote). */
static struct sev_ghcb_answer mmio(uint64_t code, uint64_t len)
{
	memset(shared_page, 0xff, 16);
	return sev_ghcb_request_scratch(code, UNASSIGNED_GPA, len, va(shared_page));
}

static bool zeros(unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (shared_page[i])
			return false;
	return true;
}

static void mmio_rules(void)
{
	bool ignore = flipped("ghcb_mmio_unassigned", "ignore");
	if (!flipped("ghcb_mmio_length", "split")) {
		struct sev_ghcb_answer a = mmio(NAE_MMIO_READ, 12);
		report(refused(a, 5), "strict: a 12-byte MMIO read is refused with 5 (%lu, %lu)",
		       (unsigned long)a.info1, (unsigned long)a.info2);
	} else if (ignore) {
		struct sev_ghcb_answer a = mmio(NAE_MMIO_READ, 12);
		report((uint32_t)a.info1 == 0 && zeros(12) && shared_page[12] == 0xff,
		       "split: a 12-byte MMIO read is served in pieces, 12 bytes of 0 (unassigned)");
	}
	if (!ignore)
		return; /* the default stops the guest: end=mmio_unassigned */
	struct sev_ghcb_answer a = mmio(NAE_MMIO_READ, 4);
	report((uint32_t)a.info1 == 0 && zeros(4) && shared_page[4] == 0xff,
	       "ignore: a 4-byte read where no device is gives 0");
	a = mmio(NAE_MMIO_WRITE, 8);
	report((uint32_t)a.info1 == 0, "ignore: an 8-byte write there is dropped (SW_EXITINFO1 %lu)",
	       (unsigned long)a.info1);
}

/* The RMP instructions' unsettled failure codes. */
static void rmp_rules(void)
{
	bool unchanged = false;
	uint64_t r = sev_pvalidate_2m(va(big_page) + 0x1000, true, &unchanged);
	if (flipped("snp_rmp_2m_misaligned", "align_down"))
		report(r == 0 && unchanged, "align_down: 2 MiB PVALIDATE 4 KiB past 2 MiB acts on the "
		       "2 MiB page: RAX 0, CF set (%lu)", (unsigned long)r);
	else
		report(r == 1, "fail_input: 2 MiB PVALIDATE 4 KiB past 2 MiB: FAIL_INPUT (%lu)", (unsigned long)r);

	r = sev_rmpadjust_2m(va(big_page), RMPADJUST_VMPL1 | RMPADJUST_VMSA);
	if (flipped("snp_rmpadjust_2m_vmsa", "allow")) {
		uint64_t undo = sev_rmpadjust_2m(va(big_page), RMPADJUST_VMPL1);
		report(r == 0 && undo == 0, "allow: 2 MiB RMPADJUST with the VMSA bit: RAX 0 (%lu)", (unsigned long)r);
	} else {
		report(r == 1, "fail_input: 2 MiB RMPADJUST with the VMSA bit: FAIL_INPUT (%lu)", (unsigned long)r);
	}

	uint64_t rescind = sev_pvalidate(va(unvalidated_page), false, &unchanged);
	r = sev_rmpadjust(va(unvalidated_page), RMPADJUST_VMPL1);
	uint64_t again = sev_pvalidate(va(unvalidated_page), true, &unchanged);
	bool around = rescind == 0 && again == 0 && !unchanged;
	if (flipped("snp_rmpadjust_unvalidated", "allow"))
		report(around && r == 0, "allow: RMPADJUST of a rescinded page: RAX 0 (%lu)", (unsigned long)r);
	else
		report(around && r == 1, "fail_input: RMPADJUST of a rescinded page: FAIL_INPUT (%lu)",
		       (unsigned long)r);
}

/* sev_es_snp_events: an SEV-ES guest's SNP-only events. */
static void es_rules(void)
{
	uint64_t want = flipped("sev_es_snp_events", "missing_input") ? 4 : 6;
	uint64_t answer[2];
	uint64_t features = 1;
	sev_ghcb_request(NAE_AP_CREATION, 1ull << 32 | 1, va(private_page), &features, answer);
	struct sev_ghcb_answer ap = { answer[0], answer[1], 0, false };
	report(refused(ap, want), "SEV-ES AP creation refused with %lu (%lu, %lu)", (unsigned long)want,
	       (unsigned long)answer[0], (unsigned long)answer[1]);
	memset(sev_ghcb_page() + 0x800, 0, 16);
	struct sev_ghcb_answer psc = sev_ghcb_request_scratch(NAE_PSC, 0, 0, va(sev_ghcb_page()) + 0x800);
	report(refused(psc, want), "SEV-ES page-state change refused with %lu (%lu, %lu)",
	       (unsigned long)want, (unsigned long)psc.info1, (unsigned long)psc.info2);
}

static void end_with(const char *what)
{
	if (!strcmp(what, "mmio_unassigned")) {
		mmio(NAE_MMIO_READ, 4);
		report(false, "stop: a read where no device is returned to the guest");
	} else if (!strcmp(what, "ghcb_msr_zero")) {
		wrmsr(0xc0010130, 0); /* the GHCB MSR */
		__asm__ volatile("rep; vmmcall" ::: "memory");
		report(flipped("ghcb_msr_zero", "resume"),
		       "VMGEXIT with GHCB MSR 0 returned to the guest (resume)");
	} else {
		report_abort("end=%s: use ghcb_msr_zero or mmio_unassigned", what);
	}
}

int main(int argc, char **argv)
{
	arg_count = argc;
	args = argv;
	enum sev_payload_type type = sev_es_payload_start(argc, argv);
	if (type == SEV_PAYLOAD_NONE)
		return report_summary();
	if (type == SEV_PAYLOAD_ES) {
		es_rules();
	} else {
		report(sev_make_shared(va(shared_page)), "a page made shared for the scratch areas");
		scratch_private();
		psc_descriptor();
		mmio_rules();
		rmp_rules();
	}
	const char *end = tv_arg(argc, argv, "end");
	if (end)
		end_with(end);
	return report_summary();
}
