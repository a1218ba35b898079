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
 * is registered again before anything is printed.
 * Then count/10 random requests through the GHCB page for the events whose data travel
 * through the scratch area (MMIO read/write 0x8000_0001/2, string IOIO, SNP page-state
 * change 0x8000_0010): each a well-formed request or one with exactly one fault, so that
 * the answer is known from the rules (GHCB specification; KVM sev_es_validate_vmgexit,
 * setup_vmgexit_scratch, snp_begin_psc; docs/x86-sev.md): usage not 0: SW_EXITINFO1 2,
 * SW_EXITINFO2 2; a needed field not valid: 4; an event no specification defines: 6;
 * SW_SCRATCH 0, wrapping, in the GHCB page outside its shared buffer (0x800-0xFEF) or
 * ending past it, or (SNP) in a private page: 3; an MMIO length other than 1/2/4/8 or an
 * IOIO size that is not one of 8/16/32 bits: 5; a page-state descriptor whose end_entry is
 * past the entries the buffer holds: SW_EXITINFO2 (1 << 32) | 1, an entry with cur_page
 * past its pages or a 2 MiB GFN not 2 MiB aligned: (1 << 32) | 2. Faults that end the guest
 * by the rules (an MMIO access no device takes, more than INT_MAX repetitions) are left
 * out. Page-state entries name only the fuzzer's own pages, made private and validated
 * again after each descriptor; a descriptor in a shared page other than the GHCB is
 * refused with 3 (testvisor's rule, docs/x86-sev.md; KVM takes it). SEV-ES/SNP guests of testvisor only.
 * Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define GHCB_INFO(v) ((v) & 0xfffull)
#define SEV_STATUS_SEV_ES (1ull << 1)
#define REQ_TERMINATE 0x100
#define REQ_REGISTER 0x012
#define REQ_PAGE_STATE 0x014
#define RESP_REGISTER 0x013

/* GHCB page offsets (GHCB specification "GHCB layout") and answers. */
enum { G_EXIT_CODE = 0x390, G_INFO1 = 0x398, G_INFO2 = 0x3a0, G_SCRATCH = 0x3a8, G_VALID = 0x3f0,
       G_SHARED = 0x800, G_SHARED_END = 0xff0, G_USAGE = 0xffc };
enum { ERR_USAGE = 2, ERR_SCRATCH = 3, ERR_MISSING = 4, ERR_INPUT = 5, ERR_EVENT = 6 };
#define NAE_MMIO_READ 0x80000001ull
#define NAE_MMIO_WRITE 0x80000002ull
#define NAE_PSC 0x80000010ull
#define EXIT_IOIO 0x7bull
#define IOIO_IN 1u
#define IOIO_STRING (1u << 2)
#define IOIO_REP (1u << 3)
#define IOAPIC_BASE 0xfec00000ull /* REGSEL at 0; the window at 0x10 takes only 4 bytes */
#define FUZZ_PORT 0x80            /* no device: IN reads all ones, OUT goes nowhere */
#define PSC_MAX_ENTRIES 253u
#define PSC_INVALID_HDR (1ull << 32 | 1)
#define PSC_INVALID_ENTRY (1ull << 32 | 2)
#define SEV_STATUS_SNP (1ull << 2)
#define POOL_PAGES 8u

static uint8_t *g;
static uint64_t ghcb_gpa;
static bool snp;
static uint8_t pool[POOL_PAGES][4096] __attribute__((aligned(4096)));
static uint8_t outside[4096] __attribute__((aligned(4096))); /* shared, not the GHCB */



static uint64_t rnd(uint64_t n) { return tv_rand() % n; }

/* What the answer must be: a refusal (SW_EXITINFO1 2, SW_EXITINFO2 the reason), or done
 * (SW_EXITINFO1 0) with SW_EXITINFO2 `info2` when `check_info2`. */
struct expect {
	bool refused;
	uint64_t reason, info2;
	bool check_info2;
};

static struct expect refusal(uint64_t reason) { return (struct expect){ true, reason, 0, false }; }
static const struct expect done = { false, 0, 0, false };

/* A fault every scratch-area event can carry instead of its own: usage, a needed field
 * not valid, an event nobody defines, or a scratch area the rules refuse (`len` bytes). */
static bool common_fault(uint64_t len, struct expect *e)
{
	switch (rnd(12)) {
	case 0:
		memcpy(g + G_USAGE, &(uint32_t){ (uint32_t)(1 + rnd(0xffffffffu)) }, 4);
		*e = refusal(ERR_USAGE);
		return true;
	case 1: {
		const unsigned offs[4] = { G_EXIT_CODE, G_INFO1, G_INFO2, G_SCRATCH };
		sev_ghcb_clear(offs[rnd(4)]);
		*e = refusal(ERR_MISSING);
		return true;
	}
	case 2:
		sev_ghcb_set(G_EXIT_CODE, 0x80001000ull + rnd(0x1000)); /* between the GHCB's own events */
		*e = refusal(ERR_EVENT);
		return true;
	case 3:
		sev_ghcb_set(G_SCRATCH, 0);
		break;
	case 4:
		sev_ghcb_set(G_SCRATCH, ghcb_gpa + rnd(G_SHARED)); /* the save area */
		break;
	case 5:
		if (!len)
			return false;
		sev_ghcb_set(G_SCRATCH, ghcb_gpa + G_SHARED_END - len + 1 + rnd(len < 16 ? len : 16));
		break;
	case 6:
		sev_ghcb_set(G_SCRATCH, ~0ull - rnd(len ? len : 1)); /* wraps around */
		if (!len)
			return false;
		break;
	case 7: {
		if (!snp)
			return false;
		uint64_t gpa = rnd(2) ? tv_rand() & ((1ull << 40) - 1) :
					(uint64_t)(uintptr_t)pool[rnd(POOL_PAGES)] + rnd(4096);
		if ((gpa & ~0xfffull) == ghcb_gpa || (gpa & ~0xfffull) == (uint64_t)(uintptr_t)outside)
			return false;
		sev_ghcb_set(G_SCRATCH, gpa); /* a private page or no RAM: never shared */
		break;
	}
	default:
		return false;
	}
	*e = refusal(ERR_SCRATCH);
	return true;
}

/* The GHCB page's request: valid bitmap and usage cleared, SW_EXITCODE/EXITINFO1/2. */
static void begin(uint64_t code, uint64_t info1, uint64_t info2)
{
	memset(g + G_VALID, 0, 16);
	memset(g + G_USAGE, 0, 4);
	sev_ghcb_set(G_EXIT_CODE, code);
	sev_ghcb_set(G_INFO1, info1);
	sev_ghcb_set(G_INFO2, info2);
}

/* A scratch area of `len` bytes in the shared buffer (len at most its size). */
static uint64_t buffer_at(uint64_t len) { return ghcb_gpa + G_SHARED + rnd(G_SHARED_END - G_SHARED - len + 1); }

static struct expect mmio_request(void)
{
	static const unsigned lens[4] = { 1, 2, 4, 8 };
	uint64_t len = lens[rnd(4)], off = rnd(2) ? 0 : 0x20 + 8 * rnd(0x1f8); /* not the window */
	begin(rnd(2) ? NAE_MMIO_READ : NAE_MMIO_WRITE, IOAPIC_BASE + off, len);
	sev_ghcb_set(G_SCRATCH, buffer_at(len));
	struct expect e = done;
	if (rnd(3) && !common_fault(len, &e) && rnd(2)) {
		do
			len = rnd(64);
		while (len == 1 || len == 2 || len == 4 || len == 8);
		sev_ghcb_set(G_INFO2, len);
		sev_ghcb_set(G_SCRATCH, buffer_at(len));
		e = refusal(ERR_INPUT);
	}
	return e;
}

static struct expect string_io_request(void)
{
	unsigned size = 1u << rnd(3);
	uint64_t count = rnd((G_SHARED_END - G_SHARED) / size + 1);
	uint64_t info = (uint64_t)FUZZ_PORT << 16 | size << 4 | IOIO_STRING | (rnd(2) ? IOIO_REP : 0) |
			(rnd(2) ? IOIO_IN : 0);
	begin(EXIT_IOIO, info, count);
	sev_ghcb_set(G_SCRATCH, buffer_at(count * size));
	struct expect e = done;
	if (!rnd(3) || common_fault(count * size, &e))
		return e;
	if (rnd(2)) {
		static const unsigned bad[5] = { 0, 3, 5, 6, 7 }; /* bits 6:4 not one-hot */
		sev_ghcb_set(G_INFO1, (info & ~(7ull << 4)) | (uint64_t)bad[rnd(5)] << 4);
		return refusal(ERR_INPUT);
	}
	uint64_t more = (G_SHARED_END - G_SHARED) / size + 1 + rnd(64);
	sev_ghcb_set(G_INFO2, more); /* more than the shared buffer holds */
	sev_ghcb_set(G_SCRATCH, ghcb_gpa + G_SHARED);
	return refusal(ERR_SCRATCH);
}

static uint64_t pool_gfn(void) { return (uint64_t)(uintptr_t)pool[rnd(POOL_PAGES)] >> 12; }

/* A page-state change descriptor in the shared buffer: `n` entries naming pool pages (any
 * operation, cur_page 0 or 1) or, now and then, a 2 MiB entry at GFN 0 whose operation is
 * neither private nor shared (counted done); cur_entry <= end_entry < n. */
static struct expect psc_request(uint8_t **desc)
{
	unsigned n = 1 + (unsigned)rnd(8);
	uint64_t at = buffer_at(8 + 8 * 8);
	uint8_t *d = g + (at - ghcb_gpa);
	unsigned cur = (unsigned)rnd(n), end = cur + (unsigned)rnd(n - cur);
	begin(NAE_PSC, 0, 0);
	sev_ghcb_set(G_SCRATCH, at);
	memset(d, 0, 8 + 8 * n);
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = pool_gfn() << 12 | (tv_rand() & 0xfull) << 52 | rnd(2);
		if (!rnd(8))
			e = 1ull << 56 | (3 + rnd(13)) << 52 | rnd(513);
		memcpy(d + 8 + 8 * i, &e, 8);
	}
	*desc = d;
	struct expect x = { false, 0, 0, true };
	unsigned max = (unsigned)((G_SHARED_END - (at - ghcb_gpa) - 8) / 8);
	if (max > PSC_MAX_ENTRIES)
		max = PSC_MAX_ENTRIES;
	switch (rnd(6)) {
	case 0:
		break;
	case 4: /* a shared page, but not the GHCB's shared buffer (testvisor's rule) */
		sev_ghcb_set(G_SCRATCH, (uint64_t)(uintptr_t)outside + rnd(4096 - 8));
		x = refusal(ERR_SCRATCH);
		break;
	case 1:
		/* past what the buffer holds from here, below 253 when it holds fewer */
		end = max + (unsigned)(max < PSC_MAX_ENTRIES && rnd(2) ? rnd(PSC_MAX_ENTRIES - max) :
									rnd(0x10000 - max));
		x.info2 = PSC_INVALID_HDR;
		break;
	case 2: {
		uint64_t e = pool_gfn() << 12 | (1 + rnd(2)) << 52 | (2 + rnd(0xffe));
		memcpy(d + 8 + 8 * (cur + rnd(end - cur + 1)), &e, 8);
		x.info2 = PSC_INVALID_ENTRY;
		break;
	}
	case 3: {
		uint64_t e = 1ull << 56 | (1 + rnd(2)) << 52 | (512 * rnd(1024) + 1 + rnd(511)) << 12;
		memcpy(d + 8 + 8 * (cur + rnd(end - cur + 1)), &e, 8);
		x.info2 = PSC_INVALID_ENTRY;
		break;
	}
	default: /* the scratch area the hypervisor checks is the 8-byte header; the
		  * entries are bounded by end_entry against what the buffer holds */
		if (common_fault(8, &x))
			x.check_info2 = false;
	}
	memcpy(d, &(uint16_t){ (uint16_t)cur }, 2);
	memcpy(d + 2, &(uint16_t){ (uint16_t)end }, 2);
	return x;
}

