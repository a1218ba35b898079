/* testvisor's own console: SCLP Write Event Data, one service call per line, and Read
 * SCP Info for the memory size. The event type is chosen once from the SCLP's receive
 * mask (Write Event Mask): ASCII VT220 events (0x1a) where the SCLP takes them (QEMU),
 * else line-mode message events (type 2, EBCDIC text: Hercules prints only those).
 * Each call's completion is taken as the service-signal external interruption it
 * raises: an SCLP that keeps it pending refuses the next call as busy (cc 2). */
#include <hv/arch_if.h>
#include <sclp_defs.h>
#include <s390_cpu.h>
#include <string.h>
#include "s390_host.h"
#include "sclp_event.h"

#define LC_SCLP_WAIT 0x309 /* entry.S: 1 = waiting for a service signal, 2 = taken */

/* The SCCB must be page aligned and below 2 GiB (the BSS is). */
static uint8_t sccb_page[4096] __attribute__((aligned(4096)));
static char line[256];
static size_t line_len;
static enum { CONSOLE_UNKNOWN, CONSOLE_VT220, CONSOLE_MESSAGE } console_kind;

/* Enables only the service-signal subclass and external interruptions until the
 * interruption of the call just made arrives (entry.S takes it and disables again). */
static void take_service_signal(void)
{
	volatile uint8_t *flag = &lowcore[LC_SCLP_WAIT];
	uint64_t cr0 = stctg(0);
	uint8_t mask;
	*flag = 1;
	lctlg0(CR0_SERVICE_SIGNAL);
	asm volatile("stosm %0,0x01" : "=Q"(mask) : : "memory");
	for (int spin = 0; spin < 1000000 && *flag == 1; spin++)
		asm volatile("" : : : "memory");
	asm volatile("stnsm %0,0xfe" : "=Q"(mask) : : "memory");
	*flag = 0;
	lctlg0(cr0);
}

/* Runs one SCLP command on sccb_page; returns the response code (0 if it never ran). */
static uint16_t sclp_call(uint32_t cmd)
{
	struct sccb_header *h = (struct sccb_header *)sccb_page;
	int cc = 2;
	for (int tries = 0; tries < 1000000 && cc == 2; tries++)
		cc = servc(cmd, (uint64_t)(uintptr_t)sccb_page);
	if (cc != 0)
		return 0;
	for (int spin = 0; spin < 10000000 && !h->response_code; spin++)
		asm volatile("" : : : "memory");
	take_service_signal();
	return h->response_code;
}

static void choose_console(void)
{
	struct sclp_event_mask4 *m = (struct sclp_event_mask4 *)sccb_page;
	memset(sccb_page, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = 4;
	m->cp_send_mask = SCLP_EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE) |
			  SCLP_EVENT_MASK(SCLP_EVENT_MESSAGE);
	console_kind = CONSOLE_VT220;
	if (sclp_call(SCLP_CMD_WRITE_EVENT_MASK) == SCLP_RC_NORMAL_COMPLETION &&
	    sclp_console_uses_messages(m->sclp_receive_mask))
		console_kind = CONSOLE_MESSAGE;
}

/* Builds the event buffer of one line after the SCCB header; returns its length. */
static size_t put_event(struct evbuf_header *ev, const char *s, size_t n)
{
	if (console_kind == CONSOLE_MESSAGE)
		return sclp_message_event((uint8_t *)ev, s, n);
	ev->type = SCLP_EVENT_ASCII_CONSOLE;
	memcpy(ev + 1, s, n);
	return sizeof(*ev) + n;
}

static void sclp_write(const char *s, size_t n)
{
	if (console_kind == CONSOLE_UNKNOWN)
		choose_console();
	struct sccb_header *h = (struct sccb_header *)sccb_page;
	struct evbuf_header *ev = (struct evbuf_header *)(h + 1);
	memset(sccb_page, 0, 64 + 2 * n);
	ev->length = (uint16_t)put_event(ev, s, n);
	h->length = sizeof(*h) + ev->length;
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

/* The first CPU entry's feature byte, kept from Read SCP Info (virt.c: SIE probe). */
static uint8_t cpu_features;

uint8_t s390_sclp_cpu_features(void) { return cpu_features; }

/* Forced Read SCP Info first (QEMU); an SCLP that refuses it (Hercules: invalid
 * command) answers the plain one. */
uint64_t s390_sclp_memory_size(void)
{
	static const uint32_t cmds[] = { SCLP_CMD_READ_SCP_INFO_FORCED, SCLP_CMD_READ_SCP_INFO };
	for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		memset(sccb_page, 0, sizeof(sccb_page));
		struct read_scp_info *ri = (struct read_scp_info *)sccb_page;
		ri->h.length = sizeof(sccb_page);
		if (sclp_call(cmds[i]) != SCLP_RC_NORMAL_READ_COMPLETION)
			continue;
		if (ri->offset_cpu && ri->offset_cpu < sizeof(sccb_page) - 16)
			cpu_features = sccb_page[ri->offset_cpu + SCLP_CPU_ENTRY_FEATURES];
		uint64_t incr = ri->rnsize ? ri->rnsize : ri->rnsize2;
		uint64_t nr = ri->rnmax ? ri->rnmax : ri->rnmax2;
		return incr * nr << 20;
	}
	return 0;
}
