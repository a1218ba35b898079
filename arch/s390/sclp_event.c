/* Message events for testvisor's console (see sclp_event.h). Layouts: Linux
 * drivers/s390/char/sclp_rw.h (struct mdb_header, struct mto); Hercules service.c prints
 * the text of every message text object. */
#include <string.h>
#include <sclp_defs.h>
#include "ebcdic.h"
#include "sclp_event.h"

bool sclp_console_uses_messages(uint32_t sclp_receive_mask)
{
	return !(sclp_receive_mask & SCLP_EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE)) &&
	       (sclp_receive_mask & SCLP_EVENT_MASK(SCLP_EVENT_MESSAGE));
}

/* Big-endian stores: the host unit test runs little endian. */
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)(v >> 16)); put16(p + 2, (uint16_t)v); }

size_t sclp_message_event(uint8_t *buf, const char *s, size_t n)
{
	while (n && s[n - 1] == '\n')
		n--;
	const size_t ev_len = sizeof(struct evbuf_header), mdb_len = sizeof(struct sclp_mdb_header);
	const size_t mto_len = sizeof(struct sclp_mto) + n;
	uint8_t *mdb = buf + ev_len, *mto = mdb + mdb_len;
	memset(buf, 0, ev_len + mdb_len + sizeof(struct sclp_mto));
	put16(buf, (uint16_t)(ev_len + mdb_len + mto_len));
	buf[2] = SCLP_EVENT_MESSAGE;
	put16(mdb, (uint16_t)(mdb_len + mto_len));
	put16(mdb + 2, SCLP_MDB_TYPE);
	put32(mdb + 4, SCLP_MDB_TAG);
	put32(mdb + 8, 1);
	put16(mto, (uint16_t)mto_len);
	put16(mto + 2, SCLP_MTO_TYPE);
	put16(mto + 4, SCLP_MTO_END_TEXT);
	for (size_t i = 0; i < n; i++)
		mto[sizeof(struct sclp_mto) + i] = ascii_to_ebcdic(s[i]);
	return ev_len + mdb_len + mto_len;
}
