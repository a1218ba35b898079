/* testvisor's virtual channel subsystem (see css.h). Each subchannel has a small device
 * that answers NOP, SENSE and SENSE ID; channel programs run synchronously when SSCH
 * starts them and end with status pending and an I/O interruption. Channel-path events
 * (css_chp_event) follow Linux's vfio-ccw; a start with no usable path ends with a
 * deferred condition code 3. */
#include <string.h>
#include <s390_arch.h>
#include <css_defs.h>
#include "css.h"

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, (uint16_t)v); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) << 16 | get16(p + 2); }

/* The two channel paths of each subchannel: they share CHPID 0x01. */
static const uint8_t sch_chpids[CSS_NR_SUBCHANNELS][CSS_PATHS_PER_SUBCHANNEL] = {
	{ 0x00, 0x01 }, { 0x01, 0x02 },
};
#define SENSE_ID_CU_TYPE 0x3832
#define SENSE_BYTE0_COMMAND_REJECT 0x80
#define ORB_CTRL0_INVALID 0x0004
#define ORB_CTRL1_INVALID 0x3e
#define MSCH_FLAGS_RESERVED 0xc700
#define CCW_CMD_TIC_MASK 0x0f
#define CCW_CMD_TIC 0x08
#define SCSW_CTRL_ACTL_SUSPENDED 0x0020
#define SCSW_FLAGS_SUSPEND_CONTROL 0x0800

void css_init(struct css *css)
{
	memset(css, 0, sizeof(*css));
	css->crw_depth = CSS_MAX_CRWS;
	for (unsigned i = 0; i < CSS_NR_SUBCHANNELS; i++) {
		struct subchannel *s = &css->sch[i];
		s->devno = (uint16_t)i;
		s->flags = PMCW_FLAGS_DNV;
		s->pom = 0xff;
		for (unsigned p = 0; p < CSS_PATHS_PER_SUBCHANNEL; p++) {
			uint8_t chp = sch_chpids[i][p];
			s->chpid[p] = chp;
			s->pim |= 0x80 >> p;
			css->chp_online[chp / 8] |= 0x80 >> (chp % 8);
		}
		s->pam = s->pim;
		s->lpm = s->pim;
	}
}

/* The subchannel `sid` names; *rc gets -PGM_OPERAND for a malformed id, 3 for none. */
static struct subchannel *lookup(struct css *css, uint32_t sid, int *rc)
{
	if (!(sid & SID_ONE) || (sid & 0xfff80000u)) {
		*rc = -PGM_OPERAND;
		return NULL;
	}
	uint32_t nr = sid & SID_SCHNO_MASK;
	if ((sid & SID_SSID_MASK) || nr >= CSS_NR_SUBCHANNELS) {
		*rc = 3;
		return NULL;
	}
	*rc = 0;
	return &css->sch[nr];
}

static bool status_pending(const struct subchannel *s)
{
	return s->scsw_ctrl & SCSW_CTRL_STCTL_PENDING;
}

static bool int_pending(const struct subchannel *s) { return s->io_pending; }
static void set_int_pending(struct subchannel *s, bool on) { s->io_pending = on; }

static void marshal_scsw(const struct subchannel *s, uint8_t *p)
{
	put16(p, s->scsw_flags);
	put16(p + 2, s->scsw_ctrl);
	put32(p + 4, s->scsw_cpa);
	p[8] = s->dstat;
	p[9] = s->cstat;
	put16(p + 10, s->count);
}

int css_stsch(struct css *css, uint32_t sid, uint8_t b[SCHIB_SIZE])
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	memset(b, 0, SCHIB_SIZE);
	put32(b, s->intparm);
	put16(b + 4, s->flags);
	put16(b + 6, s->devno);
	b[8] = s->lpm;
	b[9] = s->pnom;
	b[10] = s->lpum;
	b[11] = s->pim;
	b[14] = s->pom;
	b[15] = s->pam;
	memcpy(b + 16, s->chpid, 8);
	marshal_scsw(s, b + 28);
	return 0;
}

int css_msch(struct css *css, uint32_t sid, const uint8_t b[SCHIB_SIZE])
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	uint16_t flags = get16(b + 4);
	if (flags & MSCH_FLAGS_RESERVED)
		return -PGM_OPERAND;
	if (status_pending(s))
		return 1;
	if (s->scsw_ctrl & SCSW_CTRL_FCTL)
		return 2;
	s->intparm = get32(b);
	s->flags = (s->flags & ~PMCW_FLAGS_MODIFIABLE) | (flags & PMCW_FLAGS_MODIFIABLE);
	s->lpm = b[8];
	s->pom = b[14];
	return 0;
}

