/* Page allocator: alignment, splitting, merging, exhaustion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include <hv/hv.h>

#define POOL_PAGES 64
static uint8_t *pool;

static int setup(void **state)
{
	pool = aligned_alloc(PAGE_SIZE * 16, POOL_PAGES * PAGE_SIZE);
	struct mem_range r = { pa_from_ptr(pool), POOL_PAGES * PAGE_SIZE };
	hv_alloc_init(&r, 1);
	return 0;
}

static int teardown(void **state)
{
	free(pool);
	return 0;
}

static void test_all_pages_free(void **state) { assert_int_equal(hv_free_page_count(), POOL_PAGES); }

static void test_alignment(void **state)
{
	paddr_t a = hv_alloc_pages(1, 1);
	paddr_t b = hv_alloc_pages(2, 8);
	assert_true(pa_addr(a) != 0);
	assert_int_equal(pa_addr(b) % (8 * PAGE_SIZE), 0);
	assert_int_equal(hv_free_page_count(), POOL_PAGES - 3);
	hv_free_pages(a, 1);
	hv_free_pages(b, 2);
	assert_int_equal(hv_free_page_count(), POOL_PAGES);
}

static void test_zeroed(void **state)
{
	paddr_t a = hv_alloc_pages(1, 1);
	uint8_t *p = ptr_from_pa(a);
	p[5] = 0xaa;
	hv_free_pages(a, 1);
	paddr_t b = hv_alloc_pages(1, 1);
	assert_int_equal(pa_addr(a), pa_addr(b));
	assert_int_equal(((uint8_t *)ptr_from_pa(b))[5], 0);
	hv_free_pages(b, 1);
}

static void test_exhaustion_and_merge(void **state)
{
	paddr_t all = hv_alloc_pages(POOL_PAGES, 1);
	assert_true(pa_addr(all) != 0);
	assert_int_equal(pa_addr(hv_alloc_pages(1, 1)), 0);
	/* Free in two halves, out of order: they must merge into one extent again. */
	hv_free_pages(pa_add(all, POOL_PAGES / 2 * PAGE_SIZE), POOL_PAGES / 2);
	hv_free_pages(all, POOL_PAGES / 2);
	paddr_t again = hv_alloc_pages(POOL_PAGES, 1);
	assert_int_equal(pa_addr(again), pa_addr(all));
	hv_free_pages(again, POOL_PAGES);
}

/* Free RAM handed over in pieces that touch (in any order) is one region: a guest as big
 * as all of it gets one contiguous, aligned allocation (riscv64's boot hands over RAM cut
 * at the initrd and DTB; docs/riscv.md). */
static void test_touching_ranges_are_one_region(void **state)
{
	const size_t q = POOL_PAGES / 4 * PAGE_SIZE;
	struct mem_range pieces[] = {
		{ pa_from_ptr(pool + 2 * q), 2 * q }, { pa_from_ptr(pool), q }, { pa_from_ptr(pool + q), q },
	};
	hv_alloc_init(pieces, 3);
	paddr_t all = hv_alloc_pages(POOL_PAGES, 16);
	assert_int_equal(pa_addr(all), pa_addr(pa_from_ptr(pool)));
	hv_free_pages(all, POOL_PAGES);
	struct mem_range whole = { pa_from_ptr(pool), POOL_PAGES * PAGE_SIZE };
	hv_alloc_init(&whole, 1);
}

static void test_too_big(void **state) { assert_int_equal(pa_addr(hv_alloc_pages(POOL_PAGES + 1, 1)), 0); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_pages_free),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_zeroed),
		cmocka_unit_test(test_exhaustion_and_merge),
		cmocka_unit_test(test_touching_ranges_are_one_region),
		cmocka_unit_test(test_too_big),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
