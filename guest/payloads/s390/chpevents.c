/* chpevents (s390x, under testvisor): channel-path events that come from outside, on
 * testvisor's schedule (config chp_events=vary_off:02@100,vary_on:02@300,offline:02@500,
 * online:02@800), while the guest only watches: as a host's vfio-ccw channel-path events
 * reach a guest (drivers/s390/cio/vfio_ccw_drv.c, vfio_ccw_chp_event()). A logical vary
 * changes only POM and LPM and reports nothing; a path going or coming changes PAM and
 * arrives as a channel-report-pending machine check with its CRW, in order and not
 * before its time. Expected numbers from the Principles of Operation (see chpath.c). */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "mcheck.h"
#include "s390.h"
#include "trap.h"

#define SCH0 0x00010000u
#define SCH1 0x00010001u
/* PMCW byte offsets in the SCHIB (PoP ch. 15 "Path-Management-Control Word"). */
#define PMCW_LPM 8
#define PMCW_PNOM 9
#define PMCW_PIM 11
#define PMCW_POM 14
#define PMCW_PAM 15
/* CRW fields (PoP ch. 17 "Channel-Report Word"). */
#define CRW_RSC(crw) (((crw) >> 24) & 0xf)
#define CRW_ERC(crw) (((crw) >> 16) & 0x3f)
#define CRW_RSID(crw) ((crw) & 0xffff)
#define RSC_CHANNEL_PATH 4
#define ERC_INITIALIZED 2
#define ERC_PERM_ERROR_NOT_INIT 6
#define MCIC_CRW_PENDING (1ULL << (63 - 9))
#define WAIT_LIMIT_MS 3000

static uint8_t schib[52] __attribute__((aligned(4)));

static uint8_t mask_of(uint32_t sid, unsigned off)
{
	return stsch(sid, schib) == 0 ? schib[off] : 0xee;
}

#define EARLY_SLACK_MS 20

static unsigned long ms_since(uint64_t t0) { return (unsigned long)((stckf() - t0) / TOD_TICKS_PER_US / 1000); }

static void expect_masks(uint32_t sid, uint8_t pim, uint8_t pam, uint8_t pom, uint8_t lpm)
{
	if (stsch(sid, schib))
		memset(schib, 0xee, sizeof(schib));
	report(schib[PMCW_PIM] == pim && schib[PMCW_PAM] == pam && schib[PMCW_POM] == pom &&
	       schib[PMCW_LPM] == lpm && schib[PMCW_PNOM] == 0,
	       "0.0.%04x: PIM %02x PAM %02x POM %02x LPM %02x PNOM 00 (got %02x %02x %02x %02x %02x)",
	       (unsigned)(sid & 0xffff), pim, pam, pom, lpm, schib[PMCW_PIM], schib[PMCW_PAM],
	       schib[PMCW_POM], schib[PMCW_LPM], schib[PMCW_PNOM]);
}

/* A logical vary reports nothing: the guest sees it only by looking (STSCH). */
static void expect_vary(const char *what, uint8_t pom, uint8_t lpm, uint64_t t0)
{
	report_prefix_push(what);
	while (mask_of(SCH1, PMCW_POM) != pom && ms_since(t0) < WAIT_LIMIT_MS)
		;
	report(mask_of(SCH1, PMCW_POM) == pom, "STSCH shows it within %u ms", WAIT_LIMIT_MS);
	expect_masks(SCH1, 0xc0, 0xc0, pom, lpm);
	uint32_t crw = 1;
	report(mcheck_poll() == 0, "no channel-report-pending machine check");
	report(stcrw(&crw) == 1 && crw == 0, "no CRW: STCRW cc 1");
	report_prefix_pop();
}

static void expect_event(const char *what, uint8_t chpid, unsigned erc, uint8_t pam)
{
	report_prefix_push(what);
	unsigned before = mcheck_count();
	mcheck_wait();
	report(mcheck_count() == before + 1 && (mcheck_last_mcic() & MCIC_CRW_PENDING),
	       "channel-report-pending machine check");
	uint32_t crw = 0, more = 1;
	report(stcrw(&crw) == 0, "STCRW: cc 0");
	report(CRW_RSC(crw) == RSC_CHANNEL_PATH && CRW_RSID(crw) == chpid,
	       "CRW names channel path %02x (crw %08x)", chpid, (unsigned)crw);
	report(CRW_ERC(crw) == erc, "error-recovery code %u (got %u)", erc, (unsigned)CRW_ERC(crw));
	report(stcrw(&more) == 1, "no other CRW pending");
	expect_masks(SCH1, 0xc0, pam, 0xff, 0xc0);
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
	lctlg(14, stctg(14) | (1ULL << (63 - 35))); /* CR14 bit 35: channel-report subclass */
	uint64_t t0 = stckf();
	expect_masks(SCH1, 0xc0, 0xc0, 0xff, 0xc0);
	/* CHPID 02 is path 1 (mask 40) of 0.0.0001. */
	expect_vary("vary_off", 0xbf, 0x80, t0);
	unsigned long ms_off = ms_since(t0);
	expect_vary("vary_on", 0xff, 0xc0, t0);
	unsigned long ms_on = ms_since(t0);
	expect_event("offline", 0x02, ERC_PERM_ERROR_NOT_INIT, 0x80);
	unsigned long ms_gone = ms_since(t0);
	expect_event("online", 0x02, ERC_INITIALIZED, 0xc0);
	unsigned long ms_back = ms_since(t0);
	report_info("events seen after %lu, %lu, %lu and %lu ms", ms_off, ms_on, ms_gone, ms_back);
	/* Scheduled at 100, 300, 500 and 800 ms after testvisor set the vCPU up (the
	 * manifest's chp_events): none may be seen before its time. t0 is taken a little
	 * after that point (up to EARLY_SLACK_MS). Seen late is fine: under load the
	 * guest may look late (differences between events are no measure of earliness). */
	report(ms_off + EARLY_SLACK_MS >= 100 && ms_on + EARLY_SLACK_MS >= 300 &&
	       ms_gone + EARLY_SLACK_MS >= 500 && ms_back + EARLY_SLACK_MS >= 800,
	       "each event came on schedule, not before its time");
	expect_masks(SCH0, 0xc0, 0xc0, 0xff, 0xc0);
	report_prefix_pop();
	return report_summary();
}
