/* Shadow DAT (see shadow_dat.h). Each address space (primary, secondary, home) has its
 * own shadow, always a region-first table, so any guest virtual address of any ASCE type
 * fits; lower tables come from a per-vCPU pool of 2 KiB units (region and segment tables
 * take 8, page tables 1). A full pool is simply flushed: the shadow is a cache of the
 * guest's tables, rebuilt on demand. */
#include <hv/hv.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "guest_dat_walk.h"
#include "s390_vcpu.h"
#include "shadow_dat.h"

#define POOL_PAGES 256                   /* 1 MiB per vCPU */
#define UNIT 2048
#define POOL_UNITS (POOL_PAGES * PAGE_SIZE / UNIT)
#define CRST_UNITS 8                     /* a 2048-entry region or segment table */
#define CRST_ENTRIES 2048
#define PT_ENTRIES 256
#define SHADOW_ASCE_BITS (0xcULL | 3)    /* region-first, full length */
#define NO_PROGRESS_LIMIT 8
#define ROOTS_UNITS (DAT_SPACES * CRST_UNITS)
#define CR0_EDAT S390_BIT64(40)
#define FACILITY_EDAT1 8

/* Region-first, region-second, region-third, segment: index shift and entry type bits. */
static const struct { unsigned shift; uint64_t type; } shadow_levels[] = {
	{ 53, TT_REGION1 }, { 42, TT_REGION2 }, { 31, TT_REGION3 }, { 20, TT_SEGMENT },
};
#define SHADOW_LEVELS (sizeof(shadow_levels) / sizeof(shadow_levels[0]))

static uint64_t *unit_ptr(const struct shadow_dat *s, unsigned unit)
{
	return (uint64_t *)((uint8_t *)ptr_from_pa(s->pool) + (size_t)unit * UNIT);
}

static void fill(uint64_t *table, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		table[i] = v;
}

static void flush(struct shadow_dat *s)
{
	for (unsigned i = 0; i < DAT_SPACES; i++)
		fill(unit_ptr(s, i * CRST_UNITS), CRST_ENTRIES, REGION_ENTRY_I | TT_REGION1);
	s->used = ROOTS_UNITS;
	s->stale = false;
	s->repeats = 0;      /* a page faults again after a flush: that is progress */
	s->flushes++;
	ptlb();
}

/* A new table of `units` for the level below `level` (invalid entries); NULL when full. */
static uint64_t *alloc_table(struct shadow_dat *s, unsigned level)
{
	bool page_table = level + 1 == SHADOW_LEVELS;
	unsigned units = page_table ? 1 : CRST_UNITS;
	unsigned at = page_table ? s->used : (s->used + 1) & ~1u; /* 4 KiB-aligned tables */
	if (at + units > POOL_UNITS)
		return NULL;
	s->used = at + units;
	uint64_t *t = unit_ptr(s, at);
	if (page_table)
		fill(t, PT_ENTRIES, PAGE_ENTRY_I);
	else
		fill(t, CRST_ENTRIES, REGION_ENTRY_I | shadow_levels[level + 1].type);
	return t;
}

/* Maps the page at `va` of `space` to host `pa`; false when the pool is full. */
static bool map_page(struct shadow_dat *s, enum dat_space space, uint64_t va, uint64_t pa,
		     bool protect)
{
	uint64_t *table = unit_ptr(s, space * CRST_UNITS);
	for (unsigned l = 0; l < SHADOW_LEVELS; l++) {
		uint64_t *e = &table[(va >> shadow_levels[l].shift) & 0x7ff];
		if (*e & REGION_ENTRY_I) {
			uint64_t *next = alloc_table(s, l);
			if (!next)
				return false;
			bool last = l + 1 == SHADOW_LEVELS;
			*e = (uint64_t)(uintptr_t)next | shadow_levels[l].type | (last ? 0 : 3);
		}
		table = (uint64_t *)(uintptr_t)(*e & (l + 1 == SHADOW_LEVELS ? SEGMENT_ENTRY_ORIGIN
									: REGION_ENTRY_ORIGIN));
	}
	table[(va >> 12) & 0xff] = pa | (protect ? PAGE_ENTRY_P : 0);
	return true;
}

uint64_t shadow_asce(struct vcpu *vcpu, enum dat_space space)
{
	struct shadow_dat *s = &vcpu->arch.shadow;
	if (!pa_addr(s->pool)) {
		s->pool = hv_alloc_pages(POOL_PAGES, 4);
		if (!pa_addr(s->pool))
			return 0;
		s->stale = true;
	}
	if (s->stale)
		flush(s);
	return (uint64_t)(uintptr_t)unit_ptr(s, space * CRST_UNITS) | SHADOW_ASCE_BITS;
}

