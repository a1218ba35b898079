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
	/* §10.1: platform-specific and unimplemented is INVALID_PARAM too (-3, §3). */
	check_refused(0xF0000000UL, SBI_SRST_REASON_NONE, -3, "unimplemented vendor reset type 0xf0000000");
	check_refused(SBI_SRST_TYPE_SHUTDOWN, 0xF0000000UL, -3, "unimplemented vendor reset reason 0xf0000000");
	/* reset_type and reset_reason are uint32_t (SBI v3.0 §10.1): junk in the upper
	 * argument bits changes nothing. A vendor type (0xF0000000, not implemented) is
	 * the one value that gives an answer without resetting. */
	const unsigned long junk = 0xa5a5a5a500000000UL;
	struct sbiret clean = sbi_ecall(SBI_EXT_SRST, 0, 0xF0000000UL, 0, 0, 0, 0, 0);
	struct sbiret dirty = sbi_ecall(SBI_EXT_SRST, 0, junk | 0xF0000000UL, junk, 0, 0, 0, 0);
	report_info("vendor reset type 0xf0000000 answers %s, with upper bits set %s",
		    sbi_err_name(clean.error), sbi_err_name(dirty.error));
	report_kfail(sbi_is_opensbi(), clean.error == dirty.error,
		     "upper bits of reset_type and reset_reason are ignored");
	struct sbiret r = sbi_ecall(SBI_EXT_SRST, 1, 0, 0, 0, 0, 0, 0);
	report(r.error == SBI_ERR_NOT_SUPPORTED, "undefined function 1: NOT_SUPPORTED");
	int status = report_summary();
	tv_print_exit_line(status);
	fflush(stdout);
	sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN,
		  status ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0, 0, 0, 0);
	report_abort("system_reset(SHUTDOWN) returned");
}
