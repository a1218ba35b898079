/* The virtual channel subsystem: subchannel instructions' condition codes and program
 * exceptions, channel programs, I/O interruptions, channel-path events (logical vary,
 * offline/online) with CRWs and path masks. Control blocks are checked as the big-endian bytes a guest sees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <s390_arch.h>
#include <css_defs.h>
#include "css.h"

#define SID(n) (SID_ONE | (n))
static uint8_t mem[0x10000];

static bool mem_read(void *ctx, uint64_t a, void *d, uint32_t n)
{
	if (a > sizeof(mem) || n > sizeof(mem) - a)
		return false;
	memcpy(d, mem + a, n);
	return true;
}
static bool mem_write(void *ctx, uint64_t a, const void *s, uint32_t n)
{
	if (a > sizeof(mem) || n > sizeof(mem) - a)
		return false;
	memcpy(mem + a, s, n);
	return true;
}
static const struct css_mem cmem = { mem_read, mem_write, NULL };

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)be16(p) << 16 | be16(p + 2); }

static void enable(struct css *css, unsigned nr, unsigned isc, uint32_t intparm)
{
	uint8_t schib[SCHIB_SIZE];
	assert_int_equal(css_stsch(css, SID(nr), schib), 0);
	uint16_t flags = be16(schib + 4) | PMCW_FLAGS_ENA | (uint16_t)(isc << PMCW_ISC_SHIFT);
	schib[4] = flags >> 8;
	schib[5] = (uint8_t)flags;
	schib[0] = intparm >> 24; schib[1] = intparm >> 16; schib[2] = intparm >> 8; schib[3] = intparm;
	assert_int_equal(css_msch(css, SID(nr), schib), 0);
}

/* A format-1 ORB at 0x100 for a channel program at `cpa`, all paths allowed. */
static void put_orb(uint8_t orb[ORB_SIZE], uint32_t intparm, uint32_t cpa, uint8_t lpm)
{
	memset(orb, 0, ORB_SIZE);
	orb[0] = intparm >> 24; orb[1] = intparm >> 16; orb[2] = intparm >> 8; orb[3] = intparm;
	orb[5] = ORB_CTRL0_FMT;
	orb[6] = lpm;
	orb[8] = cpa >> 24; orb[9] = cpa >> 16; orb[10] = cpa >> 8; orb[11] = cpa;
}

static void put_ccw(uint32_t at, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t cda)
{
	uint8_t *c = mem + at;
	c[0] = cmd; c[1] = flags; c[2] = count >> 8; c[3] = (uint8_t)count;
	c[4] = cda >> 24; c[5] = cda >> 16; c[6] = cda >> 8; c[7] = (uint8_t)cda;
}

static void stsch_shows_the_initial_subchannel(void **state)
{
	struct css css;
	uint8_t s[SCHIB_SIZE];
	css_init(&css);
	assert_int_equal(css_stsch(&css, SID(1), s), 0);
	assert_int_equal(be16(s + 4) & PMCW_FLAGS_DNV, PMCW_FLAGS_DNV);
	assert_int_equal(be16(s + 4) & PMCW_FLAGS_ENA, 0);
	assert_int_equal(be16(s + 6), 1);       /* device number */
	assert_int_equal(s[11], 0xc0);          /* PIM: two paths */
	assert_int_equal(s[15], 0xc0);          /* PAM */
	assert_int_equal(s[14], 0xff);          /* POM */
	assert_int_equal(s[16], 0x01);          /* CHPIDs */
	assert_int_equal(s[17], 0x02);
}

static void subsystem_ids_are_checked(void **state)
{
	struct css css;
	uint8_t s[SCHIB_SIZE];
	css_init(&css);
	assert_int_equal(css_stsch(&css, 0x00000000, s), -PGM_OPERAND);   /* bit 15 off */
	assert_int_equal(css_stsch(&css, 0x00110000, s), -PGM_OPERAND);   /* reserved bit */
	assert_int_equal(css_stsch(&css, SID(7), s), 3);                  /* no subchannel */
	assert_int_equal(css_stsch(&css, SID_ONE | 0x20000, s), 3);       /* other set */
	assert_int_equal(css_tsch(&css, SID(9), (uint8_t[IRB_SIZE]){ 0 }), 3);
}

