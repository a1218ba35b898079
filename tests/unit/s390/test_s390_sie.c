/* SIE state-description set-up: fields at their architected offsets, and the set-ups
 * SIE would reject refused up front. Also the interception table and what testvisor
 * takes from the state description after a program or external interruption
 * interception. Offsets are written out from Linux's struct kvm_s390_sie_block
 * (arch/s390/include/asm/kvm_host.h) and the lowcore layout of the Principles of
 * Operation (ch. 3 "Assigned Storage Locations"), not taken from sie.h. */
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
	assert_int_equal(sie_intercept_lookup(0x04)->action, SIE_ICPT_EMULATE);
	assert_string_equal(sie_intercept_lookup(0x20)->name, "validity");
	assert_int_equal(sie_intercept_lookup(0x20)->action, SIE_ICPT_VALIDITY);
	assert_int_equal(sie_intercept_lookup(0x1c)->action, SIE_ICPT_LOOK);
	/* kvm_handle_sie_intercept(): 0x08 handle_prog(), 0x0c
	 * handle_instruction_and_prog(), 0x14 handle_external_interrupt(). */
	assert_int_equal(sie_intercept_lookup(0x08)->action, SIE_ICPT_PROGRAM);
	assert_int_equal(sie_intercept_lookup(0x0c)->action, SIE_ICPT_EMULATE_AND_PROGRAM);
	assert_int_equal(sie_intercept_lookup(0x14)->action, SIE_ICPT_EXTERNAL);
	assert_null(sie_intercept_lookup(0x99));
}

