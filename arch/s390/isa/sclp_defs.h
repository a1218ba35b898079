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

#endif
