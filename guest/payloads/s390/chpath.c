/* chpath (s390x, under testvisor): channel paths varied off and on while a guest uses
 * them, as vfio-ccw's channel-path events do. Each change must raise a channel-report-
 * pending machine check whose CRW names the channel path with the right error-recovery
 * code, STSCH must show the new path-available mask, and a start with no path left must
 * end with deferred condition code 3. testvisor varies a path when the guest asks it
 * through its control DIAG; bare QEMU has no such control, so the payload skips there. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include <css_defs.h>
#include "mcheck.h"
#include "s390.h"
#include "trap.h"

#define SCH0 (SID_ONE | 0)
#define SCH1 (SID_ONE | 1)

static struct schib schib __attribute__((aligned(4)));

static struct schib *read_schib(uint32_t sid)
{
	memset(&schib, 0, sizeof(schib));
	if (stsch(sid, &schib))
		report_abort("STSCH of 0.0.%04x failed", (unsigned)(sid & 0xffff));
	return &schib;
}

static uint32_t crw_rsc(uint32_t crw) { return (crw & CRW_RSC_MASK) >> CRW_RSC_SHIFT; }
static uint32_t crw_erc(uint32_t crw) { return (crw & CRW_ERC_MASK) >> CRW_ERC_SHIFT; }

/* Runs a NOP on `sid` and returns the deferred condition code of its SCSW (-1 if the
 * start itself failed). */
static int run_nop(uint32_t sid)
{
	static struct orb orb __attribute__((aligned(4)));
	static struct ccw1 ccw __attribute__((aligned(8)));
	static struct irb irb __attribute__((aligned(4)));
	ccw = (struct ccw1){ CCW_CMD_NOOP, CCW_FLAG_SLI, 1, 0 };
	orb = (struct orb){ .intparm = sid, .ctrl0 = ORB_CTRL0_FMT, .lpm = 0xff,
			    .cpa = (uint32_t)(uintptr_t)&ccw };
	if (ssch(sid, &orb) != 0)
		return -1;
	if (tsch(sid, &irb) != 0)
		return -1;
	return (irb.scsw.flags & SCSW_FLAGS_CC) >> SCSW_CC_SHIFT;
}

static void enable_subchannel(uint32_t sid)
{
	struct schib *s = read_schib(sid);
	s->pmcw.flags |= PMCW_FLAGS_ENA;
	if (msch(sid, s))
		report_abort("MSCH of 0.0.%04x failed", (unsigned)(sid & 0xffff));
}

static void vary(uint8_t chpid, bool on)
{
	if (tv_diag_control(on ? TV_CTL_VARY_ON : TV_CTL_VARY_OFF, chpid) != 0)
		report_abort("testvisor refused to vary CHPID %02x", chpid);
}

static void test_initial_paths(void)
{
	report_prefix_push("initial");
	struct schib *s = read_schib(SCH0);
	report(s->pmcw.pim == 0xc0 && s->pmcw.pam == 0xc0, "0.0.0000: two installed, available paths");
	report(s->pmcw.chpid[0] == 0x00 && s->pmcw.chpid[1] == 0x01, "0.0.0000: CHPIDs 00 and 01");
	s = read_schib(SCH1);
	report(s->pmcw.chpid[0] == 0x01 && s->pmcw.chpid[1] == 0x02, "0.0.0001: CHPIDs 01 and 02");
	uint32_t crw = 1;
	report(stcrw(&crw) == 1 && crw == 0, "no CRW pending at start");
	report_prefix_pop();
}

static void test_vary_off(void)
{
	report_prefix_push("vary-off");
	vary(0x01, false);
	report(mcheck_count() == 0, "machine check held pending while PSW bit 13 is off");
	report(mcheck_wait() == 1, "channel-report-pending machine check presented once enabled");
	report(mcheck_last_mcic() & MCIC_CHANNEL_REPORT, "MCIC has channel report pending");
	uint32_t crw = 0;
	report(stcrw(&crw) == 0, "STCRW stores a CRW: cc 0");
	report(crw_rsc(crw) == CRW_RSC_CHANNEL_PATH && (crw & CRW_RSID_MASK) == 0x01,
	       "CRW: reporting source channel path, CHPID 01 (crw %08x)", (unsigned)crw);
	report(crw_erc(crw) == CRW_ERC_PERRN, "CRW: error-recovery code 'permanent error, not initialized' (%u)",
	       (unsigned)crw_erc(crw));
	report(stcrw(&crw) == 1 && crw == 0, "no further CRW: cc 1");
	struct schib *s = read_schib(SCH0);
	report(s->pmcw.pim == 0xc0 && s->pmcw.pam == 0x80, "0.0.0000: PIM c0, PAM now 80");
	s = read_schib(SCH1);
	report(s->pmcw.pam == 0x40, "0.0.0001 shares CHPID 01: PAM now 40");
	report(run_nop(SCH0) == 0, "I/O on 0.0.0000 still works over CHPID 00");
	report(read_schib(SCH0)->pmcw.lpum == 0x80, "last path used: CHPID 00 (LPUM 80)");
	report_prefix_pop();
}

static void test_no_path_left(void)
{
	report_prefix_push("no-path");
	vary(0x00, false);
	report(mcheck_wait() == 1, "second machine check");
	uint32_t crw = 0;
	report(stcrw(&crw) == 0 && (crw & CRW_RSID_MASK) == 0x00 && crw_erc(crw) == CRW_ERC_PERRN,
	       "CRW for CHPID 00 going away");
	report(read_schib(SCH0)->pmcw.pam == 0x00, "0.0.0000: PAM 00");
	report(run_nop(SCH0) == 3, "a start with no available path ends with deferred cc 3");
	report_prefix_pop();
}

static void test_vary_on(void)
{
	report_prefix_push("vary-on");
	vary(0x00, true);
	vary(0x01, true);
	report(mcheck_wait() == 1, "one machine check for the pending CRWs");
	uint32_t crw1 = 0, crw2 = 0, crw3 = 1;
	int cc1 = stcrw(&crw1), cc2 = stcrw(&crw2), cc3 = stcrw(&crw3);
	report(cc1 == 0 && cc2 == 0 && cc3 == 1, "two CRWs queued, then none");
	report((crw1 & CRW_RSID_MASK) == 0x00 && (crw2 & CRW_RSID_MASK) == 0x01,
	       "in the order the paths came back (00, 01)");
	report(crw_erc(crw1) == CRW_ERC_INIT && crw_erc(crw2) == CRW_ERC_INIT,
	       "CRW: error-recovery code 'installed parameters initialized'");
	report(read_schib(SCH0)->pmcw.pam == 0xc0 && read_schib(SCH1)->pmcw.pam == 0xc0,
	       "both subchannels: PAM c0 again");
	report(run_nop(SCH0) == 0, "I/O on 0.0.0000 works again");
	report(tv_diag_control(TV_CTL_VARY_OFF, 0x77) == (uint64_t)-1, "varying an unknown CHPID is refused");
	uint32_t crw = 1;
	report(stcrw(&crw) == 1, "and queues no CRW");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("chpath");
	if (!tv_under_testvisor()) {
		report_skip("varying channel paths needs testvisor's control DIAG (bare QEMU has none)");
		return report_summary();
	}
	mcheck_catch();
	lctlg(14, stctg(14) | CR14_CHANNEL_REPORT);
	enable_subchannel(SCH0);
	test_initial_paths();
	test_vary_off();
	test_no_path_left();
	test_vary_on();
	report_prefix_pop();
	return report_summary();
}
