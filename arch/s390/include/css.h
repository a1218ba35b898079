/* The virtual channel subsystem testvisor gives its guests: subchannels of simple
 * devices behind channel paths that can be varied off and on, the channel-report-word
 * queue, and the subchannel instructions' semantics. Pure logic (guest memory through
 * callbacks, control blocks marshalled as big-endian bytes), unit-tested on the host. */
#ifndef CSS_H
#define CSS_H

#include <stdbool.h>
#include <stdint.h>

#define CSS_NR_SUBCHANNELS 2
#define CSS_PATHS_PER_SUBCHANNEL 2
#define CSS_MAX_CRWS 8
#define SCHIB_SIZE 52
#define ORB_SIZE 32
#define IRB_SIZE 96
#define CCW_SIZE 8
#define CSS_MAX_CCWS 64   /* longest channel program run before a program check */

/* Guest memory seen by the channel subsystem (absolute addresses). */
struct css_mem {
	bool (*read)(void *ctx, uint64_t addr, void *dst, uint32_t len);
	bool (*write)(void *ctx, uint64_t addr, const void *src, uint32_t len);
	void *ctx;
};

struct subchannel {
	/* PMCW */
	uint32_t intparm;
	uint16_t flags;        /* PMCW_FLAGS_* */
	uint16_t devno;
	uint8_t lpm, pnom, lpum, pim, pom, pam;
	uint8_t chpid[8];
	/* SCSW */
	uint16_t scsw_flags, scsw_ctrl;
	uint32_t scsw_cpa;
	uint8_t dstat, cstat;
	uint16_t count;
	uint8_t sense[32];     /* sense bytes after a unit check */
	/* A suspended channel program (S flag with the ORB's suspend control): where it goes
	 * on at RESUME SUBCHANNEL, its CCW format, and whether it may suspend. */
	uint32_t resume_cpa;
	bool fmt1, may_suspend;
	bool io_pending;       /* I/O interruption not yet presented */
	uint64_t ssch_count;   /* channel programs run (for the bench and reports) */
};

struct css {
	struct subchannel sch[CSS_NR_SUBCHANNELS];
	uint8_t chp_online[256 / 8];  /* channel paths physically there (not offline) */
	uint32_t crws[CSS_MAX_CRWS];
	unsigned nr_crws;
	unsigned crw_depth;     /* how many CRWs the queue holds (config crw_queue_depth) */
	bool crw_lost;          /* the next CRW queued carries the overflow flag */
};

void css_init(struct css *css);

/* Subchannel instructions. `sid` is GPR 1. They return the condition code (0..3), or a
 * negative program-interruption code (-PGM_OPERAND, -PGM_SPECIFICATION...). */
int css_stsch(struct css *css, uint32_t sid, uint8_t schib[SCHIB_SIZE]);
int css_msch(struct css *css, uint32_t sid, const uint8_t schib[SCHIB_SIZE]);
int css_ssch(struct css *css, uint32_t sid, const uint8_t orb[ORB_SIZE], const struct css_mem *mem);
int css_tsch(struct css *css, uint32_t sid, uint8_t irb[IRB_SIZE]);
int css_csch(struct css *css, uint32_t sid);
int css_hsch(struct css *css, uint32_t sid);
/* RESUME SUBCHANNEL: a suspended program goes on at its suspended CCW (cc 0). */
int css_rsch(struct css *css, uint32_t sid, const struct css_mem *mem);
int css_xsch(struct css *css, uint32_t sid);
/* The CRW queue's depth, 1..CSS_MAX_CRWS (a model-dependent number: an assumption,
 * docs/s390.md); false for a depth out of range or below the CRWs already queued. */
bool css_set_crw_queue_depth(struct css *css, unsigned depth);
/* STCRW: stores the oldest CRW (cc 0) or zero (cc 1). */
int css_stcrw(struct css *css, uint32_t *crw);
/* CHSC: `area` holds the request block and receives the response (4 KiB). */
int css_chsc(struct css *css, uint8_t area[4096]);

/* Whether a subchannel is status pending for an interruption whose ISC is enabled in
 * `isc_mask` (bit 7 - isc); if so fills the I/O interruption code and clears the
 * pending interruption the way TPI / an I/O interruption does (the status stays). */
bool css_take_io_interrupt(struct css *css, uint8_t isc_mask, uint32_t *sid, uint32_t *intparm,
			   uint32_t *int_word);
bool css_io_interrupt_pending(const struct css *css, uint8_t isc_mask);

/* Channel-path events, the four kinds Linux's vfio-ccw tells apart
 * (drivers/s390/cio/vfio_ccw_drv.c, vfio_ccw_chp_event()): a logical vary changes the
 * operational and logical path masks (POM, LPM) and reports nothing; a path going or
 * coming changes the path-available mask (PAM) and queues a channel-path CRW. */
enum chp_event_kind { CHP_VARY_OFF, CHP_VARY_ON, CHP_OFFLINE, CHP_ONLINE, CHP_EVENT_KINDS };

/* Plays one event on every subchannel using `chpid`. Returns false (and changes
 * nothing) for a channel path no subchannel uses. */
bool css_chp_event(struct css *css, uint8_t chpid, enum chp_event_kind kind);
bool css_crw_pending(const struct css *css);
/* Whether a subchannel has the channel path installed (in its PIM). */
bool css_chp_installed(const struct css *css, uint8_t chpid);

#endif
