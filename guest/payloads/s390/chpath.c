/* chpath (s390x, under testvisor): channel-path events while a guest uses the paths, the
 * four kinds Linux's vfio-ccw tells apart (drivers/s390/cio/vfio_ccw_drv.c,
 * vfio_ccw_chp_event(); series "s390x/vfio-ccw: Channel Path Handling"):
 *  - CHP_VARY_OFF / CHP_VARY_ON: a logical vary. Only the operational and logical path
 *    masks change (POM and LPM of the PMCW); no channel report.
 *  - CHP_OFFLINE / CHP_ONLINE: the path goes or comes. The path-available mask (PAM)
 *    follows and a channel-path CRW is queued: ERC 6 "permanent error, facility not
 *    initialized" when it goes, ERC 2 "initialized" when it comes (the codes Linux's
 *    chp_process_crw() in drivers/s390/cio/chp.c acts on), raising a channel-report-
 *    pending machine check.
 * testvisor plays an event when the guest asks through its control DIAG; bare QEMU has
 * no such control, so the payload skips there. The expected numbers are spelled out
 * here from the Principles of Operation (SA22-7832), not taken from testvisor's headers. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "mcheck.h"
#include "s390.h"
#include "trap.h"

/* PoP ch. 15 "Subchannel-Identification Word": bit 15 is one, bits 16-31 the number. */
#define SCH0 0x00010000u
#define SCH1 0x00010001u

/* PoP ch. 15 "Path-Management-Control Word", byte offsets in the SCHIB. */
#define PMCW_FLAGS_OFF 4  /* word 1, bits 0-15; bit 8 (0x0080) = enabled */
#define PMCW_ENABLED 0x0080
#define PMCW_LPM 8
#define PMCW_PNOM 9
#define PMCW_LPUM 10
#define PMCW_PIM 11
#define PMCW_POM 14
#define PMCW_PAM 15
#define PMCW_CHPID0 16
/* PoP ch. 17 "Channel-Report Word": bit 1 S, bit 2 R, bit 3 C, bits 4-7 RSC, bit 8 A,
 * bits 10-15 ERC, bits 16-31 RSID. */
#define CRW_S_R_C_A(crw) ((crw) & 0x70800000u)
#define CRW_RSC(crw) (((crw) >> 24) & 0xf)
#define CRW_ERC(crw) (((crw) >> 16) & 0x3f)
#define CRW_RSID(crw) ((crw) & 0xffff)
#define RSC_CHANNEL_PATH 4     /* "Reporting-Source Codes": 0100 channel path */
#define ERC_INITIALIZED 2      /* "Error-Recovery Codes": 000010 initialized */
#define ERC_PERM_ERROR_NOT_INIT 6 /* 000110 permanent error, facility not initialized */
/* PoP ch. 11 "Machine-Check Interruption Code": bit 9 channel report pending; validity
 * bits 20-23 PSW fields, 28 general registers, 29 control registers (QEMU
 * target/s390x/cpu.h MCIC_VB_GR/MCIC_VB_CR), 48 unassigned. Register save areas of the
 * lowcore ("Assigned Storage Locations"): GPRs at 0x1280, control registers at 0x1380. */
#define MCIC_CRW_PENDING (1ULL << (63 - 9))
#define MCIC_VALID_PSW (0xfULL << (63 - 23))
#define MCIC_VALID_GR (1ULL << (63 - 28))
#define MCIC_VALID_CR (1ULL << (63 - 29))
#define MCIC_UNASSIGNED_48 (1ULL << (63 - 48))
#define LC_CR_SAVE_AREA 0x1380
/* PoP ch. 16 "Subchannel-Status Word": deferred condition code in bits 6-7. */
#define SCSW_DEFERRED_CC(flags) (((flags) >> 8) & 3)

/* testvisor's control DIAG functions (its own interface, docs/s390.md). */
enum { VARY_OFF = 1, VARY_ON = 2, CHP_OFFLINE = 4, CHP_ONLINE = 5 };

static uint8_t schib[52] __attribute__((aligned(4)));

static const uint8_t *read_schib(uint32_t sid)
{
	memset(schib, 0, sizeof(schib));
	if (stsch(sid, schib))
		report_abort("STSCH of 0.0.%04x failed", (unsigned)(sid & 0xffff));
	return schib;
}

static uint8_t mask_of(uint32_t sid, unsigned off) { return read_schib(sid)[off]; }

