/* SCLP (service-call logical processor) control blocks: the SCCB header, Read SCP Info
 * and event buffers, as QEMU and the Linux sclp driver lay them out. Big endian. */
#ifndef SCLP_DEFS_H
#define SCLP_DEFS_H

#include <stdint.h>

#define SCLP_CMD_READ_SCP_INFO        0x00020001u
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001u
#define SCLP_CMD_WRITE_EVENT_DATA     0x00760005u
#define SCLP_CMD_READ_EVENT_DATA      0x00770005u
#define SCLP_CMD_WRITE_EVENT_MASK     0x00780005u

#define SCLP_RC_NORMAL_READ_COMPLETION 0x0010 /* Read SCP Info */
#define SCLP_RC_NORMAL_COMPLETION     0x0020 /* event writes and masks */
#define SCLP_RC_INVALID_SCCB_BOUNDARY 0x0100
#define SCLP_RC_INSUFFICIENT_SCCB_LENGTH 0x0300
#define SCLP_RC_INVALID_FUNCTION      0x40f0
#define SCLP_RC_INVALID_COMMAND       0x01f0
#define SCLP_RC_NO_EVENT_BUFFERS      0x60f0
#define SCLP_RC_EVENT_BUFFER_SYNTAX   0x62f0
#define SCLP_RC_INCONSISTENT_LENGTHS  0x74f0

#define SCLP_EVENT_ASCII_CONSOLE      0x1a  /* VT220 console data */
#define SCLP_EVENT_MESSAGE            0x02  /* line-mode message */

struct sccb_header {
	uint16_t length;
	uint8_t function_code;
	uint8_t control_mask[3];
	uint16_t response_code;
} __attribute__((packed));

struct evbuf_header {
	uint16_t length;
	uint8_t type;
	uint8_t flags;
	uint16_t reserved;
} __attribute__((packed));

struct read_scp_info {
	struct sccb_header h;
	uint16_t rnmax;        /* 8: number of storage increments (0: see rnmax2) */
	uint8_t rnsize;        /* 10: increment size in MiB (0: see rnsize2) */
	uint8_t reserved0[5];
	uint16_t entries_cpu;  /* 16 */
	uint16_t offset_cpu;   /* 18 */
	uint8_t reserved1[80];
	uint32_t rnsize2;      /* 100 */
	uint64_t rnmax2;       /* 104 */
	uint8_t reserved2[8];
	uint16_t highest_cpu;  /* 120 */
	uint8_t reserved3[22];
} __attribute__((packed));

struct sclp_cpu_entry {
	uint8_t address;
	uint8_t reserved0[15];
} __attribute__((packed));

#define SCLP_SCP_INFO_CPU_OFFSET 144
/* Byte 2 of a CPU entry: installed CPU features; 0x08 is the SIE facility (Linux
 * drivers/s390/char/sclp_early.c / struct sclp_core_entry: sief2). */
#define SCLP_CPU_ENTRY_FEATURES 2
#define SCLP_CPU_FEAT_SIEF2     0x08

/* Write Event Mask with 4-byte masks: the control program's receive and send masks,
 * then the SCLP's (its receive mask = the events it accepts from the control program).
 * Event type t is mask bit t-1, counted from the left (Linux sclp.h EVTYP_*_MASK). */
struct sclp_event_mask4 {
	struct sccb_header h;
	uint16_t reserved;
	uint16_t mask_length;
	uint32_t cp_receive_mask;
	uint32_t cp_send_mask;
	uint32_t sclp_receive_mask;
	uint32_t sclp_send_mask;
} __attribute__((packed));
#define SCLP_EVENT_MASK(type) (0x80000000u >> ((type) - 1))

/* A message event (type 2) holds a message data block (MDB) of objects; a message text
 * object (MTO) carries one line of EBCDIC text (Linux drivers/s390/char/sclp_rw.h). */
struct sclp_mdb_header {
	uint16_t length;
	uint16_t type;          /* 1 */
	uint32_t tag;           /* "MDB " in EBCDIC */
	uint32_t revision_code; /* 1 */
} __attribute__((packed));
#define SCLP_MDB_TYPE 0x0001
#define SCLP_MDB_TAG  0xd4c4c240u

struct sclp_mto {
	uint16_t length;
	uint16_t type;            /* 4: message text */
	uint16_t line_type_flags; /* 0x1000: end of text */
	uint8_t alarm_control;
	uint8_t reserved[3];
} __attribute__((packed));
#define SCLP_MTO_TYPE 0x0004
#define SCLP_MTO_END_TEXT 0x1000

/* External-interruption code of a service signal (PoP ch. 6). */
#define SCLP_EXT_SERVICE_SIGNAL 0x2401

#endif
