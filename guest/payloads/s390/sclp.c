/* sclp (s390x): the service-call logical processor a guest talks to: Read SCP Info
 * (memory size, checked against what is really addressable), Write Event Data, Write
 * Event Mask, and the response codes and program exceptions for bad SCCBs. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include <sclp_defs.h>
#include "s390.h"
#include "trap.h"

static uint8_t page[2][4096] __attribute__((aligned(4096)));

static uint16_t call(uint32_t cmd, void *sccb, uint16_t len, int *cc)
{
	struct sccb_header *h = sccb;
	h->length = len;
	h->response_code = 0;
	*cc = servc(cmd, sccb);
	return h->response_code;
}

static uint64_t test_read_info(void)
{
	report_prefix_push("read-info");
	memset(page[0], 0, sizeof(page[0]));
	int cc;
	uint16_t rc = call(SCLP_CMD_READ_SCP_INFO, page[0], 4096, &cc);
	report(cc == 0 && rc == SCLP_RC_NORMAL_READ_COMPLETION, "Read SCP Info: cc %d, response 0x%04x", cc, rc);
	struct read_scp_info *ri = (struct read_scp_info *)page[0];
	uint64_t incr = ri->rnsize ? ri->rnsize : ri->rnsize2;
	uint64_t nr = ri->rnmax ? ri->rnmax : ri->rnmax2;
	uint64_t mem = incr * nr << 20;
	report(mem >= (16ULL << 20), "memory size reported (at least 16 MiB)");
	report_info("memory: %lu MiB", (unsigned long)(mem >> 20));
	const struct sclp_cpu_entry *cpu = (const void *)(page[0] + ri->offset_cpu);
	report(ri->entries_cpu >= 1 && ri->offset_cpu >= 16 && ri->offset_cpu < 4096 - 16 &&
	       cpu->address == 0, "one CPU entry or more, the first for CPU address 0");
	/* The reported size is what is addressable: its last byte reads, the next faults. */
	volatile uint8_t *last = (volatile uint8_t *)(uintptr_t)(mem - 1);
	pgm_expect_begin();
	(void)*last;
	report(pgm_expect_end() == 0, "the last byte of reported memory is addressable");
	pgm_expect_begin();
	(void)*(last + 1);
	uint16_t code = pgm_expect_end();
	report(code == PGM_ADDRESSING, "the first byte beyond it is an addressing exception (0x%02x)", code);
	memset(page[0], 0, 16);
	rc = call(SCLP_CMD_READ_SCP_INFO, page[0], 8, &cc);
	report(rc == SCLP_RC_INSUFFICIENT_SCCB_LENGTH, "an 8-byte SCCB: insufficient length (0x%04x)", rc);
	report_prefix_pop();
	return mem;
}

static void test_errors(void)
{
	report_prefix_push("errors");
	int cc;
	memset(page[0], 0, 64);
	uint16_t rc = call(0x00ff0001, page[0], 64, &cc);
	report(cc == 0 && rc == SCLP_RC_INVALID_COMMAND, "unknown command: response 0x%04x", rc);
	/* 4 KiB starting mid-page crosses a page boundary. */
	uint8_t *mid = page[0] + 2048;
	memset(mid, 0, 16);
	rc = call(SCLP_CMD_READ_SCP_INFO, mid, 4096, &cc);
	report(rc == SCLP_RC_INVALID_SCCB_BOUNDARY, "SCCB crossing a page: response 0x%04x", rc);
	pgm_expect_begin();
	servc(SCLP_CMD_READ_SCP_INFO, (void *)0x1000);
	uint16_t code = pgm_expect_end();
	report(code == PGM_SPECIFICATION, "SCCB in the prefix area: specification exception (0x%02x)", code);
	pgm_expect_begin();
	servc(SCLP_CMD_READ_SCP_INFO, page[0] + 4);
	code = pgm_expect_end();
	report(code == PGM_SPECIFICATION, "SCCB not doubleword aligned: specification exception (0x%02x)", code);
	pgm_expect_begin();
	servc(SCLP_CMD_READ_SCP_INFO, (void *)0x80000000UL);
	code = pgm_expect_end();
	report(code == PGM_ADDRESSING, "SCCB beyond memory: addressing exception (0x%02x)", code);
	report_prefix_pop();
}

static void test_events(void)
{
	report_prefix_push("events");
	int cc;
	/* Write Event Mask: 4-byte masks; the SCLP answers with what it accepts. */
	memset(page[1], 0, 64);
	page[1][11] = 4;
	const uint32_t ascii_bit = 1u << (32 - SCLP_EVENT_ASCII_CONSOLE);
	memcpy(page[1] + 12 + 4, &ascii_bit, 4);           /* we send ASCII console data */
	uint16_t rc = call(SCLP_CMD_WRITE_EVENT_MASK, page[1], 12 + 16, &cc);
	report(cc == 0 && rc == SCLP_RC_NORMAL_COMPLETION, "Write Event Mask: response 0x%04x", rc);
	uint32_t sclp_receive;
	memcpy(&sclp_receive, page[1] + 12 + 12, 4);
	report(sclp_receive & ascii_bit, "the SCLP receives ASCII console events");
	memset(page[1], 0, 64);
	rc = call(SCLP_CMD_WRITE_EVENT_MASK, page[1], 12 + 16, &cc);
	report(rc == SCLP_RC_INCONSISTENT_LENGTHS, "mask length 0: inconsistent lengths (0x%04x)", rc);

	/* Write Event Data with an ASCII console buffer: the text reaches the console. */
	const char text[] = "INFO: sclp: written by a raw Write Event Data\n";
	memset(page[1], 0, 64);
	struct evbuf_header *ev = (struct evbuf_header *)(page[1] + sizeof(struct sccb_header));
	ev->length = sizeof(*ev) + sizeof(text) - 1;
	ev->type = SCLP_EVENT_ASCII_CONSOLE;
	memcpy(ev + 1, text, sizeof(text) - 1);
	rc = call(SCLP_CMD_WRITE_EVENT_DATA, page[1], sizeof(struct sccb_header) + ev->length, &cc);
	report(cc == 0 && rc == SCLP_RC_NORMAL_COMPLETION, "Write Event Data: response 0x%04x", rc);
	ev->type = 0x7f;
	rc = call(SCLP_CMD_WRITE_EVENT_DATA, page[1], sizeof(struct sccb_header) + ev->length, &cc);
	report(rc == SCLP_RC_INVALID_FUNCTION, "an event type nobody handles: invalid function (0x%04x)", rc);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("sclp");
	test_read_info();
	test_errors();
	test_events();
	report_prefix_pop();
	return report_summary();
}
