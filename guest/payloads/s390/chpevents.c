/* chpevents (s390x, under testvisor): channel-path changes that come from outside, on
 * testvisor's schedule (config chp_events=off:02@300,on:02@600), while the guest only waits
 * for machine checks: as a host's vfio-ccw channel-path events reach a guest. Each must
 * arrive as a channel-report-pending machine check with the right CRW, in order and not
 * before its time, and STSCH must follow. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include <css_defs.h>
#include "mcheck.h"
#include "s390.h"
#include "trap.h"

static uint8_t pam_of(uint32_t sid)
{
	static struct schib schib __attribute__((aligned(4)));
	return stsch(sid, &schib) == 0 ? schib.pmcw.pam : 0xee;
}

static void expect_event(const char *what, uint8_t chpid, unsigned erc, uint8_t pam)
{
	report_prefix_push(what);
	unsigned before = mcheck_count();
	mcheck_wait();
	report(mcheck_count() == before + 1 && (mcheck_last_mcic() & MCIC_CHANNEL_REPORT),
	       "channel-report-pending machine check");
	uint32_t crw = 0, more = 1;
	report(stcrw(&crw) == 0, "STCRW: cc 0");
	report(((crw & CRW_RSC_MASK) >> CRW_RSC_SHIFT) == CRW_RSC_CHANNEL_PATH &&
	       (crw & CRW_RSID_MASK) == chpid, "CRW names channel path %02x", chpid);
	report(((crw & CRW_ERC_MASK) >> CRW_ERC_SHIFT) == erc, "error-recovery code %u", erc);
	report(stcrw(&more) == 1, "no other CRW pending");
	report(pam_of(SID_ONE | 1) == pam, "0.0.0001: PAM %02x", pam);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("chpevents");
	if (!tv_under_testvisor()) {
		report_skip("channel-path events are played by testvisor (bare QEMU has none)");
		return report_summary();
	}
	mcheck_catch();
	lctlg(14, stctg(14) | CR14_CHANNEL_REPORT);
	uint64_t t0 = stckf();
	report(pam_of(SID_ONE | 1) == 0xc0, "0.0.0001: both paths available at start");
	expect_event("off", 0x02, CRW_ERC_PERRN, 0x80);
	uint64_t t1 = stckf();
	expect_event("on", 0x02, CRW_ERC_INIT, 0xc0);
	uint64_t t2 = stckf();
	unsigned long ms1 = (unsigned long)((t1 - t0) / TOD_TICKS_PER_US / 1000);
	unsigned long ms2 = (unsigned long)((t2 - t0) / TOD_TICKS_PER_US / 1000);
	report_info("events seen after %lu ms and %lu ms", ms1, ms2);
	/* The guest waited for both, so each came when testvisor played it: 300 ms apart. */
	report(ms2 - ms1 >= 250, "the second event came on schedule, about 300 ms after the first");
	report(pam_of(SID_ONE | 0) == 0xc0, "0.0.0000 (no CHPID 02) was never affected");
	report_prefix_pop();
	return report_summary();
}