static void msch_checks_reserved_bits_and_stores_the_new_values(void **state)
{
	struct css css;
	uint8_t s[SCHIB_SIZE];
	css_init(&css);
	css_stsch(&css, SID(0), s);
	s[4] |= 0x80;                           /* QF: may not be set by MSCH */
	assert_int_equal(css_msch(&css, SID(0), s), -PGM_OPERAND);
	enable(&css, 0, 5, 0x12345678);
	css_stsch(&css, SID(0), s);
	assert_int_equal(be32(s), 0x12345678);
	assert_int_equal((be16(s + 4) & PMCW_FLAGS_ISC) >> PMCW_ISC_SHIFT, 5);
	assert_true(be16(s + 4) & PMCW_FLAGS_ENA);
}

static void sense_id_runs_and_ends_with_status_pending(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE], irb[IRB_SIZE];
	css_init(&css);
	memset(mem, 0, sizeof(mem));
	put_ccw(0x200, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, 8, 0x300);
	put_orb(orb, 0xcafe, 0x200, 0xff);
	assert_int_equal(css_ssch(&css, SID(1), orb, &cmem), 3);   /* not enabled */
	enable(&css, 1, 3, 0);
	assert_int_equal(css_ssch(&css, SID(1), orb, &cmem), 0);
	assert_int_equal(mem[0x300], 0xff);
	assert_int_equal(be16(mem + 0x301), 0x3832);
	assert_int_equal(mem[0x303], 1);
	assert_int_equal(css_ssch(&css, SID(1), orb, &cmem), 1);   /* status pending */
	assert_true(css_io_interrupt_pending(&css, 0x80 >> 3));
	assert_false(css_io_interrupt_pending(&css, 0x80 >> 2));   /* other ISC */
	uint32_t sid, parm, word;
	assert_true(css_take_io_interrupt(&css, 0xff, &sid, &parm, &word));
	assert_int_equal(sid, SID(1));
	assert_int_equal(parm, 0xcafe);
	assert_int_equal(word >> IO_INT_WORD_ISC_SHIFT, 3);
	assert_false(css_io_interrupt_pending(&css, 0xff));
	assert_int_equal(css_tsch(&css, SID(1), irb), 0);
	assert_int_equal(be16(irb + 2), SCSW_CTRL_FCTL_START | SCSW_CTRL_STCTL_PRIMARY |
			 SCSW_CTRL_STCTL_SECONDARY | SCSW_CTRL_STCTL_PENDING);
	assert_int_equal(be32(irb + 4), 0x208);                   /* CCW address + 8 */
	assert_int_equal(irb[8], DSTAT_CHANNEL_END | DSTAT_DEVICE_END);
	assert_int_equal(irb[9], 0);
	assert_int_equal(be16(irb + 10), 0);                      /* residual count */
	assert_int_equal(css_tsch(&css, SID(1), irb), 1);         /* nothing pending now */
}

static void unknown_command_is_a_unit_check_with_command_reject(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE], irb[IRB_SIZE];
	css_init(&css);
	memset(mem, 0, sizeof(mem));
	enable(&css, 0, 0, 0);
	put_ccw(0x200, 0x77, 0, 4, 0x300);
	put_orb(orb, 0, 0x200, 0xff);
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_true(irb[8] & DSTAT_UNIT_CHECK);
	assert_int_equal(irb[12 + 20], 0x80);                     /* sense byte 0 in the ECW */
}

/* PoP ch. 15 "Suspension of Channel-Program Execution", ch. 14 RESUME SUBCHANNEL:
 * ORB word 1 bit 4 (0x08 in byte 4) allows suspension; CCW flag S is 0x02. */
