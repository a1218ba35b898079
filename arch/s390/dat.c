/* The DAT tables that give a guest its memory. Per VM: guest absolute addresses mapped
 * page by page onto guest RAM (what SIE uses, and the base of everything else). Per vCPU
 * (problem-state backend): the guest's *real* address space, i.e. the VM's mapping with
 * the vCPU's prefix swap applied, so the guest runs in problem state at full speed; the
 * vCPU's segment table shares the VM's page tables except for the two segments that hold
 * real pages 0-1 and its prefix area, which get private copies. Anything outside guest
 * RAM is invalid: a translation exception that becomes the guest's addressing exception. */
#include <hv/hv.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "backend.h"
#include "s390_vcpu.h"
#include "shadow_dat.h"

#define SEGMENT_SIZE (1UL << 20)
#define SEGMENT_TABLE_ENTRIES 2048      /* 2 GiB */
#define SEGMENT_TABLE_PAGES 4
#define PAGE_TABLE_BYTES 2048           /* 256 entries */
#define SEGMENT_INVALID 0x20ULL
#define PAGE_INVALID 0x400ULL
#define ASCE_DT_SEGMENT 0x0ULL
#define ASCE_TL_16K 0x3ULL
#define PAGES_PER_SEGMENT (SEGMENT_SIZE / PAGE_SIZE)

static uint64_t *vm_page_table(const struct vm *vm, uint64_t segment)
{
	return (uint64_t *)((uint8_t *)ptr_from_pa(vm->arch.page_tables) + segment * PAGE_TABLE_BYTES);
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
	uint64_t *st = ptr_from_pa(vm->arch.segment_table);
	for (unsigned i = 0; i < SEGMENT_TABLE_ENTRIES; i++)
		st[i] = i < segments ? pa_addr(vm->arch.page_tables) + i * PAGE_TABLE_BYTES
				     : SEGMENT_INVALID;
	for (uint64_t s = 0; s < segments; s++)
		for (unsigned p = 0; p < PAGES_PER_SEGMENT; p++)
			vm_page_table(vm, s)[p] = PAGE_INVALID;
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

int dat_map(struct vm *vm, uint64_t guest_abs, paddr_t pa, size_t len)
{
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		uint64_t a = guest_abs + off;
		if (a < vm->ram_size)
			vm_page_table(vm, a / SEGMENT_SIZE)[(a % SEGMENT_SIZE) / PAGE_SIZE] = pa_addr(pa) + off;
	}
	return 0;
}

uint64_t dat_asce(const struct vm *vm)
{
	return pa_addr(vm->arch.segment_table) | ASCE_DT_SEGMENT | ASCE_TL_16K;
}

int dat_vcpu_init(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	a->segment_table = hv_alloc_pages(SEGMENT_TABLE_PAGES, SEGMENT_TABLE_PAGES);
	a->prefix_page_tables = hv_alloc_pages(1, 1);
	if (!pa_addr(a->segment_table) || !pa_addr(a->prefix_page_tables)) {
		dat_vcpu_destroy(vcpu);
		return -2;
	}
	dat_vcpu_prefix(vcpu);
	return 0;
}

void dat_vcpu_destroy(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (pa_addr(a->segment_table))
		hv_free_pages(a->segment_table, SEGMENT_TABLE_PAGES);
	if (pa_addr(a->prefix_page_tables))
		hv_free_pages(a->prefix_page_tables, 1);
	a->segment_table = a->prefix_page_tables = pa_init(0);
	shadow_destroy(vcpu);
}

/* The page-table entry for guest absolute page `abs` in the VM's mapping. */
static uint64_t vm_pte(const struct vm *vm, uint64_t abs)
{
	return abs < vm->ram_size ? vm_page_table(vm, abs / SEGMENT_SIZE)[(abs % SEGMENT_SIZE) / PAGE_SIZE]
				  : PAGE_INVALID;
}

void dat_vcpu_prefix(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct arch_vcpu *a = &vcpu->arch;
	if (!pa_addr(a->segment_table))
		return;
	uint64_t *st = ptr_from_pa(a->segment_table);
	memcpy(st, ptr_from_pa(vm->arch.segment_table), SEGMENT_TABLE_PAGES * PAGE_SIZE);
	/* Private page tables: [0] for segment 0 (real pages 0-1), [1] for the prefix's. */
	uint64_t *priv = ptr_from_pa(a->prefix_page_tables);
	uint64_t segs[2] = { 0, a->prefix / SEGMENT_SIZE };
	unsigned n = segs[1] == segs[0] ? 1 : 2;
	for (unsigned i = 0; i < n; i++) {
		uint64_t *pt = priv + i * (PAGE_TABLE_BYTES / 8);
		memcpy(pt, vm_page_table(vm, segs[i]), PAGE_TABLE_BYTES);
		st[segs[i]] = pa_addr(a->prefix_page_tables) + i * PAGE_TABLE_BYTES;
	}
	const uint64_t real[] = { 0, PAGE_SIZE, a->prefix, a->prefix + PAGE_SIZE };
	for (unsigned i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		unsigned t = real[i] / SEGMENT_SIZE == segs[0] ? 0 : 1;
		priv[t * (PAGE_TABLE_BYTES / 8) + (real[i] % SEGMENT_SIZE) / PAGE_SIZE] =
			vm_pte(vm, guest_real_to_abs(vcpu, real[i]));
	}
	ptlb();
}

uint64_t dat_vcpu_asce(const struct vcpu *vcpu)
{
	return pa_addr(vcpu->arch.segment_table) | ASCE_DT_SEGMENT | ASCE_TL_16K;
}

void dat_prefix_changed(struct vcpu *vcpu, uint32_t old_prefix)
{
	/* Under SIE the VM's absolute mapping is used: SIE applies the prefix itself. */
	if (vcpu->vm->arch.backend != &backend_sie) {
		dat_vcpu_prefix(vcpu);
		/* The shadow maps guest real pages through the prefix too. */
		shadow_invalidate(vcpu);
	}
}