/* The path masks of a subchannel: PIM, PAM, POM, LPM, PNOM in that order. */
static void expect_masks(uint32_t sid, uint8_t pim, uint8_t pam, uint8_t pom, uint8_t lpm)
{
	const uint8_t *s = read_schib(sid);
	report(s[PMCW_PIM] == pim && s[PMCW_PAM] == pam && s[PMCW_POM] == pom &&
	       s[PMCW_LPM] == lpm && s[PMCW_PNOM] == 0,
	       "0.0.%04x: PIM %02x PAM %02x POM %02x LPM %02x PNOM 00 (got %02x %02x %02x %02x %02x)",
	       (unsigned)(sid & 0xffff), pim, pam, pom, lpm, s[PMCW_PIM], s[PMCW_PAM],
	       s[PMCW_POM], s[PMCW_LPM], s[PMCW_PNOM]);
}

/* Runs a NOP (format-1 CCW 03, SLI) with ORB LPM ff; returns the deferred condition code
 * of its SCSW (-1 if the start itself failed). */
static int run_nop(uint32_t sid)
{
	static uint32_t orb[8] __attribute__((aligned(4)));
	static uint32_t ccw[2] __attribute__((aligned(8)));
	static uint8_t irb[96] __attribute__((aligned(4)));
	ccw[0] = 0x03200001; /* command 03, flags SLI, count 1 */
	ccw[1] = 0;
	memset(orb, 0, sizeof(orb));
	orb[0] = sid;           /* interruption parameter */
	orb[1] = 0x0080ff00;    /* PoP "Operation-Request Block": bit 8 format-1 CCWs, LPM ff */
	orb[2] = (uint32_t)(uintptr_t)ccw;
	if (ssch(sid, orb) != 0 || tsch(sid, irb) != 0)
		return -1;
	return (int)SCSW_DEFERRED_CC((unsigned)(irb[0] << 8 | irb[1]));
}

static void enable_subchannel(uint32_t sid)
{
	read_schib(sid);
	schib[PMCW_FLAGS_OFF + 1] |= PMCW_ENABLED;
	if (msch(sid, schib))
		report_abort("MSCH of 0.0.%04x failed", (unsigned)(sid & 0xffff));
}

static volatile bool diag_refused;
static bool catch_diag(struct trap_frame *f)
{
	diag_refused = true;
	return true;
}

static uint64_t chp_event(unsigned kind, uint8_t chpid)
{
	diag_refused = false;
	trap_install(PGM_SPECIFICATION, catch_diag);
	uint64_t r = tv_diag_control(kind, chpid);
	trap_install(PGM_SPECIFICATION, NULL);
	if (diag_refused)
		report_abort("testvisor does not know channel-path event kind %u", kind);
	return r;
}

static void event(unsigned kind, uint8_t chpid)
{
	if (chp_event(kind, chpid) != 0)
		report_abort("testvisor refused event %u for CHPID %02x", kind, chpid);
}

static void expect_no_report(void)
{
	uint32_t crw = 1;
	report(mcheck_poll() == 0, "no channel-report-pending machine check");
	report(stcrw(&crw) == 1 && crw == 0, "no CRW: STCRW cc 1, zero stored");
}

static void expect_crw(uint8_t chpid, unsigned erc, const char *meaning)
{
	uint32_t crw = 0;
	report(stcrw(&crw) == 0, "STCRW stores a CRW: cc 0");
	report(CRW_RSC(crw) == RSC_CHANNEL_PATH && CRW_RSID(crw) == chpid,
	       "CRW: reporting source 4 (channel path), RSID %02x (crw %08x)", chpid, (unsigned)crw);
	report(CRW_ERC(crw) == erc, "CRW: error-recovery code %u '%s' (got %u)", erc, meaning,
	       (unsigned)CRW_ERC(crw));
	report(CRW_S_R_C_A(crw) == 0, "CRW: not solicited, no overflow, not chained, no ancillary report");
}

static void test_initial_paths(void)
{
	report_prefix_push("initial");
	expect_masks(SCH0, 0xc0, 0xc0, 0xff, 0xc0);
	expect_masks(SCH1, 0xc0, 0xc0, 0xff, 0xc0);
	const uint8_t *s = read_schib(SCH0);
	report(s[PMCW_CHPID0] == 0x00 && s[PMCW_CHPID0 + 1] == 0x01, "0.0.0000: CHPIDs 00 and 01");
	s = read_schib(SCH1);
	report(s[PMCW_CHPID0] == 0x01 && s[PMCW_CHPID0 + 1] == 0x02, "0.0.0001: CHPIDs 01 and 02");
	expect_no_report();
	report_prefix_pop();
}

