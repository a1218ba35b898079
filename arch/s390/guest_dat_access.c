/* Operands of emulated instructions when the guest's DAT is on: each page of the operand
 * is translated through the guest's tables (shadow_dat.c: guest_logical_to_real), then
 * copied at its real address. An exception stops the copy; as the CPU would, the whole
 * operand is checked before anything is stored. */
#include <string.h>
#include "emulate.h"
#include "shadow_dat.h"

int dat_copy(struct vcpu *v, uint64_t logical, void *p, size_t n, enum guest_access kind)
{
	bool store = kind == ACCESS_STORE;
	/* Translate every page first: a store must not happen in part. */
	for (uint64_t page = logical & ~(PAGE_SIZE - 1); page < logical + n; page += PAGE_SIZE) {
		uint64_t real;
		uint16_t code = guest_logical_to_real(v, wrap_addr(v, page), kind, &real);
		if (code)
			return code;
	}
	uint8_t *buf = p;
	while (n) {
		size_t chunk = PAGE_SIZE - (logical & (PAGE_SIZE - 1));
		if (chunk > n)
			chunk = n;
		uint64_t real;
		guest_logical_to_real(v, wrap_addr(v, logical), kind, &real);
		int rc = store ? wr_real(v, real, buf, chunk) : rd_real(v, real, buf, chunk);
		if (rc)
			return rc;
		logical += chunk;
		buf += chunk;
		n -= chunk;
	}
	return 0;
}