static void put(uint8_t *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* A state description after a program-interruption interception, every interception
 * field filled, so that only what belongs to the code may reach the lowcore. */
static void intercepted(uint8_t sd[SIE_BLOCK_SIZE], uint16_t code, uint16_t ilc)
{
	memset(sd, 0, SIE_BLOCK_SIZE);
	sd[0x50] = 0x08;
	put(sd + 0xcc, ilc, 2);                 /* pgmilc */
	put(sd + 0xce, code, 2);                /* iprcc */
	put(sd + 0xd0, 0x00000012, 4);          /* dxc */
	put(sd + 0xd4, 0x00ab, 2);              /* mcn */
	sd[0xd6] = 0x40;                        /* perc */
	sd[0xd7] = 0x05;                        /* peratmid */
	put(sd + 0xd8, 0x123456, 8);            /* peraddr */
	sd[0xe0] = 0x0e;                        /* eai */
	sd[0xe1] = 0x0f;                        /* peraid */
	sd[0xe2] = 0x0d;                        /* oai */
	put(sd + 0xe8, 0x0000000000abc400ULL, 8); /* tecmc */
}

/* inject_prog_on_prog_intercept() in Linux's arch/s390/kvm/intercept.c: which fields go
 * with which code; ILC = pgmilc & 6 (kvm_s390_get_ilen()). */
static void program_interception_is_reflected_with_its_fields(void **state)
{
	uint8_t sd[SIE_BLOCK_SIZE], lc[0x200];
	/* Page translation (0x11): TEC at 0xa8, exception access id 0xa0, operand 0xa2. */
	intercepted(sd, 0x0011, 0x0004);
	memset(lc, 0, sizeof(lc));
	struct sie_program p = sie_program_interruption(sd, lc);
	assert_int_equal(p.code, 0x0011);
	assert_int_equal(p.ilc, 4);
	assert_true(be64(lc + 0xa8) == 0xabc400);
	assert_int_equal(lc[0xa0], 0x0e);
	assert_int_equal(lc[0xa2], 0x0d);
	assert_int_equal(be32(lc + 0x90), 0);   /* no DXC for it */
	assert_int_equal(lc[0x96], 0);          /* no PER fields without the PER bit */
	/* Data exception (0x07): the DXC at 0x90 (byte 0x93), nothing else. */
	intercepted(sd, 0x0007, 0x0006);
	memset(lc, 0, sizeof(lc));
	p = sie_program_interruption(sd, lc);
	assert_int_equal(p.code, 0x0007);
	assert_int_equal(p.ilc, 6);
	assert_int_equal(be32(lc + 0x90), 0x12);
	assert_true(be64(lc + 0xa8) == 0);
	/* Monitor event (0x40): class at 0x94, monitor code (from tecmc) at 0xb0. */
	intercepted(sd, 0x0040, 0x0004);
	memset(lc, 0, sizeof(lc));
	p = sie_program_interruption(sd, lc);
	assert_int_equal(lc[0x94] << 8 | lc[0x95], 0xab);
	assert_true(be64(lc + 0xb0) == 0xabc400);
	/* Specification (0x06) with a PER event (0x80): PER code 0x96, ATMID 0x97, PER
	 * address 0x98, PER access id 0xa1; the code keeps its PER bit. ILC bits beyond
	 * 13-14 are not part of it. */
	intercepted(sd, 0x0086, 0xff02);
	memset(lc, 0, sizeof(lc));
	p = sie_program_interruption(sd, lc);
	assert_int_equal(p.code, 0x0086);
	assert_int_equal(p.ilc, 2);
	assert_int_equal(lc[0x96], 0x40);
	assert_int_equal(lc[0x97], 0x05);
	assert_true(be64(lc + 0x98) == 0x123456);
	assert_int_equal(lc[0xa1], 0x0f);
	assert_true(be64(lc + 0xa8) == 0);      /* no TEC for a specification exception */
	/* Protection (0x04): TEC and exception access id, no operand access id. */
	intercepted(sd, 0x0004, 0x0004);
	memset(lc, 0, sizeof(lc));
	sie_program_interruption(sd, lc);
	assert_true(be64(lc + 0xa8) == 0xabc400);
	assert_int_equal(lc[0xa0], 0x0e);
	assert_int_equal(lc[0xa2], 0);
}

/* handle_external_interrupt(): eic at 0xc6, extcpuaddr at 0xc4, eiparams at 0xc0. */
static void external_interception_gives_code_and_parameters(void **state)
{
	uint8_t sd[SIE_BLOCK_SIZE];
	memset(sd, 0, sizeof(sd));
	sd[0x50] = 0x14;
	put(sd + 0xc0, 0x00abcde8, 4);
	put(sd + 0xc4, 0x0001, 2);
	put(sd + 0xc6, 0x1201, 2);              /* emergency signal from CPU 1 */
	struct sie_external e = sie_external_interruption(sd);
	assert_int_equal(e.code, 0x1201);
	assert_int_equal(e.cpu, 1);
	assert_int_equal(e.param, 0x00abcde8);
	put(sd + 0xc6, 0x2401, 2);              /* service signal with the SCCB address */
	e = sie_external_interruption(sd);
	assert_int_equal(e.code, 0x2401);
	assert_int_equal(e.param, 0x00abcde8);
}

/* Held interruptions become requests: cpuflags byte 0 (Linux CPUSTAT_EXT_INT
 * 0x01000000, CPUSTAT_IO_INT 0x02000000; Hercules SIE_V_EXT 0x01, SIE_V_IO 0x02) and
 * the LCTL intercept controls at 0x44 (Linux LCTL_CR0 0x8000, LCTL_CR6 0x0200). */
static void held_interruptions_request_an_exit(void **state)
{
	uint8_t sd[SIE_BLOCK_SIZE];
	struct sie_setup s = good();
	const char *why = NULL;
	assert_true(sie_block_init(sd, &s, &why));
	struct sie_held none = { 0 };
	sie_request_interventions(sd, &none);
	assert_int_equal(be32(sd + SD_CPUFLAGS), CPUSTAT_ZARCH | CPUSTAT_SM);
	assert_int_equal(sd[0x44] << 8 | sd[0x45], 0);
	struct sie_held ext = { .ext_psw = true, .io_cr6 = true };
	sie_request_interventions(sd, &ext);
	assert_int_equal(sd[0x00], 0x01);
	assert_int_equal(be32(sd + 0x00) & 0x00ffffff, CPUSTAT_ZARCH | CPUSTAT_SM);
	assert_int_equal(sd[0x44] << 8 | sd[0x45], 0x0200);
	assert_true(sie_block_init(sd, &s, &why));
	struct sie_held io = { .io_psw = true, .ext_cr0 = true };
	sie_request_interventions(sd, &io);
	assert_int_equal(sd[0x00], 0x02);
	assert_int_equal(sd[0x44] << 8 | sd[0x45], 0x8000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_land_at_their_offsets),
		cmocka_unit_test(bad_setups_are_refused),
		cmocka_unit_test(intercept_table),
		cmocka_unit_test(program_interception_is_reflected_with_its_fields),
		cmocka_unit_test(external_interception_gives_code_and_parameters),
		cmocka_unit_test(held_interruptions_request_an_exit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
