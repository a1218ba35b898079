/* testvisor's own console: SCLP Write Event Data with ASCII (VT220) event buffers, one
 * service call per line, and Read SCP Info for the memory size. */
#include <hv/arch_if.h>
#include <sclp_defs.h>
#include <s390_cpu.h>
#include <string.h>
#include "s390_host.h"

/* The SCCB must be page aligned and below 2 GiB (the BSS is). */
static uint8_t sccb_page[4096] __attribute__((aligned(4096)));
static char line[256];
static size_t line_len;

/* Runs one SCLP command on sccb_page; returns the response code (0 if it never ran). */
static uint16_t sclp_call(uint32_t cmd)
{
	struct sccb_header *h = (struct sccb_header *)sccb_page;
	for (int tries = 0; tries < 1000000; tries++) {
		int cc = servc(cmd, (uint64_t)(uintptr_t)sccb_page);
		if (cc == 0)
			break;
		if (cc == 3)
			return 0;
	}
	/* TCG completes the call synchronously; hardware would signal it later. */
	for (int spin = 0; spin < 10000000 && !h->response_code; spin++)
		asm volatile("" : : : "memory");
	return h->response_code;
}

static void sclp_write(const char *s, size_t n)
{
	memset(sccb_page, 0, sizeof(struct sccb_header) + sizeof(struct evbuf_header) + n);
	struct sccb_header *h = (struct sccb_header *)sccb_page;
	struct evbuf_header *ev = (struct evbuf_header *)(h + 1);
	h->length = sizeof(*h) + sizeof(*ev) + n;
	ev->length = sizeof(*ev) + n;
	ev->type = SCLP_EVENT_ASCII_CONSOLE;
	memcpy(ev + 1, s, n);
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
}

void s390_console_flush(void)
{
	if (line_len)
		sclp_write(line, line_len);
	line_len = 0;
}

void arch_console_putc(char c)
{
	if (c == '\r')
		return;
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		s390_console_flush();
}

uint64_t s390_sclp_memory_size(void)
{
	static const uint32_t cmds[] = { SCLP_CMD_READ_SCP_INFO_FORCED, SCLP_CMD_READ_SCP_INFO };
	for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		memset(sccb_page, 0, sizeof(sccb_page));
		struct read_scp_info *ri = (struct read_scp_info *)sccb_page;
		ri->h.length = sizeof(sccb_page);
		if (sclp_call(cmds[i]) != SCLP_RC_NORMAL_READ_COMPLETION)
			continue;
		uint64_t incr = ri->rnsize ? ri->rnsize : ri->rnsize2;
		uint64_t nr = ri->rnmax ? ri->rnmax : ri->rnmax2;
		return incr * nr << 20;
	}
	return 0;
}
