/* SEV ASID ranges: an SNP or SEV-ES guest runs with an ASID from its type's range, which
 * ciphertext hiding splits (SNP 1..max_snp_asid, SEV-ES above it). The runner passes the
 * range the configuration implies (first=, last=); testvisor reports the ASID (HC_ASID).
 * SEV guests of testvisor only. */
#include <libtv.h>
#include <stdlib.h>
#include "x86_guest.h"

#define SEV_STATUS_SEV_ES (1ull << 1)

int main(int argc, char **argv)
{
	const char *first = tv_arg(argc, argv, "first"), *last = tv_arg(argc, argv, "last");
	if (!first || !last)
		report_abort("first=<ASID> last=<ASID> missing");
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SEV_ES)) {
		report_skip("not an SEV-ES or SEV-SNP guest of testvisor: no SEV ASID");
		return report_summary();
	}
	uint64_t asid = tv_hypercall(HC_ASID, 0, 0, 0);
	uint64_t lo = strtoull(first, NULL, 0), hi = strtoull(last, NULL, 0);
	report(asid >= lo && asid <= hi, "ASID %lu within %lu..%lu (%s guest)", (unsigned long)asid,
	       (unsigned long)lo, (unsigned long)hi,
	       (sev_status() & SEV_STATUS_SNP_BIT) ? "SNP" : "SEV-ES");
	return report_summary();
}
