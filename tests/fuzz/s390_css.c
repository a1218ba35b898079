/* Fuzz target: the virtual channel subsystem (arch/s390/css.c): every subchannel
 * instruction with a guest-written SCHIB, ORB and channel program (CCWs and data in guest
 * memory), CHSC request blocks, I/O interruptions and channel-path events between them.
 * Input: 4 KiB of guest memory at most (the first bytes are also the control blocks), then
 * operations of 4 bytes: instruction, subchannel choice, two argument bytes.
 * Checks beyond the sanitizers: condition codes are 0..3 or a negative program
 * interruption; guest memory is touched only through the callbacks, inside it (exact-size
 * buffer under ASan); the CRW queue never holds more than its depth; a channel program
 * runs at most CSS_MAX_CCWS CCWs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <css.h>
#include <css_defs.h>

#define MEM_SIZE 4096
static uint8_t *mem; /* MEM_SIZE bytes, malloc'd: ASan sees accesses past it */
static unsigned reads;

static bool mem_read(void *ctx, uint64_t a, void *d, uint32_t n)
{
	reads++;
	if (a > MEM_SIZE || n > MEM_SIZE - a)
		return false;
	memcpy(d, mem + a, n);
	return true;
}

static bool mem_write(void *ctx, uint64_t a, const void *s, uint32_t n)
{
	if (a > MEM_SIZE || n > MEM_SIZE - a)
		return false;
	memcpy(mem + a, s, n);
	return true;
}

static const struct css_mem cmem = { mem_read, mem_write, NULL };

static void cc_ok(int cc)
{
	if (cc > 3 || cc < -0x7f)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct css css;
	static uint8_t area[4096];
	if (!mem && !(mem = malloc(MEM_SIZE)))
		abort();
	size_t n = size < MEM_SIZE ? size : MEM_SIZE;
	memset(mem, 0, MEM_SIZE);
	memcpy(mem, data, n);
	css_init(&css);
	/* Operations from the end of the input backwards: the front is memory. */
	for (size_t p = size; p >= 4 && p + 256 > size; p -= 4) {
		const uint8_t *o = data + p - 4;
		uint32_t sid = o[1] & 0x80 ? (uint32_t)o[1] << 24 | o[2] << 8 | o[3]
					   : SID_ONE | (o[1] & 3);
		/* Control blocks from guest memory at an offset the operation picks. */
		const uint8_t *blk = mem + (o[2] % 64) * 16;
		uint8_t buf[IRB_SIZE];
		uint32_t crw, isid, intparm, word;
		switch (o[0] % 14) {
		case 0: cc_ok(css_stsch(&css, sid, buf)); break;
		case 1: cc_ok(css_msch(&css, sid, blk)); break;
		case 2: {
			unsigned before = reads;
			cc_ok(css_ssch(&css, sid, blk, &cmem));
			/* A program reads its CCWs and data, a bounded number of times. */
			if (reads - before > 4 * CSS_MAX_CCWS + 8)
				abort();
			break;
		}
		case 3: cc_ok(css_tsch(&css, sid, buf)); break;
		case 4: cc_ok(css_csch(&css, sid)); break;
		case 5: cc_ok(css_hsch(&css, sid)); break;
		case 6: cc_ok(css_rsch(&css, sid, &cmem)); break;
		case 7: cc_ok(css_xsch(&css, sid)); break;
		case 8: cc_ok(css_stcrw(&css, &crw)); break;
		case 9:
			memcpy(area, mem, sizeof(area) < MEM_SIZE ? sizeof(area) : MEM_SIZE);
			area[0] = o[2];
			area[1] = o[3];
			cc_ok(css_chsc(&css, area));
			break;
		case 10:
			if (css_take_io_interrupt(&css, o[2], &isid, &intparm, &word) &&
			    (isid & ~0xffffu) != SID_ONE)
				abort();
			break;
		case 11: css_chp_event(&css, o[2] & 0x8f, (enum chp_event_kind)(o[3] % CHP_EVENT_KINDS)); break;
		case 12: css_set_crw_queue_depth(&css, o[3] % 10); break;
		case 13: css_io_interrupt_pending(&css, o[2]); css_crw_pending(&css);
			css_chp_installed(&css, o[3]);
			break;
		}
		if (css.nr_crws > css.crw_depth || css.crw_depth > CSS_MAX_CRWS)
			abort();
	}
	return 0;
}
