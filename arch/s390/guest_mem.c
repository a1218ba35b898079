/* Guest memory on s390x without SIE: the guest's real address space (its DAT is off) is
 * a DAT address space of testvisor's, mapped page by page onto guest RAM with the guest's
 * prefix applied; so the guest runs in problem state at full speed, and anything outside
 * its RAM is a translation exception testvisor turns into an addressing exception. */
#include <hv/hv.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "backend.h"
#include "s390_vcpu.h"

#define SEGMENT_SIZE (1UL << 20)
#define SEGMENT_TABLE_ENTRIES 2048      /* 2 GiB of guest real addresses */
#define SEGMENT_TABLE_PAGES 4
#define PAGE_TABLE_BYTES 2048           /* 256 entries */
#define SEGMENT_INVALID 0x20ULL
#define PAGE_INVALID 0x400ULL
#define ASCE_DT_SEGMENT 0x0ULL
#define ASCE_TL_16K 0x3ULL
#define PREFIX_SIZE GUEST_PREFIX_SIZE

bool guest_abs_read(const struct vm *vm, uint64_t abs, void *dst, size_t len)
{
	return vm_read(vm, ipa_init(abs), dst, len);
}

bool guest_abs_write(struct vm *vm, uint64_t abs, const void *src, size_t len)
{
	return vm_write(vm, ipa_init(abs), src, len);
}

/* Copies in pieces that do not cross a prefix boundary (every 8 KiB). */
static bool guest_copy(const struct vcpu *vcpu, uint64_t real, void *buf, size_t len, bool write)
{
	uint8_t *p = buf;
	while (len) {
		size_t chunk = PREFIX_SIZE - (real & (PREFIX_SIZE - 1));
		if (chunk > len)
			chunk = len;
		uint64_t abs = guest_real_to_abs(vcpu, real);
		bool ok = write ? guest_abs_write(vcpu->vm, abs, p, chunk)
				: guest_abs_read(vcpu->vm, abs, p, chunk);
		if (!ok)
			return false;
		real += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

bool guest_read(const struct vcpu *vcpu, uint64_t real, void *dst, size_t len)
{
	return guest_copy(vcpu, real, dst, len, false);
}

bool guest_write(struct vcpu *vcpu, uint64_t real, const void *src, size_t len)
{
	return guest_copy(vcpu, real, (void *)src, len, true);
}

static uint64_t *segment_table(const struct vm *vm)
{
	return ptr_from_pa(vm->arch.segment_table);
}

static uint64_t *page_entry(const struct vm *vm, uint64_t vaddr)
{
	uint64_t *pt = (uint64_t *)((uint8_t *)ptr_from_pa(vm->arch.page_tables) +
				    (vaddr / SEGMENT_SIZE) * PAGE_TABLE_BYTES);
	return &pt[(vaddr % SEGMENT_SIZE) / PAGE_SIZE];
}

int dat_vm_init(struct vm *vm)
{
	uint64_t segments = (vm->ram_size + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
	if (segments > SEGMENT_TABLE_ENTRIES) {
		printf("testvisor: s390x guest memory is limited to 2 GiB (%lu MiB asked)\n",
		       (unsigned long)(vm->ram_size >> 20));
		return -1;
	}
	vm->arch.segment_table = hv_alloc_pages(SEGMENT_TABLE_PAGES, SEGMENT_TABLE_PAGES);
	vm->arch.page_table_pages = (segments * PAGE_TABLE_BYTES + PAGE_SIZE - 1) / PAGE_SIZE;
	vm->arch.page_tables = hv_alloc_pages(vm->arch.page_table_pages, 1);
	if (!pa_addr(vm->arch.segment_table) || !pa_addr(vm->arch.page_tables)) {
		dat_vm_destroy(vm);
		return -2;
	}
	uint64_t *st = segment_table(vm);
	for (unsigned i = 0; i < SEGMENT_TABLE_ENTRIES; i++)
		st[i] = SEGMENT_INVALID;
	for (uint64_t v = 0; v < segments * SEGMENT_SIZE; v += PAGE_SIZE)
		*page_entry(vm, v) = PAGE_INVALID;
	for (uint64_t s = 0; s < segments; s++)
		st[s] = pa_addr(vm->arch.page_tables) + s * PAGE_TABLE_BYTES;
	return 0;
}

void dat_vm_destroy(struct vm *vm)
{
	if (pa_addr(vm->arch.segment_table))
		hv_free_pages(vm->arch.segment_table, SEGMENT_TABLE_PAGES);
	if (pa_addr(vm->arch.page_tables))
		hv_free_pages(vm->arch.page_tables, vm->arch.page_table_pages);
	vm->arch.segment_table = vm->arch.page_tables = pa_init(0);
}

/* Page `vaddr` of the guest's real space shows absolute page `abs`. */
static void map_real_page(struct vm *vm, uint64_t vaddr, uint64_t abs)
{
	paddr_t pa;
	if (vaddr >= vm->ram_size)
		return;
	*page_entry(vm, vaddr) = vm_ipa_to_pa(vm, ipa_init(abs), PAGE_SIZE, &pa)
		? pa_addr(pa) : PAGE_INVALID;
}

int dat_map(struct vm *vm, uint64_t guest_abs, paddr_t pa, size_t len)
{
	/* Prefix 0 at start: real == absolute. */
	for (uint64_t off = 0; off < len; off += PAGE_SIZE)
		if (guest_abs + off < vm->ram_size)
			*page_entry(vm, guest_abs + off) = pa_addr(pa) + off;
	return 0;
}

void dat_prefix_changed(struct vcpu *vcpu, uint32_t old_prefix)
{
	struct vm *vm = vcpu->vm;
	/* Under SIE the tables map absolute addresses: SIE applies the prefix itself. */
	if (vm->arch.backend == &backend_sie)
		return;
	uint64_t pages[] = { 0, PAGE_SIZE, old_prefix, old_prefix + PAGE_SIZE,
			     vcpu->arch.prefix, vcpu->arch.prefix + PAGE_SIZE };
	for (unsigned i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		map_real_page(vm, pages[i], guest_real_to_abs(vcpu, pages[i]));
	ptlb();
}

uint64_t dat_asce(const struct vm *vm)
{
	return pa_addr(vm->arch.segment_table) | ASCE_DT_SEGMENT | ASCE_TL_16K;
}
