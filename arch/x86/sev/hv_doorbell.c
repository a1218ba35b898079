/* The #HV doorbell page (x86/hv_doorbell.h). */
#include <x86/hv_doorbell.h>

enum ghcb_error hvdb_nae(uint64_t request, uint64_t gpa, bool page_ok, uint64_t *registered,
			 uint64_t *info2)
{
	switch (request) {
	case HVDB_GET_PREFERRED:
		*info2 = HVDB_NONE;
		return GHCB_OK;
	case HVDB_SET:
		*registered = HVDB_NONE;
		if (!page_ok || (gpa & 0xfff))
			return GHCB_ERR_INVALID_INPUT;
		*registered = gpa;
		*info2 = gpa;
		return GHCB_OK;
	case HVDB_QUERY:
		*info2 = *registered;
		return GHCB_OK;
	case HVDB_CLEAR:
		*registered = HVDB_NONE;
		return GHCB_OK;
	default:
		*registered = HVDB_NONE;
		return GHCB_ERR_INVALID_INPUT;
	}
}

/* Signalled once: the guest clears NoFurtherSignal when its #HV handler starts looking. */
static enum hvdb_post signal(uint8_t db[HVDB_BYTES])
{
	if (db[HVDB_OFF_FLAGS] & HVDB_FLAG_NO_FURTHER_SIGNAL)
		return HVDB_POSTED;
	db[HVDB_OFF_FLAGS] |= HVDB_FLAG_NO_FURTHER_SIGNAL;
	return HVDB_POSTED_SIGNAL;
}

enum hvdb_post hvdb_post_irq(uint8_t db[HVDB_BYTES], uint8_t vector)
{
	if (db[HVDB_OFF_VECTOR])
		return HVDB_BUSY;
	db[HVDB_OFF_VECTOR] = vector;
	return signal(db);
}

enum hvdb_post hvdb_post_nmi(uint8_t db[HVDB_BYTES])
{
	if (db[HVDB_OFF_FLAGS] & HVDB_FLAG_NMI)
		return HVDB_BUSY;
	db[HVDB_OFF_FLAGS] |= HVDB_FLAG_NMI;
	return signal(db);
}