void shadow_invalidate(struct vcpu *vcpu)
{
	vcpu->arch.shadow.stale = true;
}

void shadow_invalidate_vm(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		shadow_invalidate(&vm->vcpus[i]);
}

void shadow_destroy(struct vcpu *vcpu)
{
	struct shadow_dat *s = &vcpu->arch.shadow;
	if (pa_addr(s->pool))
		hv_free_pages(s->pool, POOL_PAGES);
	memset(s, 0, sizeof(*s));
}

/* DAT reads table entries at guest absolute addresses. */
static bool read_guest_entry(void *ctx, uint64_t abs, uint64_t *entry)
{
	const struct vm *vm = ctx;
	if (abs & 7 || abs >= vm->ram_size)
		return false;
	*entry = *(const uint64_t *)((const uint8_t *)ptr_from_pa(vm->ram_pa) + abs);
	return true;
}

static bool guest_edat1(const struct vcpu *vcpu)
{
	static int installed = -1;
	if (installed < 0)
		installed = test_facility(FACILITY_EDAT1);
	return installed && (vcpu->arch.cr[0] & CR0_EDAT);
}

/* Walks the guest's tables of `space` for `va`; a translation exception's TEID goes to
 * the guest lowcore (the reference machine stores none for translation specification). */
static uint16_t guest_walk(struct vcpu *vcpu, enum dat_space space, uint64_t va,
			   uint64_t fetch_store, struct dat_walk_result *res)
{
	struct dat_walk_req req = {
		.asce = vcpu->arch.cr[dat_space(space)->cr], .vaddr = va, .edat1 = guest_edat1(vcpu),
		.teid_bits = fetch_store | dat_space(space)->teid_asid, .read = read_guest_entry,
		.ctx = vcpu->vm,
	};
	uint16_t code = dat_walk(&req, res);
	if (code && code != PGM_ADDRESSING && code != PGM_TRANSLATION_SPEC) {
		uint64_t teid = res->teid;
		__builtin_memcpy(guest_lowcore(vcpu) + LC_TRANS_EXC_CODE, &teid, 8);
	}
	return code;
}

uint16_t shadow_fault(struct vcpu *vcpu, uint64_t teid)
{
	struct shadow_dat *s = &vcpu->arch.shadow;
	uint64_t va = teid & TEID_ADDRESS;
	struct dat_walk_result res;
	s->faults++;
	s->repeats = va == s->last_fault ? s->repeats + 1 : 0;
	s->last_fault = va;
	enum dat_space space;
	if (!dat_space_of_teid(teid, &space)) {
		vm_fail(vcpu->vm, "translation in access-register mode is not emulated without SIE");
		return SHADOW_STOPPED;
	}
	uint16_t code = guest_walk(vcpu, space, va, teid & (TEID_FETCH | TEID_STORE), &res);
	if (code)
		return code;
	uint64_t abs = guest_real_to_abs(vcpu, res.real & ~(PAGE_SIZE - 1));
	if (abs >= vcpu->vm->ram_size)
		return PGM_ADDRESSING;
	if (s->repeats > NO_PROGRESS_LIMIT) {
		vm_fail(vcpu->vm, "shadow DAT: the mapping of %016lx does not take", (unsigned long)va);
		return SHADOW_STOPPED;
	}
	uint64_t pa = pa_addr(vcpu->vm->ram_pa) + abs;
	if (!map_page(s, space, va, pa, res.protect)) {
		flush(s);
		map_page(s, space, va, pa, res.protect);
	}
	return 0;
}

uint16_t guest_logical_to_real(struct vcpu *vcpu, uint64_t logical, enum guest_access kind,
			       uint64_t *real)
{
	enum dat_space space;
	if (!dat_space_of_psw(vcpu->arch.psw_mask, &space))
		return PGM_SPECIAL_OPERATION; /* not reached: such a guest is stopped at entry */
	/* In secondary-space mode, instructions come from the primary space. */
	if (kind == ACCESS_INSN && space == DAT_SPACE_SECONDARY)
		space = DAT_SPACE_PRIMARY;
	bool store = kind == ACCESS_STORE;
	struct dat_walk_result res;
	uint16_t code = guest_walk(vcpu, space, logical, store ? TEID_STORE : TEID_FETCH, &res);
	if (code)
		return code;
	if (store && res.protect) {
		uint64_t teid = (logical & TEID_ADDRESS) | TEID_STORE | TEID_DAT_PROTECTION |
				dat_space(space)->teid_asid;
		__builtin_memcpy(guest_lowcore(vcpu) + LC_TRANS_EXC_CODE, &teid, 8);
		return PGM_PROTECTION;
	}
	*real = res.real;
	return 0;
}