static void suspend_and_resume(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE], irb[IRB_SIZE];
	css_init(&css);
	memset(mem, 0, sizeof(mem));
	enable(&css, 0, 0, 0);
	put_ccw(0x200, CCW_CMD_NOOP, CCW_FLAG_SUSPEND | CCW_FLAG_CC, 0, 0);
	put_ccw(0x208, CCW_CMD_NOOP, 0, 0, 0);
	put_orb(orb, 0, 0x200, 0xff);
	orb[4] |= 0x08;                                       /* suspend control */
	assert_int_equal(css_rsch(&css, SID(0), &cmem), 2);   /* nothing to resume */
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 1);     /* suspended: no status */
	assert_int_equal(irb[2] & 0x40, 0x40);                /* start function */
	assert_int_equal(irb[3] & 0x20, 0x20);                /* suspended */
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 2); /* busy */
	assert_int_equal(css_rsch(&css, SID(0), &cmem), 0);   /* S still one: again */
	assert_int_equal(css_tsch(&css, SID(0), irb), 1);
	mem[0x201] = CCW_FLAG_CC;                             /* the guest clears S */
	assert_int_equal(css_rsch(&css, SID(0), &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal(irb[8], DSTAT_CHANNEL_END | DSTAT_DEVICE_END);
	assert_int_equal(irb[9], 0);
	/* Without suspend control the S flag is a program check. */
	mem[0x201] = CCW_FLAG_SUSPEND;
	orb[4] &= (uint8_t)~0x08;
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal(irb[9], CSTAT_PROGRAM_CHECK);
	/* CLEAR SUBCHANNEL ends a suspended program. */
	mem[0x201] = CCW_FLAG_SUSPEND;
	orb[4] |= 0x08;
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_csch(&css, SID(0)), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal(irb[2] & 0x10, 0x10);                /* clear function */
	assert_int_equal(css_rsch(&css, SID(0), &cmem), 2);
}

/* A command code with 0000 in bits 4-7 is invalid: program check, even with S set. */
static void invalid_command_code_is_a_program_check(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE], irb[IRB_SIZE];
	css_init(&css);
	memset(mem, 0, sizeof(mem));
	enable(&css, 0, 0, 0);
	put_ccw(0x200, 0x40, CCW_FLAG_SUSPEND, 4, 0x300);
	put_orb(orb, 0, 0x200, 0xff);
	orb[4] |= 0x08;
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal(irb[9], CSTAT_PROGRAM_CHECK);
	assert_int_equal(irb[8] & DSTAT_UNIT_CHECK, 0);
}

static void orb_reserved_bits_are_an_operand_exception(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE];
	css_init(&css);
	enable(&css, 0, 0, 0);
	put_orb(orb, 0, 0x200, 0xff);
	orb[8] |= 0x80;                         /* CPA bit 0 */
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), -PGM_OPERAND);
}

/* PMCW byte offsets in the SCHIB and CRW fields, from the Principles of Operation
 * (ch. 15 "Path-Management-Control Word", ch. 17 "Channel-Report Word"). */
enum { LPM = 8, PNOM = 9, PIM = 11, POM = 14, PAM = 15 };
#define CRW_RSC_OF(crw) (((crw) >> 24) & 0xf)
#define CRW_ERC_OF(crw) (((crw) >> 16) & 0x3f)

static void expect_masks(struct css *css, unsigned nr, uint8_t pim, uint8_t pam, uint8_t pom,
			 uint8_t lpm)
{
	uint8_t s[SCHIB_SIZE];
	assert_int_equal(css_stsch(css, SID(nr), s), 0);
	assert_int_equal(s[PIM], pim);
	assert_int_equal(s[PAM], pam);
	assert_int_equal(s[POM], pom);
	assert_int_equal(s[LPM], lpm);
	assert_int_equal(s[PNOM], 0);
}

