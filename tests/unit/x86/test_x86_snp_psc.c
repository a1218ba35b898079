/* The SNP page-state change descriptor (arch/x86/sev/snp_psc.c). Layout and answers written
 * from the GHCB specification ("SNP Page State Change": header cur_entry/end_entry, entry
 * cur_page 11:0, GFN 51:12, operation 55:52, page size 56) and KVM snp_begin_psc (at most
 * 253 entries; errors (1 << 32) | 1 invalid header, (1 << 32) | 2 invalid entry, 0x100 << 32
 * generic), not from testvisor's header. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/snp_psc.h>

static uint8_t desc[0x7f0]; /* the GHCB's shared buffer */
static uint64_t changed[1024][2];
static unsigned nr_changed;
static uint64_t failing_gfn = ~0ull;

static uint32_t page(void *ctx, uint64_t gfn, unsigned op)
{
	if (gfn == failing_gfn)
		return 2;
	changed[nr_changed][0] = gfn;
	changed[nr_changed++][1] = op;
	return 0;
}

static void header(uint16_t cur, uint16_t end)
{
	memset(desc, 0, sizeof(desc));
	memcpy(desc, &cur, 2);
	memcpy(desc + 2, &end, 2);
	nr_changed = 0;
	failing_gfn = ~0ull;
}

static void entry(unsigned i, uint64_t gfn, uint64_t op, int huge, uint64_t cur_page)
{
	uint64_t e = cur_page | gfn << 12 | op << 52 | (uint64_t)huge << 56;
	memcpy(desc + 8 + i * 8, &e, 8);
}

static uint64_t entry_at(unsigned i)
{
	uint64_t e;
	memcpy(&e, desc + 8 + i * 8, 8);
	return e;
}

static uint16_t cur_entry(void)
{
	uint16_t v;
	memcpy(&v, desc, 2);
	return v;
}

static void several_pages(void **state)
{
	header(0, 2);
	entry(0, 0x100, 2, 0, 0);
	entry(1, 0x101, 2, 0, 0);
	entry(2, 0x180, 1, 0, 0);
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0);
	assert_int_equal(nr_changed, 3);
	assert_int_equal(changed[1][0], 0x101);
	assert_int_equal(changed[2][1], 1);
	assert_int_equal(cur_entry(), 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(entry_at(i) & 0xfff, 1);
}

static void resumes_at_cur_entry(void **state)
{
	header(1, 1);
	entry(0, 0x100, 2, 0, 0);
	entry(1, 0x101, 2, 0, 0);
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0);
	assert_int_equal(nr_changed, 1);
	assert_int_equal(changed[0][0], 0x101);
	assert_int_equal(entry_at(0) & 0xfff, 0);
}

static void huge_entry(void **state)
{
	header(0, 0);
	entry(0, 0x200, 2, 1, 510); /* two pages left of the 2 MiB range */
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0);
	assert_int_equal(nr_changed, 2);
	assert_int_equal(changed[0][0], 0x200 + 510);
	assert_int_equal(entry_at(0) & 0xfff, 512);
	header(0, 0);
	entry(0, 0x201, 2, 1, 0); /* not 2 MiB aligned */
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 1ull << 32 | 2);
	assert_int_equal(nr_changed, 0);
}

static void bad_header(void **state)
{
	header(0, 253);
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 1ull << 32 | 1);
	header(0, 252);
	entry(252, 0x100, 2, 0, 0);
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0);
	assert_int_equal(nr_changed, 1);
	/* A descriptor further into the buffer holds fewer entries. */
	header(0, 4);
	assert_int_equal(snp_psc_run(desc, 8 + 4 * 8, page, NULL), 1ull << 32 | 1);
	assert_int_equal(snp_psc_run(desc, 4, page, NULL), 1ull << 32 | 1);
	assert_int_equal(nr_changed, 0);
}

static void bad_entry(void **state)
{
	header(0, 1);
	entry(0, 0x100, 2, 0, 0);
	entry(1, 0x101, 2, 0, 2); /* cur_page past a 4 KiB entry's one page */
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 1ull << 32 | 2);
	assert_int_equal(nr_changed, 1);
	assert_int_equal(cur_entry(), 1);
}

static void other_operations(void **state)
{
	header(0, 1);
	entry(0, 0x100, 7, 0, 0);
	entry(1, 0x101, 2, 0, 0);
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0);
	assert_int_equal(nr_changed, 1);
	assert_int_equal(changed[0][0], 0x101);
	assert_int_equal(entry_at(0) & 0xfff, 1);
}

static void failing_page(void **state)
{
	header(0, 1);
	entry(0, 0x100, 2, 0, 0);
	entry(1, 0x101, 2, 0, 0);
	failing_gfn = 0x101;
	assert_int_equal(snp_psc_run(desc, sizeof(desc), page, NULL), 0x100ull << 32);
	assert_int_equal(cur_entry(), 1);
	assert_int_equal(entry_at(1) & 0xfff, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(several_pages), cmocka_unit_test(resumes_at_cur_entry),
		cmocka_unit_test(huge_entry), cmocka_unit_test(bad_header),
		cmocka_unit_test(bad_entry), cmocka_unit_test(other_operations),
		cmocka_unit_test(failing_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