static void end_start(struct subchannel *s, uint16_t stctl, unsigned deferred_cc)
{
	s->scsw_flags = (uint16_t)(deferred_cc << SCSW_CC_SHIFT);
	s->scsw_ctrl = SCSW_CTRL_FCTL_START | stctl | SCSW_CTRL_STCTL_PENDING;
	set_int_pending(s, true);
}

/* Runs one command of the device; returns the device status it adds. */
static uint8_t run_command(struct subchannel *s, const struct ccw1 *ccw, const struct css_mem *mem,
			   uint16_t *residual, uint8_t *cstat)
{
	uint8_t data[32];
	uint32_t n = 0;
	switch (ccw->cmd) {
	case CCW_CMD_NOOP:
		*residual = 0;
		return 0;
	case CCW_CMD_SENSE_ID: {
		/* reserved 0xff, CU type, CU model = device number, device type/model 0 */
		memset(data, 0, sizeof(data));
		data[0] = 0xff;
		put16(data + 1, SENSE_ID_CU_TYPE);
		data[3] = (uint8_t)s->devno;
		n = 8;
		break;
	}
	case CCW_CMD_SENSE:
		memcpy(data, s->sense, sizeof(data));
		memset(s->sense, 0, sizeof(s->sense));
		n = 24;
		break;
	default:
		memset(s->sense, 0, sizeof(s->sense));
		s->sense[0] = SENSE_BYTE0_COMMAND_REJECT;
		return DSTAT_UNIT_CHECK;
	}
	uint32_t len = ccw->count < n ? ccw->count : n;
	if (!mem->write(mem->ctx, ccw->cda, data, len)) {
		*cstat |= CSTAT_PROGRAM_CHECK;
		return 0;
	}
	*residual = (uint16_t)(ccw->count - len);
	if (ccw->count != n && !(ccw->flags & CCW_FLAG_SLI))
		*cstat |= CSTAT_INCORRECT_LENGTH;
	return 0;
}

static bool fetch_ccw(const struct css_mem *mem, uint32_t addr, bool fmt1, struct ccw1 *ccw)
{
	uint8_t b[CCW_SIZE];
	if ((addr & 7) || !mem->read(mem->ctx, addr, b, sizeof(b)))
		return false;
	if (fmt1) {
		*ccw = (struct ccw1){ b[0], b[1], get16(b + 2), get32(b + 4) };
	} else {
		*ccw = (struct ccw1){ b[0], b[4], get16(b + 6),
				      (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3] };
	}
	return true;
}

/* Suspension (PoP ch. 15, "Suspension of Channel-Program Execution"): a CCW with the S
 * flag suspends the program before its command when the ORB allowed it (else a program
 * check); the subchannel stays start-function active and suspended, without status, until
 * RESUME SUBCHANNEL refetches that CCW or CLEAR SUBCHANNEL ends it. No intermediate
 * interruption at suspension: **assumption**, as QEMU's virtual devices
 * (hw/s390x/css.c: sch_handle_start_func_virtual, -EINPROGRESS); the PoP's
 * suppress-suspended-interruption control is not modelled. */
static void suspend(struct subchannel *s, uint32_t cpa)
{
	s->resume_cpa = cpa;
	s->scsw_cpa = cpa;
	s->scsw_flags = SCSW_FLAGS_SUSPEND_CONTROL;
	s->scsw_ctrl = SCSW_CTRL_FCTL_START | SCSW_CTRL_ACTL_SUSPENDED;
}