/* vfio_ccw_chp_event() CHP_VARY_OFF/ON: opm and lpm change, no CRW. */
static void logical_vary_changes_pom_and_lpm_and_reports_nothing(void **state)
{
	struct css css;
	uint32_t crw;
	css_init(&css);
	assert_true(css_chp_event(&css, 0x01, CHP_VARY_OFF));
	assert_false(css_crw_pending(&css));
	assert_int_equal(css_stcrw(&css, &crw), 1);
	expect_masks(&css, 0, 0xc0, 0xc0, 0xbf, 0x80);  /* CHPID 01 is path 1 of 0.0.0000 */
	expect_masks(&css, 1, 0xc0, 0xc0, 0x7f, 0x40);  /* ... and path 0 of 0.0.0001 */
	assert_true(css_chp_event(&css, 0x01, CHP_VARY_ON));
	assert_false(css_crw_pending(&css));
	expect_masks(&css, 0, 0xc0, 0xc0, 0xff, 0xc0);
	expect_masks(&css, 1, 0xc0, 0xc0, 0xff, 0xc0);
}

/* CHP_OFFLINE/ONLINE: PAM follows, CRW RSC 4 (channel path), RSID = CHPID, ERC 6
 * ("permanent error, facility not initialized") / 2 ("initialized"), the codes
 * chp_process_crw() in Linux's drivers/s390/cio/chp.c takes as path gone / come. */
static void offline_and_online_queue_crws_and_change_pam(void **state)
{
	struct css css;
	uint32_t crw;
	css_init(&css);
	assert_false(css_crw_pending(&css));
	assert_int_equal(css_stcrw(&css, &crw), 1);
	assert_int_equal(crw, 0);
	assert_true(css_chp_event(&css, 0x01, CHP_OFFLINE));
	assert_true(css_crw_pending(&css));
	expect_masks(&css, 0, 0xc0, 0x80, 0xff, 0xc0);
	expect_masks(&css, 1, 0xc0, 0x40, 0xff, 0xc0);
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(crw, 0x04060001);      /* S R C 0, RSC 4, A 0, ERC 6, RSID 0001 */
	assert_int_equal(CRW_RSC_OF(crw), 4);
	assert_int_equal(CRW_ERC_OF(crw), 6);
	assert_int_equal(css_stcrw(&css, &crw), 1);
	assert_true(css_chp_event(&css, 0x01, CHP_ONLINE));
	expect_masks(&css, 0, 0xc0, 0xc0, 0xff, 0xc0);
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(crw, 0x04020001);      /* ERC 2 */
	for (int k = CHP_VARY_OFF; k < CHP_EVENT_KINDS; k++)
		assert_false(css_chp_event(&css, 0x77, (enum chp_event_kind)k)); /* nobody uses it */
	assert_false(css_chp_event(&css, 0x01, CHP_EVENT_KINDS));
	assert_false(css_crw_pending(&css));
}

/* CHP_ONLINE: "sch->lpm |= mask & sch->opm" (vfio_ccw_chp_event()): the logical path
 * comes back with the path unless it is varied off (POM bit zero). */
static void online_restores_lpm_where_the_path_is_operational(void **state)
{
	struct css css;
	uint8_t s[SCHIB_SIZE];
	css_init(&css);
	enable(&css, 1, 0, 0);
	css_stsch(&css, SID(1), s);
	s[LPM] = 0x40;                           /* the guest stops using CHPID 01 */
	assert_int_equal(css_msch(&css, SID(1), s), 0);
	assert_true(css_chp_event(&css, 0x01, CHP_OFFLINE));
	assert_true(css_chp_event(&css, 0x01, CHP_ONLINE));
	expect_masks(&css, 1, 0xc0, 0xc0, 0xff, 0xc0);
	assert_true(css_chp_event(&css, 0x02, CHP_VARY_OFF));  /* POM 40 off, LPM 40 off */
	assert_true(css_chp_event(&css, 0x02, CHP_OFFLINE));
	assert_true(css_chp_event(&css, 0x02, CHP_ONLINE));
	expect_masks(&css, 1, 0xc0, 0xc0, 0xbf, 0x80);          /* still varied off */
}

