/* SNP page-state changes of several pages at once through the GHCB page (GHCB
 * specification "SNP Page State Change" NAE event 0x8000_0010): a descriptor in the shared
 * buffer (header cur_entry, end_entry; one 64-bit entry per 4 KiB page: GFN 51:12,
 * operation 55:52, 1 private, 2 shared), SW_SCRATCH its GPA, issued again while the
 * hypervisor leaves cur_entry at or below end_entry; SW_EXITINFO2 0 on success. The
 * single-page changes before the GHCB exists use the MSR protocol (sev_guest.c). */
#include <string.h>
#include "sev_ghcb.h"
#include "sev_guest.h"

#define PSC_OP_PRIVATE 1ull
#define PSC_OP_SHARED 2ull
#define PSC_TRIES 8

static bool change(uint64_t gpa, unsigned n, uint64_t op)
{
	if (!n || n > SEV_PSC_MAX_PAGES)
		return false;
	ghcb_acquire();
	uint8_t *d = ghcb + OFF_SHARED_BUFFER;
	uint16_t cur = 0, end = (uint16_t)(n - 1);
	memset(d, 0, 8);
	memcpy(d + 2, &end, 2);
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = ((gpa >> 12) + i) << 12 | op << 52;
		memcpy(d + 8 + 8 * i, &e, 8);
	}
	bool ok = true;
	for (unsigned t = 0; ok && cur <= end && t < PSC_TRIES; t++) {
		ghcb_begin(NAE_PSC, 0, 0);
		ghcb_put(OFF_SCRATCH, (uint64_t)(uintptr_t)d);
		sev_ghcb_vmgexit();
		ok = ghcb_get(OFF_EXIT_INFO1) == 0 && ghcb_get(OFF_EXIT_INFO2) == 0;
		memcpy(&cur, d, 2);
	}
	ghcb_release();
	if (!ok || cur <= end)
		return false;
	for (unsigned i = 0; i < n; i++)
		if (!sev_map_cbit(gpa + i * 4096ull, op == PSC_OP_PRIVATE))
			return false;
	return true;
}

bool sev_make_pages_shared(uint64_t gpa, unsigned n) { return change(gpa, n, PSC_OP_SHARED); }
bool sev_make_pages_private(uint64_t gpa, unsigned n) { return change(gpa, n, PSC_OP_PRIVATE); }
