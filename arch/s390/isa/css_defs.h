/* Channel-subsystem control blocks (PMCW, SCHIB, SCSW, ORB, CCW, IRB, CRW) and the bit
 * values the Principles of Operation defines for them. Big endian, packed. */
#ifndef CSS_DEFS_H
#define CSS_DEFS_H

#include <stdint.h>

struct pmcw {
	uint32_t intparm;
	uint16_t flags;
	uint16_t devno;
	uint8_t lpm, pnom, lpum, pim;
	uint16_t mbi;
	uint8_t pom, pam;
	uint8_t chpid[8];
	uint32_t chars;
} __attribute__((packed));

#define PMCW_FLAGS_QF   0x8000
#define PMCW_FLAGS_W    0x4000
#define PMCW_FLAGS_ISC  0x3800
#define PMCW_ISC_SHIFT  11
#define PMCW_FLAGS_ENA  0x0080
#define PMCW_FLAGS_LM   0x0060
#define PMCW_FLAGS_MME  0x0018
#define PMCW_FLAGS_MP   0x0004
#define PMCW_FLAGS_TF   0x0002
#define PMCW_FLAGS_DNV  0x0001
/* Bits of the PMCW flags that MSCH may change; others must be zero in the operand. */
#define PMCW_FLAGS_MODIFIABLE (PMCW_FLAGS_ISC | PMCW_FLAGS_ENA | PMCW_FLAGS_LM | \
			       PMCW_FLAGS_MME | PMCW_FLAGS_MP)

struct scsw {
	uint16_t flags;
	uint16_t ctrl;
	uint32_t cpa;
	uint8_t dstat, cstat;
	uint16_t count;
} __attribute__((packed));

#define SCSW_FLAGS_KEY   0xf000
#define SCSW_FLAGS_CC    0x0300
#define SCSW_CC_SHIFT    8
#define SCSW_FLAGS_FMT   0x0080
#define SCSW_CTRL_FCTL_START 0x4000
#define SCSW_CTRL_FCTL_HALT  0x2000
#define SCSW_CTRL_FCTL_CLEAR 0x1000
#define SCSW_CTRL_FCTL   0x7000
#define SCSW_CTRL_ACTL   0x0fe0
#define SCSW_CTRL_STCTL_ALERT   0x0010
#define SCSW_CTRL_STCTL_INTERM  0x0008
#define SCSW_CTRL_STCTL_PRIMARY 0x0004
#define SCSW_CTRL_STCTL_SECONDARY 0x0002
#define SCSW_CTRL_STCTL_PENDING 0x0001
#define SCSW_CTRL_STCTL  0x001f
#define DSTAT_ATTENTION  0x80
#define DSTAT_CHANNEL_END 0x08
#define DSTAT_DEVICE_END 0x04
#define DSTAT_UNIT_CHECK 0x02
#define CSTAT_PROGRAM_CHECK 0x20
#define CSTAT_PROTECTION_CHECK 0x10
#define CSTAT_INCORRECT_LENGTH 0x40

struct schib {
	struct pmcw pmcw;
	struct scsw scsw;
	uint64_t mba;
	uint8_t mda[4];
} __attribute__((packed));

struct orb {
	uint32_t intparm;
	uint16_t ctrl0;
	uint8_t lpm;
	uint8_t ctrl1;
	uint32_t cpa;
	uint8_t reserved[20];
} __attribute__((packed));

#define ORB_CTRL0_KEY    0xf000
#define ORB_CTRL0_SPND   0x0800
#define ORB_CTRL0_FMT    0x0080  /* format-1 CCWs */
#define ORB_CTRL0_PFCH   0x0040
#define ORB_CTRL0_ISIC   0x0020
#define ORB_CTRL0_ALCC   0x0010
#define ORB_CTRL0_SSIC   0x0008
#define ORB_CTRL0_RESERVED 0x0007

struct ccw1 {
	uint8_t cmd;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
} __attribute__((packed));

#define CCW_FLAG_CD  0x80
#define CCW_FLAG_CC  0x40
#define CCW_FLAG_SLI 0x20
#define CCW_FLAG_SKIP 0x10
#define CCW_FLAG_PCI 0x08
#define CCW_FLAG_IDA 0x04
#define CCW_FLAG_SUSPEND 0x02

#define CCW_CMD_NOOP     0x03
#define CCW_CMD_SENSE    0x04
#define CCW_CMD_SENSE_ID 0xe4

struct irb {
	struct scsw scsw;
	uint8_t esw[20];
	uint8_t ecw[32];
	uint8_t emw[32];
} __attribute__((packed));

/* Channel report word */
#define CRW_SOLICITED  0x40000000u
#define CRW_OVERFLOW   0x20000000u
#define CRW_CHAINED    0x10000000u
#define CRW_RSC_SHIFT  24
#define CRW_RSC_MASK   0x0f000000u
#define CRW_ANCILLARY  0x00800000u
#define CRW_ERC_SHIFT  16
#define CRW_ERC_MASK   0x003f0000u
#define CRW_RSID_MASK  0x0000ffffu
#define CRW_RSC_SUBCHANNEL 0x3
#define CRW_RSC_CHANNEL_PATH 0x4
#define CRW_ERC_EVENT  0x00
#define CRW_ERC_AVAILABLE 0x01
#define CRW_ERC_INIT   0x02   /* initialized: a channel path has come */
#define CRW_ERC_IPARM  0x04   /* installed parameters initialized */
#define CRW_ERC_PERRN  0x06   /* permanent error, facility not initialized: path has gone */
#define CRW_MAKE(rsc, erc, rsid) (((uint32_t)(rsc) << CRW_RSC_SHIFT) | \
				  ((uint32_t)(erc) << CRW_ERC_SHIFT) | ((rsid) & 0xffffu))

/* Channel-path type of virtual channel paths (QEMU's virtio-ccw and testvisor's). */
#define CSS_CHPID_TYPE 0x32

/* Subsystem-identification word (GPR 1 of the subchannel instructions) */
#define SID_ONE        0x00010000u  /* must be one */
#define SID_SSID_MASK  0x00060000u
#define SID_SCHNO_MASK 0x0000ffffu

/* I/O interruption code: subsystem id, interruption parameter, interruption word. */
#define IO_INT_WORD_ISC_SHIFT 27

/* Sense-ID data of the testvisor virtual device (control unit 0x3832: virtio-ccw's). */
struct senseid {
	uint8_t reserved;
	uint16_t cu_type;
	uint8_t cu_model;
	uint16_t dev_type;
	uint8_t dev_model;
	uint8_t unused;
} __attribute__((packed));

/* CHSC request/response headers */
struct chsc_header {
	uint16_t length;
	uint16_t code;
} __attribute__((packed));
#define CHSC_CMD_STORE_CHP_DESC        0x0002
#define CHSC_CMD_STORE_SUBCHANNEL_DESC 0x0004
#define CHSC_CMD_STORE_CSS_CHARS       0x0010
#define CHSC_RESP_OK           0x0001
#define CHSC_RESP_INVALID_REQ  0x0003
#define CHSC_RESP_NOT_SUPPORTED 0x0004

#endif