static void start_without_a_path_gives_deferred_cc3(void **state)
{
	struct css css;
	uint8_t orb[ORB_SIZE], irb[IRB_SIZE];
	css_init(&css);
	memset(mem, 0, sizeof(mem));
	enable(&css, 0, 0, 0);
	put_ccw(0x200, CCW_CMD_NOOP, 0, 0, 0);
	css_chp_event(&css, 0x00, CHP_OFFLINE);
	css_chp_event(&css, 0x01, CHP_OFFLINE);
	put_orb(orb, 0, 0x200, 0xff);
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal((be16(irb) & SCSW_FLAGS_CC) >> SCSW_CC_SHIFT, 3);
	assert_true(be16(irb + 2) & SCSW_CTRL_STCTL_ALERT);
	/* One path back: the start uses it (LPUM shows it). */
	css_chp_event(&css, 0x01, CHP_ONLINE);
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal((be16(irb) & SCSW_FLAGS_CC) >> SCSW_CC_SHIFT, 0);
	uint8_t s[SCHIB_SIZE];
	css_stsch(&css, SID(0), s);
	assert_int_equal(s[10], 0x40);          /* LPUM */
	/* An LPM that only allows the offline path also fails. */
	put_orb(orb, 0, 0x200, 0x80);
	assert_int_equal(css_ssch(&css, SID(0), orb, &cmem), 0);
	assert_int_equal(css_tsch(&css, SID(0), irb), 0);
	assert_int_equal((be16(irb) & SCSW_FLAGS_CC) >> SCSW_CC_SHIFT, 3);
}

/* A CRW that finds the queue full is lost; the next CRW queued after the loss carries
 * the overflow (R, bit 2) flag (QEMU hw/s390x/css.c, css_queue_crw(): crws_lost ->
 * CRW_FLAGS_MASK_R). The queue holds CSS_MAX_CRWS CRWs, fewer when configured. */
static void crw_queue_overflow_is_reported(void **state)
{
	struct css css;
	uint32_t crw;
	css_init(&css);
	for (int i = 0; i < CSS_MAX_CRWS + 2; i++)
		css_chp_event(&css, 0x02, i & 1 ? CHP_ONLINE : CHP_OFFLINE);
	for (int i = 0; i < CSS_MAX_CRWS; i++) {
		assert_int_equal(css_stcrw(&css, &crw), 0);
		assert_int_equal(crw & 0x20000000u, 0);  /* queued before the loss */
	}
	assert_int_equal(css_stcrw(&css, &crw), 1);
	css_chp_event(&css, 0x02, CHP_OFFLINE);
	css_chp_event(&css, 0x02, CHP_ONLINE);
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(crw, 0x20000000u | 0x04060002u); /* R with the first after the loss */
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(crw, 0x04020002u);               /* only that one */
}

static void crw_queue_depth_is_configurable(void **state)
{
	struct css css;
	uint32_t crw;
	css_init(&css);
	assert_true(css_set_crw_queue_depth(&css, 2));
	assert_false(css_set_crw_queue_depth(&css, 0));
	assert_false(css_set_crw_queue_depth(&css, CSS_MAX_CRWS + 1));
	for (int i = 0; i < 3; i++)
		css_chp_event(&css, 0x02, i & 1 ? CHP_ONLINE : CHP_OFFLINE);
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(css_stcrw(&css, &crw), 1);
}

/* Found by the fuzz target s390_css (tests/fuzz/s390_css.c): with three CRWs queued, a
 * depth of 1 was taken; the queue then held more than its depth, its full check
 * (nr == depth) never fired again and further CRWs were written past the array. */
