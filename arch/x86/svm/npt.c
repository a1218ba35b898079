/* Nested page tables: 4-level, 2 MiB pages where both addresses and the length allow,
 * 4 KiB pages otherwise. Only guest RAM is mapped: any other guest-physical access is a
 * nested page fault, which is how a guest is kept out of testvisor's and other guests'
 * memory. An SEV-ES/SNP guest's device pages are the exception: their entries are present
 * with reserved bits set, so that the CPU raises #VC in the guest (npt_set_reserved). */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <string.h>
#include <x86/npt.h>

#define NPT_P (1ull << 0)
#define NPT_RW (1ull << 1)
#define NPT_US (1ull << 2)   /* nested walks are user accesses: always set */
#define NPT_PS (1ull << 7)
#define NPT_NX (1ull << 63)
#define NPT_ADDR_MASK 0x000ffffffffff000ull
#define LARGE_PAGE (2ull << 20)
#define LEVELS 4

static uint64_t *table(paddr_t pa) { return ptr_from_pa(pa); }
static unsigned index_at(uint64_t ipa, unsigned level) { return (ipa >> (12 + 9 * level)) & 511; }

static uint64_t leaf_flags(unsigned prot)
{
	uint64_t f = NPT_P | NPT_US;
	if (prot & PROT_W)
		f |= NPT_RW;
	if (!(prot & PROT_X))
		f |= NPT_NX;
	return f;
}

/* The table at `level` (3 = PML4 ... 0 = PT) covering ipa, allocating as needed. */
static uint64_t *walk_alloc(paddr_t root, uint64_t ipa, unsigned target_level)
{
	uint64_t *t = table(root);
	for (unsigned level = LEVELS - 1; level > target_level; level--) {
		uint64_t *e = &t[index_at(ipa, level)];
		if (!(*e & NPT_P)) {
			paddr_t next = hv_alloc_pages(1, 1);
			if (!pa_addr(next))
				return NULL;
			*e = pa_addr(next) | NPT_P | NPT_RW | NPT_US;
		} else if (*e & NPT_PS) {
			return NULL; /* already covered by a large page */
		}
		t = table(pa_init(*e & NPT_ADDR_MASK));
	}
	return t;
}

int npt_map(paddr_t *root, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	if (!pa_addr(*root)) {
		*root = hv_alloc_pages(1, 1);
		if (!pa_addr(*root))
			return -1;
	}
	uint64_t g = ipa_addr(ipa), h = pa_addr(pa), end = g + len;
	if (!IS_PAGE_ALIGNED(g) || !IS_PAGE_ALIGNED(h) || !IS_PAGE_ALIGNED(len))
		return -2;
	while (g < end) {
		bool large = !(g % LARGE_PAGE) && !(h % LARGE_PAGE) && end - g >= LARGE_PAGE;
		unsigned level = large ? 1 : 0;
		uint64_t *t = walk_alloc(*root, g, level);
		if (!t)
			return -1;
		t[index_at(g, level)] = h | leaf_flags(prot) | (large ? NPT_PS : 0);
		uint64_t step = large ? LARGE_PAGE : PAGE_SIZE;
		g += step;
		h += step;
	}
	return 0;
}

/* The page table (level 0) covering ipa, a 2 MiB leaf there first split into 512 pages
 * that map what it mapped. */
static uint64_t *page_table(paddr_t root, uint64_t ipa)
{
	uint64_t *t = table(root);
	for (unsigned level = LEVELS - 1; level > 0; level--) {
		uint64_t *e = &t[index_at(ipa, level)];
		if (!(*e & NPT_P) || (level == 1 && (*e & NPT_PS))) {
			paddr_t next = hv_alloc_pages(1, 1);
			if (!pa_addr(next))
				return NULL;
			uint64_t *pt = table(next);
			memset(pt, 0, PAGE_SIZE);
			if (*e & NPT_PS) /* the large leaf's pages, same rights */
				for (unsigned i = 0; i < 512; i++)
					pt[i] = ((*e & NPT_ADDR_MASK) + i * PAGE_SIZE) | (*e & ~NPT_ADDR_MASK & ~NPT_PS);
			*e = pa_addr(next) | NPT_P | NPT_RW | NPT_US;
		} else if (*e & NPT_PS) {
			return NULL; /* a 1 GiB leaf: testvisor makes none */
		}
		t = table(pa_init(*e & NPT_ADDR_MASK));
	}
	return t;
}