/* The pool private and validated again after a descriptor may have changed it. */
static bool pool_restore(void)
{
	if (!sev_make_pages_private((uint64_t)(uintptr_t)pool, POOL_PAGES))
		return false;
	for (unsigned i = 0; i < POOL_PAGES; i++) {
		bool unchanged;
		if (sev_pvalidate((uint64_t)(uintptr_t)pool[i], true, &unchanged))
			return false;
	}
	return true;
}

struct page_stats {
	uint64_t done, refused, wrong, psc;
	uint64_t first_code, first_info1, first_info2, first_want;
	bool pages_failed;
};

static void page_fuzz(uint64_t count, struct page_stats *st)
{
	g = sev_ghcb_page();
	ghcb_gpa = (uint64_t)(uintptr_t)g;
	if (snp && !sev_make_shared((uint64_t)(uintptr_t)outside))
		st->pages_failed = true;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t kind = rnd(snp ? 3 : 2);
		uint8_t *desc = NULL;
		struct expect e = kind == 0 ? mmio_request() : kind == 1 ? string_io_request() : psc_request(&desc);
		uint64_t code = sev_ghcb_read(G_EXIT_CODE);
		sev_ghcb_vmgexit();
		uint64_t info1 = sev_ghcb_read(G_INFO1), info2 = sev_ghcb_read(G_INFO2);
		bool ok = e.refused ? (uint32_t)info1 == 2 && info2 == e.reason :
				      (uint32_t)info1 == 0 && (!e.check_info2 || info2 == e.info2);
		if (ok && desc && !e.refused && !e.info2) {
			uint16_t cur, end;
			memcpy(&cur, desc, 2);
			memcpy(&end, desc + 2, 2);
			ok = cur == end + 1; /* every entry done */
		}
		if (e.refused)
			st->refused++;
		else
			st->done++;
		if (!ok && !st->wrong++) {
			st->first_code = code;
			st->first_info1 = info1;
			st->first_info2 = info2;
			st->first_want = e.refused ? e.reason : e.info2;
		}
		if (kind == 2) {
			st->psc++;
			if (!pool_restore())
				st->pages_failed = true;
		}
	}
}

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

	snp = sev_status() & SEV_STATUS_SNP;
	struct page_stats st = { 0 };
	page_fuzz(count / 10, &st);
	tv_fuzz_report_calls("GHCB page requests", count / 10);
	report_info("%llu done, %llu refused, %llu page-state changes", (unsigned long long)st.done,
		    (unsigned long long)st.refused, (unsigned long long)st.psc);
	report(st.wrong == 0, "every GHCB page request answered as the rules say");
	if (st.wrong)
		report_info("%llu wrong; first: exit code %#llx answered %#llx/%#llx, expected %#llx",
			    (unsigned long long)st.wrong, (unsigned long long)st.first_code,
			    (unsigned long long)st.first_info1, (unsigned long long)st.first_info2,
			    (unsigned long long)st.first_want);
	report(st.done > 0 && st.refused > 0 && (!snp || st.psc > 0),
	       "well-formed and malformed requests of each kind seen");
	report(!st.pages_failed, "the fuzzer's own pages shared and made private and validated again as asked");
	return report_summary();
}