static void crw_queue_depth_below_queued_refused(void **state)
{
	struct css css;
	uint32_t crw;
	css_init(&css);
	for (int i = 0; i < 3; i++)
		css_chp_event(&css, 0x02, i & 1 ? CHP_ONLINE : CHP_OFFLINE);
	assert_false(css_set_crw_queue_depth(&css, 1));
	assert_false(css_set_crw_queue_depth(&css, 2));
	assert_true(css_set_crw_queue_depth(&css, 3));
	for (int i = 0; i < 2 * CSS_MAX_CRWS; i++) /* all lost: the queue is full */
		css_chp_event(&css, 0x02, i & 1 ? CHP_OFFLINE : CHP_ONLINE);
	assert_true(css.nr_crws <= css.crw_depth);
	for (int i = 0; i < 3; i++)
		assert_int_equal(css_stcrw(&css, &crw), 0);
	assert_int_equal(css_stcrw(&css, &crw), 1);
}

static void chsc_store_channel_path_description(void **state)
{
	struct css css;
	static uint8_t area[4096];
	css_init(&css);
	memset(area, 0, sizeof(area));
	area[1] = 0x10;                         /* request length 16 */
	area[3] = CHSC_CMD_STORE_CHP_DESC;
	area[7] = 0x00;                         /* first CHPID */
	area[11] = 0x05;                        /* last CHPID */
	assert_int_equal(css_chsc(&css, area), 0);
	const uint8_t *resp = area + 16;
	assert_int_equal(be16(resp + 2), CHSC_RESP_OK);
	assert_int_equal(be16(resp), 8 + 3 * 8);  /* CHPIDs 00, 01, 02 are installed */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(resp[8 + 8 * i], 0x80);
		assert_int_equal(resp[8 + 8 * i + 2], CSS_CHPID_TYPE);
		assert_int_equal(resp[8 + 8 * i + 3], i);
	}
	/* Offline, still installed. */
	css_chp_event(&css, 0x01, CHP_OFFLINE);
	memset(area + 16, 0xff, 64);
	assert_int_equal(css_chsc(&css, area), 0);
	assert_int_equal(be16(resp), 8 + 3 * 8);
	/* last < first: request error; unknown command: not supported; bad length: operand. */
	area[7] = 0x04;
	area[11] = 0x01;
	assert_int_equal(css_chsc(&css, area), 0);
	assert_int_equal(be16(resp + 2), CHSC_RESP_INVALID_REQ);
	area[3] = 0x77;
	assert_int_equal(css_chsc(&css, area), 0);
	assert_int_equal(be16(resp + 2), CHSC_RESP_NOT_SUPPORTED);
	area[1] = 0x0c;
	assert_int_equal(css_chsc(&css, area), -PGM_OPERAND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stsch_shows_the_initial_subchannel),
		cmocka_unit_test(subsystem_ids_are_checked),
		cmocka_unit_test(msch_checks_reserved_bits_and_stores_the_new_values),
		cmocka_unit_test(sense_id_runs_and_ends_with_status_pending),
		cmocka_unit_test(unknown_command_is_a_unit_check_with_command_reject),
		cmocka_unit_test(orb_reserved_bits_are_an_operand_exception),
		cmocka_unit_test(suspend_and_resume),
		cmocka_unit_test(invalid_command_code_is_a_program_check),
		cmocka_unit_test(logical_vary_changes_pom_and_lpm_and_reports_nothing),
		cmocka_unit_test(offline_and_online_queue_crws_and_change_pam),
		cmocka_unit_test(online_restores_lpm_where_the_path_is_operational),
		cmocka_unit_test(start_without_a_path_gives_deferred_cc3),
		cmocka_unit_test(crw_queue_overflow_is_reported),
		cmocka_unit_test(crw_queue_depth_is_configurable),
		cmocka_unit_test(crw_queue_depth_below_queued_refused),
		cmocka_unit_test(chsc_store_channel_path_description),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
