/* The #HV doorbell page (arch/x86/sev/hv_doorbell.c), expectations from the GHCB
 * specification's "#HV Doorbell Page" NAE event as KVM's Restricted Injection series
 * answers it (requests 0 GET_PREFERRED: SW_EXITINFO2 ~0, 1 SET: page-aligned usable GPA,
 * echoed, else invalid input (5) and no page; 2 QUERY: the page or ~0; 3 CLEAR; others 5
 * and no page) and from its layout (byte 0 vector, byte 1 bit 0 NMI, bit 7
 * NoFurtherSignal): a new event is posted only when its field is free, and #HV is
 * signalled only when NoFurtherSignal was clear, which posting sets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <x86/hv_doorbell.h>

#define NONE (~0ull)

static void requests(void **state)
{
	uint64_t reg = NONE, info2 = 0;
	assert_int_equal(hvdb_nae(0, 0, true, &reg, &info2), 0);
	assert_int_equal(info2, NONE);
	assert_int_equal(hvdb_nae(2, 0, true, &reg, &info2), 0);
	assert_int_equal(info2, NONE);
	assert_int_equal(hvdb_nae(1, 0x5000, true, &reg, &info2), 0);
	assert_int_equal(info2, 0x5000);
	assert_int_equal(reg, 0x5000);
	info2 = 0;
	assert_int_equal(hvdb_nae(2, 0, true, &reg, &info2), 0);
	assert_int_equal(info2, 0x5000);
	/* a misaligned or unusable page: refused, and the old page is gone too */
	assert_int_equal(hvdb_nae(1, 0x6008, true, &reg, &info2), 5);
	assert_int_equal(reg, NONE);
	assert_int_equal(hvdb_nae(1, 0x5000, true, &reg, &info2), 0);
	assert_int_equal(hvdb_nae(1, 0x7000, false, &reg, &info2), 5);
	assert_int_equal(reg, NONE);
	assert_int_equal(hvdb_nae(1, 0x5000, true, &reg, &info2), 0);
	assert_int_equal(hvdb_nae(3, 0, true, &reg, &info2), 0);
	assert_int_equal(reg, NONE);
	assert_int_equal(hvdb_nae(1, 0x5000, true, &reg, &info2), 0);
	assert_int_equal(hvdb_nae(4, 0, true, &reg, &info2), 5);
	assert_int_equal(reg, NONE);
}

static void posting(void **state)
{
	uint8_t db[2] = { 0, 0 };
	assert_int_equal(hvdb_post_irq(db, 0x40), HVDB_POSTED_SIGNAL);
	assert_int_equal(db[0], 0x40);
	assert_int_equal(db[1], 0x80);
	assert_int_equal(hvdb_post_irq(db, 0x41), HVDB_BUSY);
	assert_int_equal(db[0], 0x40);
	/* the guest took the vector but has not cleared NoFurtherSignal: no second #HV */
	db[0] = 0;
	assert_int_equal(hvdb_post_irq(db, 0x41), HVDB_POSTED);
	assert_int_equal(db[0], 0x41);
	assert_int_equal(hvdb_post_nmi(db), HVDB_POSTED);
	assert_int_equal(db[1], 0x81);
	assert_int_equal(hvdb_post_nmi(db), HVDB_BUSY);
	/* the guest's handler starts: NoFurtherSignal cleared, the next one signals again */
	db[0] = 0;
	db[1] = 0;
	assert_int_equal(hvdb_post_nmi(db), HVDB_POSTED_SIGNAL);
	assert_int_equal(db[1], 0x81);
	assert_int_equal(db[0], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(requests),
		cmocka_unit_test(posting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