static void test_vary_off_on(void)
{
	report_prefix_push("vary-off");
	event(VARY_OFF, 0x01);
	expect_no_report();
	/* CHPID 01 is path 1 (mask 40) of 0.0.0000 and path 0 (mask 80) of 0.0.0001. */
	expect_masks(SCH0, 0xc0, 0xc0, 0xbf, 0x80);
	expect_masks(SCH1, 0xc0, 0xc0, 0x7f, 0x40);
	report(run_nop(SCH0) == 0 && mask_of(SCH0, PMCW_LPUM) == 0x80,
	       "I/O on 0.0.0000 still works, over CHPID 00 (LPUM 80)");
	report_prefix_pop();

	report_prefix_push("vary-on");
	event(VARY_ON, 0x01);
	expect_no_report();
	/* The NOP's ORB put LPM ff into 0.0.0000's PMCW; 0.0.0001 gets its bit back. */
	expect_masks(SCH0, 0xc0, 0xc0, 0xff, 0xff);
	expect_masks(SCH1, 0xc0, 0xc0, 0xff, 0xc0);
	report_prefix_pop();
}

static void test_offline(void)
{
	report_prefix_push("offline");
	event(CHP_OFFLINE, 0x01);
	report(mcheck_count() == 0, "machine check held pending while PSW bit 13 is off");
	report(mcheck_wait() == 1, "channel-report-pending machine check presented once enabled");
	uint64_t mcic = mcheck_last_mcic();
	report(mcic & MCIC_CRW_PENDING, "MCIC bit 9: channel report pending");
	report((mcic & MCIC_VALID_PSW) == MCIC_VALID_PSW && (mcic & MCIC_VALID_GR) &&
	       (mcic & MCIC_VALID_CR) && !(mcic & MCIC_UNASSIGNED_48),
	       "MCIC validity: PSW (20-23), general (28) and control registers (29); bit 48 zero (mcic %016lx)",
	       (unsigned long)mcic);
	uint64_t saved_cr14;
	memcpy(&saved_cr14, (const uint8_t *)&lowcore + LC_CR_SAVE_AREA + 14 * 8, 8);
	report(saved_cr14 == stctg(14), "CR save area holds CR14 (%016lx)", (unsigned long)saved_cr14);
	expect_crw(0x01, ERC_PERM_ERROR_NOT_INIT, "permanent error, facility not initialized");
	expect_no_report();
	expect_masks(SCH0, 0xc0, 0x80, 0xff, 0xff);
	expect_masks(SCH1, 0xc0, 0x40, 0xff, 0xc0);
	report(run_nop(SCH0) == 0 && mask_of(SCH0, PMCW_LPUM) == 0x80,
	       "I/O on 0.0.0000 still works, over CHPID 00 (LPUM 80)");
	report_prefix_pop();

	report_prefix_push("no-path");
	event(CHP_OFFLINE, 0x00);
	report(mcheck_wait() == 1, "second machine check");
	expect_crw(0x00, ERC_PERM_ERROR_NOT_INIT, "permanent error, facility not initialized");
	report(mask_of(SCH0, PMCW_PAM) == 0x00, "0.0.0000: PAM 00");
	report(run_nop(SCH0) == 3, "a start with no available path ends with deferred cc 3");
	report_prefix_pop();
}

static void test_online(void)
{
	report_prefix_push("online");
	event(CHP_ONLINE, 0x00);
	event(CHP_ONLINE, 0x01);
	report(mcheck_wait() == 1, "one machine check for the pending CRWs");
	expect_crw(0x00, ERC_INITIALIZED, "initialized");
	expect_crw(0x01, ERC_INITIALIZED, "initialized");
	expect_no_report();
	expect_masks(SCH0, 0xc0, 0xc0, 0xff, 0xff);
	expect_masks(SCH1, 0xc0, 0xc0, 0xff, 0xc0);
	report(run_nop(SCH0) == 0, "I/O on 0.0.0000 works again");
	report(chp_event(VARY_OFF, 0x77) == (uint64_t)-1 && chp_event(CHP_OFFLINE, 0x77) == (uint64_t)-1,
	       "an event for a CHPID no subchannel uses is refused");
	expect_no_report();
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("chpath");
	if (!tv_under_testvisor()) {
		report_skip("channel-path events need testvisor's control DIAG (bare QEMU has none)");
		return report_summary();
	}
	mcheck_catch();
	lctlg(14, stctg(14) | (1ULL << (63 - 35))); /* CR14 bit 35: channel-report subclass */
	enable_subchannel(SCH0);
	test_initial_paths();
	test_vary_off_on();
	test_offline();
	test_online();
	report_prefix_pop();
	return report_summary();
}
