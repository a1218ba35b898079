/* SIE state-description set-up: fields at their architected offsets, and the set-ups
 * SIE would reject refused up front. Also the interception table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "sie.h"

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}
static uint32_t be32(const uint8_t *p) { return (uint32_t)(be64(p) >> 32); }

static struct sie_setup good(void)
{
	struct sie_setup s = { .mso = 0x40000000, .mem_size = 32 << 20, .prefix = 0x2000,
			       .cpu_addr = 1, .psw_mask = 0x0000000180000000ULL,
			       .psw_addr = 0x10000, .gg14 = 14, .gg15 = 15,
			       .facility_list = 0x7000 };
	s.cr[0] = 0xe0;
	s.cr[14] = 0xc2000000;
	return s;
}

static void fields_land_at_their_offsets(void **state)
{
	uint8_t sd[SIE_BLOCK_SIZE];
	memset(sd, 0xaa, sizeof(sd));
	struct sie_setup s = good();
	const char *why = NULL;
	assert_true(sie_block_init(sd, &s, &why));
	assert_int_equal(be32(sd + SD_CPUFLAGS), CPUSTAT_ZARCH | CPUSTAT_SM);
	assert_int_equal(be32(sd + SD_PREFIX), 0x2000);
	assert_int_equal(sd[SD_ICPUA] << 8 | sd[SD_ICPUA + 1], 1);
	assert_int_equal(be32(sd + SD_ICTL), SIE_ICTL_DEFAULT);
	assert_true(be64(sd + SD_MSO) == 0x40000000);
	assert_true(be64(sd + SD_MSL) == 0x40000000 + (32 << 20) - 1);
	assert_true(be64(sd + SD_GPSW) == 0x0000000180000000ULL);
	assert_true(be64(sd + SD_GPSW + 8) == 0x10000);
	assert_true(be64(sd + SD_GG14) == 14 && be64(sd + SD_GG15) == 15);
	assert_true(be64(sd + SD_GCR) == 0xe0);
	assert_true(be64(sd + SD_GCR + 14 * 8) == 0xc2000000);
	assert_int_equal(be32(sd + SD_FAC), 0x7000);
	assert_int_equal(sd[SD_ICPTCODE], 0);   /* cleared, not left over */
}

static void bad_setups_are_refused(void **state)
{
	uint8_t sd[SIE_BLOCK_SIZE];
	const char *why = NULL;
	struct sie_setup s = good();
	s.mso += 4096;
	assert_false(sie_block_init(sd, &s, &why));
	assert_non_null(strstr(why, "origin"));
	s = good();
	s.mem_size = 0;
	assert_false(sie_block_init(sd, &s, &why));
	s = good();
	s.prefix = 0x1000;
	assert_false(sie_block_init(sd, &s, &why));
	s = good();
	s.prefix = 64 << 20;
	assert_false(sie_block_init(sd, &s, &why));
	s = good();
	s.facility_list = 0x80001000;
	assert_false(sie_block_init(sd, &s, &why));
}

static void intercept_table(void **state)
{
	assert_true(sie_intercept_lookup(0x04)->emulate);
	assert_string_equal(sie_intercept_lookup(0x20)->name, "validity");
	assert_false(sie_intercept_lookup(0x1c)->emulate);
	assert_null(sie_intercept_lookup(0x99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_land_at_their_offsets),
		cmocka_unit_test(bad_setups_are_refused),
		cmocka_unit_test(intercept_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