static void run_channel_program(struct subchannel *s, uint32_t cpa, bool fmt1,
				const struct css_mem *mem)
{
	uint8_t dstat = 0, cstat = 0;
	uint16_t residual = 0;
	bool last_tic = false;
	s->ssch_count++;
	for (unsigned i = 0; i < CSS_MAX_CCWS; i++) {
		struct ccw1 ccw;
		if (!fetch_ccw(mem, cpa, fmt1, &ccw)) {
			cstat |= CSTAT_PROGRAM_CHECK;
			break;
		}
		if ((ccw.cmd & CCW_CMD_TIC_MASK) == CCW_CMD_TIC) {
			if (last_tic) {
				cstat |= CSTAT_PROGRAM_CHECK;
				break;
			}
			last_tic = true;
			cpa = ccw.cda;
			continue;
		}
		last_tic = false;
		/* A command code with 0000 in bits 4-7 is invalid: a program check, found when
		 * the CCW is fetched, before any suspension (PoP ch. 15, "Command Code"; QEMU's
		 * css_interpret_ccw checks it first too). */
		if (!(ccw.cmd & CCW_CMD_TIC_MASK)) {
			cpa += CCW_SIZE;
			cstat |= CSTAT_PROGRAM_CHECK;
			break;
		}
		if ((ccw.flags & CCW_FLAG_SUSPEND) && s->may_suspend) {
			suspend(s, cpa);
			return;
		}
		cpa += CCW_SIZE;
		if ((ccw.flags & (CCW_FLAG_CD | CCW_FLAG_IDA | CCW_FLAG_SUSPEND)) ||
		    (!ccw.count && ccw.cmd != CCW_CMD_NOOP)) {
			cstat |= CSTAT_PROGRAM_CHECK;
			break;
		}
		dstat |= run_command(s, &ccw, mem, &residual, &cstat);
		if (dstat || cstat || !(ccw.flags & CCW_FLAG_CC))
			break;
	}
	s->scsw_cpa = cpa;
	s->count = residual;
	s->dstat = dstat | DSTAT_CHANNEL_END | DSTAT_DEVICE_END;
	s->cstat = cstat;
	end_start(s, SCSW_CTRL_STCTL_PRIMARY | SCSW_CTRL_STCTL_SECONDARY, 0);
}

int css_ssch(struct css *css, uint32_t sid, const uint8_t orb[ORB_SIZE], const struct css_mem *mem)
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	uint16_t ctrl0 = get16(orb + 4);
	uint8_t lpm = orb[6], ctrl1 = orb[7];
	uint32_t cpa = get32(orb + 8);
	if ((ctrl0 & ORB_CTRL0_INVALID) || (ctrl1 & ORB_CTRL1_INVALID) || (cpa & 0x80000000u))
		return -PGM_OPERAND;
	if (!(s->flags & PMCW_FLAGS_ENA))
		return 3;
	if (status_pending(s))
		return 1;
	if (s->scsw_ctrl & SCSW_CTRL_FCTL)
		return 2;
	s->intparm = get32(orb);
	s->lpm = lpm;
	s->dstat = s->cstat = 0;
	s->count = 0;
	uint8_t usable = lpm & s->pam & s->pim & s->pom;
	if (!usable) {
		/* No path: the start function ends at once with deferred condition code 3. */
		s->lpum = 0;
		end_start(s, SCSW_CTRL_STCTL_ALERT, 3);
		return 0;
	}
	uint8_t path = 0x80;
	while (!(usable & path))
		path >>= 1;
	s->lpum = path;
	s->fmt1 = ctrl0 & ORB_CTRL0_FMT;
	s->may_suspend = ctrl0 & ORB_CTRL0_SPND;
	run_channel_program(s, cpa, s->fmt1, mem);
	return 0;
}

int css_rsch(struct css *css, uint32_t sid, const struct css_mem *mem)
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	if (status_pending(s))
		return 1;
	if (!(s->scsw_ctrl & SCSW_CTRL_ACTL_SUSPENDED))
		return 2; /* no start function, or not suspended */
	run_channel_program(s, s->resume_cpa, s->fmt1, mem);
	return 0;
}

int css_tsch(struct css *css, uint32_t sid, uint8_t irb[IRB_SIZE])
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	memset(irb, 0, IRB_SIZE);
	marshal_scsw(s, irb);
	if (!status_pending(s))
		return 1;
	if (s->dstat & DSTAT_UNIT_CHECK)
		memcpy(irb + 12 + 20, s->sense, 32);
	s->scsw_ctrl = 0;
	s->scsw_flags = 0;
	set_int_pending(s, false);
	return 0;
}

int css_csch(struct css *css, uint32_t sid)
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	s->scsw_flags = 0;
	s->scsw_ctrl = SCSW_CTRL_FCTL_CLEAR | SCSW_CTRL_STCTL_PENDING;
	s->dstat = s->cstat = 0;
	set_int_pending(s, true);
	return 0;
}

int css_hsch(struct css *css, uint32_t sid)
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	if (status_pending(s))
		return 1;
	s->scsw_ctrl = SCSW_CTRL_FCTL_HALT | SCSW_CTRL_STCTL_PENDING;
	set_int_pending(s, true);
	return 0;
}

/* CANCEL SUBCHANNEL: programs run at once or suspend, none is ever waiting to start. */
int css_xsch(struct css *css, uint32_t sid)
{
	int rc;
	struct subchannel *s = lookup(css, sid, &rc);
	if (!s)
		return rc;
	return status_pending(s) ? 1 : 2;
}

