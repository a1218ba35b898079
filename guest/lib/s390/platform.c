/* The s390x payload platform: SCLP console (Write Event Data, ASCII event buffers),
 * exit through a disabled-wait PSW (address 0xfff = success, else the status at bits 4
 * and up, which QEMU -action panic=exit-failure turns into exit 1 and testvisor into the
 * guest's status), the command line from the parameter page. */
#include <libtv.h>
#include <platform.h>
#include <sclp_defs.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

extern char parm_cmdline[];
static uint8_t sccb[4096] __attribute__((aligned(4096)));
#define SCLP_TEXT_MAX (sizeof(sccb) - sizeof(struct sccb_header) - sizeof(struct evbuf_header))

void platform_init(void) { }

const char *platform_cmdline(void) { return parm_cmdline; }
const void *platform_fdt(void) { return NULL; }

/* One Write Event Data call; returns the SCLP response code. */
static uint16_t sclp_write_chunk(const char *buf, size_t len)
{
	struct sccb_header *h = (struct sccb_header *)sccb;
	struct evbuf_header *ev = (struct evbuf_header *)(h + 1);
	memset(sccb, 0, sizeof(*h) + sizeof(*ev));
	h->length = sizeof(*h) + sizeof(*ev) + len;
	ev->length = sizeof(*ev) + len;
	ev->type = SCLP_EVENT_ASCII_CONSOLE;
	memcpy(ev + 1, buf, len);
	if (servc(SCLP_CMD_WRITE_EVENT_DATA, sccb) != 0)
		return 0;
	/* TCG and testvisor complete the call before SERVC ends. */
	return h->response_code;
}

void platform_write(const char *buf, size_t len)
{
	while (len) {
		size_t n = len < SCLP_TEXT_MAX ? len : SCLP_TEXT_MAX;
		sclp_write_chunk(buf, n);
		buf += n;
		len -= n;
	}
}

void platform_putc(char c) { platform_write(&c, 1); }

uint64_t sclp_memory_size(void)
{
	static const uint32_t cmds[] = { SCLP_CMD_READ_SCP_INFO_FORCED, SCLP_CMD_READ_SCP_INFO };
	struct read_scp_info *ri = (struct read_scp_info *)sccb;
	for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		memset(sccb, 0, sizeof(sccb));
		ri->h.length = sizeof(sccb);
		if (servc(cmds[i], sccb) || ri->h.response_code != SCLP_RC_NORMAL_READ_COMPLETION)
			continue;
		uint64_t incr = ri->rnsize ? ri->rnsize : ri->rnsize2;
		uint64_t nr = ri->rnmax ? ri->rnmax : ri->rnmax2;
		return incr * nr << 20;
	}
	return 0;
}

noreturn void platform_exit(int status)
{
	disabled_wait(status == 0 ? WAIT_ADDR_SUCCESS : (uint64_t)(status & 0xffff) << 4);
}

static volatile bool diag_refused;
static bool catch_diag(struct trap_frame *f)
{
	diag_refused = true;
	return true;
}

bool tv_under_testvisor(void)
{
	static int known = -1;
	if (known < 0) {
		diag_refused = false;
		trap_install(PGM_SPECIFICATION, catch_diag);
		uint64_t r = tv_diag_control(TV_CTL_PROBE, 0);
		trap_install(PGM_SPECIFICATION, NULL);
		known = !diag_refused && r == TV_PROBE_MAGIC;
	}
	return known;
}

const char *tv_platform_name(void) { return tv_under_testvisor() ? "testvisor" : "qemu"; }
