/* PER event bookkeeping without hardware access (debug_per.h): reading an event from a
 * lowcore image, merging an emulated instruction's event, range checks. */
#include "debug_per.h"

/* Lowcore fields of a program interruption with a PER event (PoP ch. 4 "Program-Event
 * Recording", "Identification of Cause"; ch. 6 "Assigned Storage Locations"). */
#define LC_OFF_PGM_ILC 0x8c
#define LC_OFF_PGM_CODE 0x8e
#define LC_OFF_PER_CODE 0x96
#define LC_OFF_PER_ATMID 0x97
#define LC_OFF_PER_ADDRESS 0x98
#define LC_OFF_PER_ACCESS_ID 0xa1

static uint64_t load_be64(const volatile uint8_t *p)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

struct per_event per_event_take(const volatile uint8_t *lc, bool guest_dat)
{
	struct per_event ev = { 0 };
	uint16_t code = (uint16_t)(lc[LC_OFF_PGM_CODE] << 8 | lc[LC_OFF_PGM_CODE + 1]);
	if (!(code & PER_PGM_CODE_BIT))
		return ev;
	ev.pending = true;
	ev.code = lc[LC_OFF_PER_CODE];
	ev.atmid = (uint8_t)((lc[LC_OFF_PER_ATMID] & ~PER_ATMID_DAT) | (guest_dat ? PER_ATMID_DAT : 0));
	ev.access_id = lc[LC_OFF_PER_ACCESS_ID];
	ev.address = load_be64(lc + LC_OFF_PER_ADDRESS);
	ev.ilc = lc[LC_OFF_PGM_ILC + 1] & 0x6;
	return ev;
}

void per_event_store(uint8_t *lc, const struct per_event *ev, bool add_to_code)
{
	lc[LC_OFF_PER_CODE] = ev->code;
	lc[LC_OFF_PER_ATMID] = ev->atmid;
	lc[LC_OFF_PER_ACCESS_ID] = ev->access_id;
	for (unsigned i = 0; i < 8; i++)
		lc[LC_OFF_PER_ADDRESS + i] = (uint8_t)(ev->address >> (56 - 8 * i));
	if (add_to_code)
		lc[LC_OFF_PGM_CODE + 1] |= PER_PGM_CODE_BIT;
}

void per_event_merge(struct per_event *to, struct per_event *emulated)
{
	if (!emulated->pending)
		return;
	if (!to->pending)
		*to = *emulated;
	else
		to->code |= emulated->code;
	*emulated = (struct per_event){ 0 };
}

bool per_range_hit(uint64_t start, uint64_t end, uint64_t addr, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		uint64_t b = addr + i;
		if (start <= end ? (b >= start && b <= end) : (b >= start || b <= end))
			return true;
	}
	return false;
}

bool per_store_real_event(uint64_t cr9, uint64_t cr10, uint64_t cr11, uint64_t addr, unsigned len)
{
	uint64_t both = PER_CR9_STORAGE_ALTERATION | PER_CR9_STORE_REAL;
	return (cr9 & both) == both && per_range_hit(cr10, cr11, addr, len);
}