int css_stcrw(struct css *css, uint32_t *crw)
{
	if (!css->nr_crws) {
		*crw = 0;
		return 1;
	}
	*crw = css->crws[0];
	memmove(css->crws, css->crws + 1, (css->nr_crws - 1) * sizeof(css->crws[0]));
	css->nr_crws--;
	return 0;
}

bool css_set_crw_queue_depth(struct css *css, unsigned depth)
{
	/* Below the CRWs already queued the queue would be over-full: queue_crw's full check
	 * would never fire again and the array would overflow. */
	if (depth < 1 || depth > CSS_MAX_CRWS || depth < css->nr_crws)
		return false;
	css->crw_depth = depth;
	return true;
}

bool css_crw_pending(const struct css *css)
{
	return css->nr_crws != 0;
}

static void queue_crw(struct css *css, uint32_t crw)
{
	/* A CRW that finds the queue full is lost; the next one queued says so (R bit). */
	if (css->nr_crws >= css->crw_depth) {
		css->crw_lost = true;
		return;
	}
	if (css->crw_lost) {
		crw |= CRW_OVERFLOW;
		css->crw_lost = false;
	}
	css->crws[css->nr_crws++] = crw;
}

/* What each kind of channel-path event does to a subchannel using the path, and the
 * CRW it queues (vfio_ccw_chp_event(): CHP_VARY_OFF/ON change opm and lpm only;
 * CHP_ONLINE sets lpm where opm has the path; CHP_OFFLINE/ONLINE queue CRW_RSC_CPATH
 * with CRW_ERC_PERRN / CRW_ERC_INIT, the codes chp_process_crw() in
 * drivers/s390/cio/chp.c takes as "path has gone" / "has come"). */
#define CHP_MASK_PAM 1u
#define CHP_MASK_POM 2u
#define CHP_MASK_LPM 4u
#define CHP_MASK_LPM_IF_POM 8u  /* LPM, only where the POM bit is one */
#define CHP_NO_CRW 0xff

static const struct chp_event_rule {
	unsigned masks;   /* CHP_MASK_*: the PMCW masks the event changes */
	bool set;         /* the path's bit becomes one (else zero) */
	bool online;      /* the path is there afterwards */
	uint8_t erc;      /* error-recovery code of the CRW, or CHP_NO_CRW */
} chp_event_rules[CHP_EVENT_KINDS] = {
	[CHP_VARY_OFF] = { CHP_MASK_POM | CHP_MASK_LPM, false, true, CHP_NO_CRW },
	[CHP_VARY_ON]  = { CHP_MASK_POM | CHP_MASK_LPM, true, true, CHP_NO_CRW },
	[CHP_OFFLINE]  = { CHP_MASK_PAM, false, false, CRW_ERC_PERRN },
	[CHP_ONLINE]   = { CHP_MASK_PAM | CHP_MASK_LPM_IF_POM, true, true, CRW_ERC_INIT },
};

static void change_mask(uint8_t *m, uint8_t bit, bool set)
{
	*m = set ? (uint8_t)(*m | bit) : (uint8_t)(*m & ~bit);
}

bool css_chp_event(struct css *css, uint8_t chpid, enum chp_event_kind kind)
{
	if (kind >= CHP_EVENT_KINDS || !css_chp_installed(css, chpid))
		return false;
	const struct chp_event_rule *r = &chp_event_rules[kind];
	for (unsigned i = 0; i < CSS_NR_SUBCHANNELS; i++) {
		struct subchannel *s = &css->sch[i];
		for (unsigned p = 0; p < CSS_PATHS_PER_SUBCHANNEL; p++) {
			uint8_t bit = 0x80 >> p;
			if (!(s->pim & bit) || s->chpid[p] != chpid)
				continue;
			if (r->masks & CHP_MASK_PAM)
				change_mask(&s->pam, bit, r->set);
			if (r->masks & CHP_MASK_POM)
				change_mask(&s->pom, bit, r->set);
			if ((r->masks & CHP_MASK_LPM) ||
			    ((r->masks & CHP_MASK_LPM_IF_POM) && (s->pom & bit)))
				change_mask(&s->lpm, bit, r->set);
		}
	}
	change_mask(&css->chp_online[chpid / 8], 0x80 >> (chpid % 8), r->online);
	if (r->erc != CHP_NO_CRW)
		queue_crw(css, CRW_MAKE(CRW_RSC_CHANNEL_PATH, r->erc, chpid));
	return true;
}

