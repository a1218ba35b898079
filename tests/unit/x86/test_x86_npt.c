/* Nested page tables over a fake page allocator (host memory stands in for physical
 * memory: testvisor is identity-mapped, so a pointer is a physical address). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <x86/npt.h>

static int live_pages;
static bool fail_alloc;

paddr_t hv_alloc_pages(size_t npages, size_t align_pages)
{
	if (fail_alloc)
		return pa_init(0);
	void *p = aligned_alloc(PAGE_SIZE, npages * PAGE_SIZE);
	memset(p, 0, npages * PAGE_SIZE);
	live_pages += (int)npages;
	return pa_from_ptr(p);
}

void hv_free_pages(paddr_t pa, size_t npages)
{
	live_pages -= (int)npages;
	free(ptr_from_pa(pa));
}

#define MB (1ull << 20)
#define GUEST_PA 0x40000000ull /* a 2 MiB-aligned "host-physical" base for the mappings */

static void test_map_and_lookup(void **state)
{
	paddr_t root = pa_init(0), pa;
	/* 16 MiB + 12 KiB: eight 2 MiB pages and three 4 KiB pages. */
	assert_int_equal(npt_map(&root, ipa_init(0), pa_init(GUEST_PA), 16 * MB + 0x3000, PROT_RWX), 0);
	assert_true(npt_lookup(root, ipa_init(0x123456), &pa));
	assert_int_equal(pa_addr(pa), GUEST_PA + 0x123456);
	assert_true(npt_lookup(root, ipa_init(16 * MB + 0x2fff), &pa));
	assert_int_equal(pa_addr(pa), GUEST_PA + 16 * MB + 0x2fff);
	/* Just past the mapping, and far away: not mapped (a nested page fault). */
	assert_false(npt_lookup(root, ipa_init(16 * MB + 0x3000), &pa));
	assert_false(npt_lookup(root, ipa_init(0xfee00000), &pa));
	assert_false(npt_lookup(root, ipa_init(1ull << 40), &pa));
	/* Tables: PML4, PDPT, PD, and one PT for the 4 KiB tail. */
	assert_int_equal(live_pages, 4);
	npt_free(root);
	assert_int_equal(live_pages, 0);
}

static void test_unaligned_and_4k_only(void **state)
{
	paddr_t root = pa_init(0), pa;
	assert_int_equal(npt_map(&root, ipa_init(0x1000), pa_init(GUEST_PA + 0x1000), 0x800, PROT_RWX), -2);
	/* Host address not 2 MiB-aligned against the guest's: 4 KiB pages only. */
	assert_int_equal(npt_map(&root, ipa_init(0), pa_init(GUEST_PA + 0x1000), 4 * MB, PROT_RWX), 0);
	assert_true(npt_lookup(root, ipa_init(3 * MB + 5), &pa));
	assert_int_equal(pa_addr(pa), GUEST_PA + 0x1000 + 3 * MB + 5);
	assert_int_equal(live_pages, 3 + 2); /* PML4, PDPT, PD, two PTs */
	npt_free(root);
	assert_int_equal(live_pages, 0);
}

static void test_out_of_memory(void **state)
{
	paddr_t root = pa_init(0);
	fail_alloc = true;
	assert_int_equal(npt_map(&root, ipa_init(0), pa_init(GUEST_PA), 2 * MB, PROT_RWX), -1);
	fail_alloc = false;
	assert_int_equal(live_pages, 0);
}

/* The entries themselves: present, user (nested walks are user accesses), writable, NX
 * when not executable, page size for 2 MiB. */
static void test_entry_bits(void **state)
{
	paddr_t root = pa_init(0);
	assert_int_equal(npt_map(&root, ipa_init(0), pa_init(GUEST_PA), 2 * MB, PROT_R), 0);
	uint64_t *pml4 = ptr_from_pa(root);
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & 0x000ffffffffff000ull);
	uint64_t *pd = (uint64_t *)(uintptr_t)(pdpt[0] & 0x000ffffffffff000ull);
	assert_int_equal(pml4[0] & 7, 7);
	assert_int_equal(pd[0] & 0xfff, 0x085);       /* P, US, PS; not writable */
	assert_true(pd[0] >> 63);                     /* NX: not executable */
	assert_int_equal(pd[0] & 0x000ffffffffff000ull, GUEST_PA);
	npt_free(root);
}

/* Reserved address bits of a nested entry: 51 down to the (reduced) physical width, the
 * C-bit excepted, none when nothing is left. */
static void test_reserved_bits(void **state)
{
	/* QEMU's TCG and Bochs: 40 bits, no memory encryption on the host. */
	assert_int_equal(npt_reserved_bits(40, 0, 64), 0x000fff0000000000ull);
	/* 48 bits, 5 taken by memory encryption, C-bit 47 (EPYC 7xx1): 43..51 without 47. */
	assert_int_equal(npt_reserved_bits(48, 5, 47), 0x000f780000000000ull);
	/* The reduced width ends at the C-bit: the range starts above it. */
	assert_int_equal(npt_reserved_bits(48, 1, 47), 0x000f000000000000ull);
	/* 52 bits: no reserved address bit; nor when only the C-bit would be left. */
	assert_int_equal(npt_reserved_bits(52, 0, 64), 0);
	assert_int_equal(npt_reserved_bits(52, 1, 51), 0);
	assert_int_equal(npt_reserved_bits(52, 1, 64), 0x0008000000000000ull);
}

/* A device page's entry: present, writable, user, not executable, no address, no page
 * size, the reserved bits set; installed in a page table of its own. */
static void test_reserved_entry(void **state)
{
	const uint64_t rsvd = npt_reserved_bits(40, 0, 64);
	uint64_t e = npt_reserved_entry(rsvd);
	assert_int_equal(e & 0xfff, 0x007);
	assert_true(e >> 63);
	assert_int_equal(e & 0x000ffffffffff000ull, rsvd);
	assert_int_equal(npt_reserved_entry(0), 0);
	paddr_t root = pa_init(0);
	assert_int_equal(npt_set_reserved(&root, ipa_init(0xfec00010), rsvd), -2);
	assert_int_equal(npt_set_reserved(&root, ipa_init(0xfec00000), 1ull << 63), -2);
	assert_int_equal(npt_set_reserved(&root, ipa_init(0xfec00000), rsvd), 0);
	uint64_t *pml4 = ptr_from_pa(root);
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & 0x000ffffffffff000ull);
	uint64_t *pd = (uint64_t *)(uintptr_t)(pdpt[3] & 0x000ffffffffff000ull);
	uint64_t *pt = (uint64_t *)(uintptr_t)(pd[0x1f6] & 0x000ffffffffff000ull);
	assert_int_equal(pt[0], e);
	assert_int_equal(pt[1], 0); /* the next page stays not present */
	assert_int_equal(live_pages, 4);
	npt_free(root);
	assert_int_equal(live_pages, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_and_lookup),
		cmocka_unit_test(test_unaligned_and_4k_only),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_entry_bits),
		cmocka_unit_test(test_reserved_bits),
		cmocka_unit_test(test_reserved_entry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
