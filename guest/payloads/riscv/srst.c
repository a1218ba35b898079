/* SBI SRST: bad arguments are refused, and a shutdown ends the payload (under testvisor:
 * the guest, not the machine). The payload prints its summary and exit line first, then
 * shuts down through SRST instead of the test finisher. */
#include <libtv.h>
#include <stdio.h>
#include "sbi.h"

static void check_refused(unsigned long type, unsigned long reason, long want, const char *what)
{
	struct sbiret r = sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0, 0, 0, 0);
	if (r.error != want)
		report_info("%s answered %s", what, sbi_err_name(r.error));
	report(r.error == want, "%s: %s", what, sbi_err_name(want));
}

int main(int argc, char **argv)
{
	report_prefix_push("srst");
	if (!sbi_probe(SBI_EXT_SRST)) {
		report_skip("the SBI has no SRST extension");
		return report_summary();
	}
	report_pass("probe_extension finds SRST");
	check_refused(3, SBI_SRST_REASON_NONE, SBI_ERR_INVALID_PARAM, "reserved reset type 3");
	check_refused(0xEFFFFFFF, SBI_SRST_REASON_NONE, SBI_ERR_INVALID_PARAM, "reserved reset type 0xefffffff");
	check_refused(SBI_SRST_TYPE_SHUTDOWN, 2, SBI_ERR_INVALID_PARAM, "reserved reset reason 2");
	struct sbiret r = sbi_ecall(SBI_EXT_SRST, 1, 0, 0, 0, 0, 0, 0);
	report(r.error == SBI_ERR_NOT_SUPPORTED, "undefined function 1: NOT_SUPPORTED");
	int status = report_summary();
	printf("EXIT: STATUS=%d\n", status);
	fflush(stdout);
	sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN,
		  status ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0, 0, 0, 0);
	report_abort("system_reset(SHUTDOWN) returned");
}