static bool io_candidate(const struct subchannel *s, uint8_t isc_mask)
{
	unsigned isc = (s->flags & PMCW_FLAGS_ISC) >> PMCW_ISC_SHIFT;
	return int_pending(s) && (s->flags & PMCW_FLAGS_ENA) && (isc_mask & (0x80 >> isc));
}

bool css_io_interrupt_pending(const struct css *css, uint8_t isc_mask)
{
	for (unsigned i = 0; i < CSS_NR_SUBCHANNELS; i++)
		if (io_candidate(&css->sch[i], isc_mask))
			return true;
	return false;
}

bool css_take_io_interrupt(struct css *css, uint8_t isc_mask, uint32_t *sid, uint32_t *intparm,
			   uint32_t *int_word)
{
	for (unsigned i = 0; i < CSS_NR_SUBCHANNELS; i++) {
		struct subchannel *s = &css->sch[i];
		if (!io_candidate(s, isc_mask))
			continue;
		unsigned isc = (s->flags & PMCW_FLAGS_ISC) >> PMCW_ISC_SHIFT;
		*sid = SID_ONE | i;
		*intparm = s->intparm;
		*int_word = (uint32_t)isc << IO_INT_WORD_ISC_SHIFT;
		set_int_pending(s, false);
		return true;
	}
	return false;
}

bool css_chp_installed(const struct css *css, uint8_t chpid)
{
	for (unsigned i = 0; i < CSS_NR_SUBCHANNELS; i++)
		for (unsigned p = 0; p < CSS_PATHS_PER_SUBCHANNEL; p++)
			if ((css->sch[i].pim & (0x80 >> p)) && css->sch[i].chpid[p] == chpid)
				return true;
	return false;
}

#define CHSC_MIN_RESP_LEN 8
#define CHP_DESC_FMT0_SIZE 8
#define CHP_DESC_FMT1_SIZE 32

/* Store Channel-Path Description, as QEMU answers it: one descriptor per installed
 * CHPID in [first, last] (valid flag, type, CHPID). A varied-off path stays installed. */
static uint16_t chsc_scpd(const struct css *css, const uint8_t *req, uint8_t *resp)
{
	uint32_t param0 = get32(req + 4), param1 = get32(req + 8);
	unsigned rfmt = (param0 >> 8) & 0xf;
	if (rfmt <= 1)
		rfmt = !!(param0 & 0x10000000);
	uint8_t first = param0 & 0xff, last = param1 & 0xff;
	put32(resp + 4, rfmt);
	if (get16(req) != 0x10 || rfmt > 1 || (param0 & 0xc000f000) || (param1 & 0xffffff00) ||
	    last < first)
		return CHSC_RESP_INVALID_REQ;
	if (param0 & 0x0fff0000)
		return 0x0007; /* another channel subsystem: not installed */
	unsigned size = rfmt ? CHP_DESC_FMT1_SIZE : CHP_DESC_FMT0_SIZE, n = 0;
	for (unsigned chp = first; chp <= last; chp++) {
		if (!css_chp_installed(css, (uint8_t)chp))
			continue;
		uint8_t *d = resp + 8 + n++ * size;
		d[0] = 0x80;
		d[2] = CSS_CHPID_TYPE;
		d[3] = (uint8_t)chp;
	}
	put16(resp, (uint16_t)(8 + n * size));
	return CHSC_RESP_OK;
}

/* CHSC: Store Channel-Path Description and Store Channel-Subsystem Characteristics
 * (which reports no characteristics); other commands answer "not supported". */
int css_chsc(struct css *css, uint8_t area[4096])
{
	uint16_t len = get16(area), code = get16(area + 2);
	if (len < 16 || len > 4096 - 8 || (len & 7))
		return -PGM_OPERAND;
	uint8_t *resp = area + len;
	memset(resp, 0, 4096 - len);
	uint16_t rc;
	switch (code) {
	case CHSC_CMD_STORE_CHP_DESC:
		rc = chsc_scpd(css, area, resp);
		break;
	case CHSC_CMD_STORE_CSS_CHARS:
		put16(resp, 4096 - len < 0x200 ? (uint16_t)(4096 - len) : 0x200);
		rc = CHSC_RESP_OK;
		break;
	default:
		rc = CHSC_RESP_NOT_SUPPORTED;
		break;
	}
	if (rc != CHSC_RESP_OK)
		put16(resp, CHSC_MIN_RESP_LEN);
	put16(resp + 2, rc);
	return 0;
}