static int set_leaf(paddr_t root, uint64_t g, uint64_t entry)
{
	uint64_t *pt = page_table(root, g);
	if (!pt)
		return -1;
	pt[index_at(g, 0)] = entry;
	return 0;
}

int npt_set_page(paddr_t root, ipaddr_t ipa, paddr_t pa, bool present, unsigned prot)
{
	uint64_t g = ipa_addr(ipa);
	if (!pa_addr(root) || !IS_PAGE_ALIGNED(g) || !IS_PAGE_ALIGNED(pa_addr(pa)))
		return -2;
	return set_leaf(root, g, present ? pa_addr(pa) | leaf_flags(prot) : 0);
}

/* Bits phys_bits - reduction .. 51 of an entry's address field are reserved (APM vol. 2
 * §5.3.1: bits 51:MAXPHYADDR must be zero; with memory encryption on, MAXPHYADDR shrinks
 * by CPUID Fn8000_001F_EBX[11:6], §7.10.1). The C-bit itself is an address attribute in a
 * nested entry, not reserved: when the reduced width ends at it, the next bit up starts
 * the range, as KVM's svm_adjust_mmio_mask does for its MMIO entries. */
uint64_t npt_reserved_bits(unsigned phys_bits, unsigned reduction, unsigned cbit)
{
	unsigned first = reduction < phys_bits ? phys_bits - reduction : 0;
	if (first == cbit)
		first++;
	if (first < 12 || first > 51)
		return 0;
	uint64_t mask = NPT_ADDR_MASK & ~((1ull << first) - 1);
	return cbit < 64 ? mask & ~(1ull << cbit) : mask;
}

uint64_t npt_reserved_entry(uint64_t reserved)
{
	return reserved ? reserved | leaf_flags(PROT_R | PROT_W) : 0;
}

int npt_set_reserved(paddr_t *root, ipaddr_t ipa, uint64_t reserved)
{
	uint64_t g = ipa_addr(ipa);
	if (!IS_PAGE_ALIGNED(g) || (reserved & ~NPT_ADDR_MASK))
		return -2;
	if (!pa_addr(*root)) {
		*root = hv_alloc_pages(1, 1);
		if (!pa_addr(*root))
			return -1;
	}
	return set_leaf(*root, g, npt_reserved_entry(reserved));
}

bool npt_lookup(paddr_t root, ipaddr_t ipa, paddr_t *pa)
{
	if (!pa_addr(root))
		return false;
	uint64_t g = ipa_addr(ipa), *t = table(root);
	for (unsigned level = LEVELS - 1;; level--) {
		uint64_t e = t[index_at(g, level)];
		if (!(e & NPT_P))
			return false;
		if (level == 0 || (e & NPT_PS)) {
			uint64_t span = 1ull << (12 + 9 * level);
			*pa = pa_init((e & NPT_ADDR_MASK & ~(span - 1)) | (g & (span - 1)));
			return true;
		}
		t = table(pa_init(e & NPT_ADDR_MASK));
	}
}

static void free_level(paddr_t pa, unsigned level)
{
	uint64_t *t = table(pa);
	for (unsigned i = 0; level > 0 && i < 512; i++)
		if ((t[i] & NPT_P) && !(t[i] & NPT_PS))
			free_level(pa_init(t[i] & NPT_ADDR_MASK), level - 1);
	hv_free_pages(pa, 1);
}

void npt_free(paddr_t root)
{
	if (pa_addr(root))
		free_level(root, LEVELS - 1);
}
