/* Fuzz target: the model PSP (arch/x86/sev/psp_model.c) fed command buffers, through the
 * command layer (arch/x86/sev/psp_cmd.c) and raw: any command number, any length, any
 * field values. The model stands in for firmware, which must refuse whatever a buggy or
 * hostile hypervisor sends it without corrupting its own state.
 * Input: a sequence of operations, each an op byte, an address-choice byte and a few
 * value bytes. Addresses the model writes through or reads (status and feature-info
 * outputs, a VMSA at LAUNCH_UPDATE, RMP entries) are pages of a private arena, or 0 or a
 * misaligned one; other fields take the input's bytes as they are.
 * Checks beyond the sanitizers: no two live guests own one ASID or one context page, a
 * running guest has an ASID, at most PSP_MODEL_MAX_GUESTS are live, and platform status
 * counts them right. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <x86/psp.h>

#define PAGES 16
static uint8_t *arena; /* 2 MiB-aligned, 4 MiB: 4 KiB pages and two 2 MiB pages */

static uint64_t addr(uint8_t sel)
{
	switch (sel >> 5) {
	case 0: return 0;
	case 1: return (uintptr_t)arena + (sel & 1) * (2ull << 20);   /* a 2 MiB page */
	case 2: return (uintptr_t)arena + 4096 * (sel % PAGES) + 8;  /* misaligned */
	default: return (uintptr_t)arena + 4096 * (sel % PAGES);
	}
}

static uint64_t take(const uint8_t **p, const uint8_t *end, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n && *p < end; i++)
		v |= (uint64_t)*(*p)++ << (8 * i);
	return v;
}

static int model_submit(void *ctx, uint32_t cmd, void *buf, size_t len)
{
	return psp_model_submit(ctx, cmd, buf, len);
}

static uint64_t fake_tsc(void) { return 123456789; }

static void check(const struct psp_model *m)
{
	unsigned live = 0;
	for (unsigned i = 0; i < PSP_MODEL_MAX_GUESTS; i++) {
		const struct psp_model_guest *g = &m->guests[i];
		if (g->state == GUEST_FREE)
			continue;
		live++;
		if (g->state == GUEST_RUNNING && !g->asid)
			abort();
		for (unsigned j = i + 1; j < PSP_MODEL_MAX_GUESTS; j++) {
			const struct psp_model_guest *h = &m->guests[j];
			if (h->state != GUEST_FREE && (h->gctx == g->gctx || (g->asid && h->asid == g->asid)))
				abort();
		}
	}
	struct psp_snp_platform_status st;
	struct psp_snp_addr a = { (uintptr_t)&st };
	struct psp_model copy = *m; /* status counts a command; keep the fuzzed model as it is */
	if (psp_model_submit(&copy, PSP_CMD_SNP_PLATFORM_STATUS, &a, sizeof(a)) != PSP_OK ||
	    st.guest_count != live || st.state != m->state)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!arena && !(arena = aligned_alloc(2u << 20, 4u << 20)))
		abort();
	/* What the model may have written at the last run (VMSA fields it reads back). */
	memset(arena, 0, 4096 * PAGES);
	memset(arena + (2u << 20), 0, 4096);
	static struct psp_model m;
	psp_model_init(&m, 16);
	m.host_tsc_khz = 2000000;
	m.read_tsc = fake_tsc;
	struct psp_transport t = { model_submit, &m };
	const uint8_t *p = data, *end = data + size;
	for (unsigned ops = 0; p < end && ops < 64; ops++) {
		uint8_t op = (uint8_t)take(&p, end, 1), sel = (uint8_t)take(&p, end, 1);
		uint64_t pa = addr(sel);
		switch (op % 12) {
		case 0: { /* the CPU's RMPUPDATE, as the hypervisor issues it */
			uint8_t f = (uint8_t)take(&p, end, 1);
			struct rmp_update e = { .assigned = f & 1, .pagesize = (f >> 1) & 1,
						.immutable = (f >> 2) & 1, .asid = (uint32_t)(f >> 3) };
			psp_model_rmpupdate(&m, pa, &e);
			break;
		}
		case 1: psp_snp_init_ex(&t, op & 0x10, (uint16_t)take(&p, end, 2)); break;
		case 2: psp_snp_gctx_create(&t, pa); break;
		case 3: psp_snp_launch_start(&t, pa, take(&p, end, 8), (uint32_t)take(&p, end, 4)); break;
		case 4: psp_snp_activate(&t, pa, (uint32_t)take(&p, end, 1)); break;
		case 5: {
			uint8_t k = (uint8_t)take(&p, end, 1);
			psp_snp_launch_update(&t, pa, addr(k), (enum snp_page_type)(k & 7), k & 8);
			break;
		}
		case 6: {
			uint8_t host_data[32] = { 0 };
			memcpy(host_data, p, (size_t)(end - p) < 32 ? (size_t)(end - p) : 32);
			psp_snp_launch_finish(&t, pa, host_data);
			break;
		}
		case 7: psp_snp_decommission(&t, pa); break;
		case 8: {
			struct psp_snp_feature_leaf leaf;
			psp_snp_feature_info(&t, (uint32_t)take(&p, end, 1), &leaf);
			break;
		}
		case 9: {
			struct psp_snp_platform_status st;
			psp_snp_platform_status(&t, &st);
			break;
		}
		default: { /* a raw buffer: any command, any length, fields as given except
			    * the addresses the model dereferences */
			uint32_t cmd = (uint32_t)take(&p, end, 1) | (op & 0x10 ? 0x100 : 0);
			size_t len = (size_t)take(&p, end, 1) % 72;
			uint8_t buf[72] = { 0 };
			for (size_t i = 0; i < len && p < end; i++)
				buf[i] = *p++;
			if (cmd == PSP_CMD_SNP_PLATFORM_STATUS && len >= 8)
				memcpy(buf, &(uint64_t){ pa }, 8);
			if (cmd == PSP_CMD_SNP_FEATURE_INFO && len >= 16)
				memcpy(buf + 8, &(uint64_t){ pa }, 8);
			if (cmd == PSP_CMD_SNP_LAUNCH_UPDATE && len >= 24)
				memcpy(buf + 16, &(uint64_t){ pa }, 8);
			psp_model_submit(&m, cmd, op & 0x20 ? NULL : buf, len);
			break;
		}
		}
		psp_status_name((int)op - 8);
		psp_cmd_name(op);
		check(&m);
	}
	return 0;
}
