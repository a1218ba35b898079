/* The hardware launch sequence run against the model PSP behind the mailbox doorbell: the
 * PSP commands and RMPUPDATEs in the order the SEV-SNP firmware ABI (AMD pub. 56860)
 * requires - the guest context page in the Firmware state before SNP_GCTX_CREATE, every
 * launch page in the Pre-Guest state (assigned to the guest's ASID, immutable) before its
 * SNP_LAUNCH_UPDATE, the VMSA's SNP_LAUNCH_UPDATE before SNP_LAUNCH_FINISH (firmware
 * refuses updates of a launched guest) - and the pages back to the Hypervisor state when
 * the guest goes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <x86/psp.h>
#include <x86/snp_launch.h>

static const struct psp_mailbox_regs regs = { 0x10980, 0x109e0, 0x109e4 };

/* Mailbox registers whose doorbell (a write of CMDRESP) runs the model PSP; a log of
 * every command and RMPUPDATE, in order. */
struct bench {
	uint32_t cmdresp, lo, hi;
	struct psp_model model;
	char log[64][40];
	unsigned n;
	unsigned page_types[16]; /* each SNP_LAUNCH_UPDATE's page type, in order */
	unsigned updates;
};

static void note(struct bench *b, const char *what)
{
	if (b->n < 64)
		snprintf(b->log[b->n++], sizeof(b->log[0]), "%s", what);
}

static void mb_write(void *ctx, uint32_t off, uint32_t v)
{
	struct bench *b = ctx;
	if (off == regs.cmdbuf_lo)
		b->lo = v;
	else if (off == regs.cmdbuf_hi)
		b->hi = v;
	else {
		uint32_t cmd = v >> PSP_CMDRESP_CMD_SHIFT;
		void *buf = (void *)(uintptr_t)((uint64_t)b->hi << 32 | b->lo);
		if (cmd == PSP_CMD_SNP_LAUNCH_UPDATE && b->updates < 16)
			b->page_types[b->updates++] = (((const struct psp_snp_launch_update *)buf)->page_info >> 1) & 7;
		int status = psp_model_submit(&b->model, cmd, buf, psp_cmd_buffer_len(cmd));
		note(b, psp_cmd_name(cmd));
		b->cmdresp = PSP_CMDRESP_RESP | (uint32_t)status;
	}
}
static uint32_t mb_read(void *ctx, uint32_t off) { return ((struct bench *)ctx)->cmdresp; }
static uint64_t mb_now(void *ctx) { return 0; }
static uint64_t mb_pa(const void *buf) { return (uint64_t)(uintptr_t)buf; }

static int rmp_update(void *ctx, uint64_t pa, const struct rmp_update *e)
{
	struct bench *b = ctx;
	note(b, !e->assigned ? "RMPUPDATE hypervisor" : e->asid ? "RMPUPDATE pre-guest" : "RMPUPDATE firmware");
	return psp_model_rmpupdate(&b->model, pa, e);
}

static struct bench bench;
static struct psp_mailbox mailbox;

static void setup(struct psp_transport *t, struct snp_rmp *rmp)
{
	memset(&bench, 0, sizeof(bench));
	psp_model_init(&bench.model, 16);
	mailbox = (struct psp_mailbox){ &regs, mb_read, mb_write, mb_now, mb_pa, 10, &bench };
	*t = (struct psp_transport){ psp_mailbox_submit, &mailbox };
	*rmp = (struct snp_rmp){ rmp_update, &bench };
}

static const struct snp_launch_params params = {
	.gctx_pa = 0x7000, .asid = 2, .policy = SNP_POLICY_DEFAULT, .tsc_khz = 1000000,
	.mem_pa = 0x400000, .mem_size = (4 << 20) + 0x1000, .vmsa_pa = 0x9000,
};

static void test_order(void **state)
{
	struct psp_transport t;
	struct snp_rmp rmp;
	setup(&t, &rmp);
	char err[120] = "";
	assert_int_equal(snp_launch(&t, &rmp, &params, err, sizeof(err)), 0);
	static const char *const want[] = {
		"SNP_PLATFORM_STATUS", "SNP_INIT_EX",
		"RMPUPDATE firmware", "SNP_GCTX_CREATE",
		"SNP_LAUNCH_START", "SNP_ACTIVATE",
		"RMPUPDATE pre-guest", "SNP_LAUNCH_UPDATE", /* 2 MiB */
		"RMPUPDATE pre-guest", "SNP_LAUNCH_UPDATE", /* 2 MiB */
		"RMPUPDATE pre-guest", "SNP_LAUNCH_UPDATE", /* 4 KiB */
		"RMPUPDATE pre-guest", "SNP_LAUNCH_UPDATE", /* VMSA */
		"SNP_LAUNCH_FINISH",
	};
	assert_int_equal(bench.n, sizeof(want) / sizeof(want[0]));
	for (unsigned i = 0; i < bench.n; i++)
		assert_string_equal(bench.log[i], want[i]);
	const struct psp_model_guest *g = psp_model_find(&bench.model, 0x7000);
	assert_int_equal(g->state, GUEST_RUNNING);
	assert_int_equal(g->vmsas_measured, 1);
	assert_int_equal(g->pages_measured, 2 * 512 + 1 + 1);
	const struct psp_model_rmp *vmsa = psp_model_rmp_find(&bench.model, 0x9000);
	assert_non_null(vmsa);
	assert_true(vmsa->vmsa && vmsa->validated);
	assert_int_equal(vmsa->e.asid, 2);
	assert_int_equal(vmsa->e.gpa, SNP_VMSA_GPA);
	/* The RMP entry of the second 2 MiB chunk names its guest-physical address. */
	assert_int_equal(psp_model_rmp_find(&bench.model, 0x600000)->e.gpa, 0x200000);

	/* Retiring: DECOMMISSION, then every page back to the Hypervisor state. */
	bench.n = 0;
	assert_int_equal(snp_retire(&t, &rmp, &params, err, sizeof(err)), 0);
	assert_string_equal(bench.log[0], "SNP_DECOMMISSION");
	for (unsigned i = 1; i < bench.n; i++)
		assert_string_equal(bench.log[i], "RMPUPDATE hypervisor");
	assert_null(psp_model_rmp_find(&bench.model, 0x9000));
	assert_null(psp_model_rmp_find(&bench.model, 0x7000));
}

/* What the model firmware refuses, so a sequence that skips a step fails. */
static void test_firmware_refusals(void **state)
{
	struct psp_transport t;
	struct snp_rmp rmp;
	setup(&t, &rmp);
	char err[120];
	assert_int_equal(snp_launch(&t, &rmp, &params, err, sizeof(err)), 0);
	/* A VMSA update after LAUNCH_FINISH (the order this file exists for). */
	assert_int_equal(psp_snp_launch_update(&t, 0x7000, 0xA000, SNP_PAGE_VMSA, false),
			 PSP_INVALID_GUEST_STATE);
	/* A context page left in the Hypervisor state. */
	assert_int_equal(psp_snp_gctx_create(&t, 0xB000), PSP_INVALID_PAGE_STATE);
	/* A launch page not made Pre-Guest for this guest. */
	struct rmp_update fw = { .assigned = 1, .immutable = 1 };
	assert_int_equal(psp_model_rmpupdate(&bench.model, 0xB000, &fw), 0);
	assert_int_equal(psp_snp_gctx_create(&t, 0xB000), PSP_OK);
	assert_int_equal(psp_snp_launch_start(&t, 0xB000, SNP_POLICY_DEFAULT, 0), PSP_OK);
	assert_int_equal(psp_snp_activate(&t, 0xB000, 3), PSP_OK);
	assert_int_equal(psp_snp_launch_update(&t, 0xB000, 0xC000, SNP_PAGE_NORMAL, false),
			 PSP_INVALID_PAGE_STATE);
	struct rmp_update other = { .assigned = 1, .immutable = 1, .asid = 2 };
	assert_int_equal(psp_model_rmpupdate(&bench.model, 0xC000, &other), 0);
	assert_int_equal(psp_snp_launch_update(&t, 0xB000, 0xC000, SNP_PAGE_NORMAL, false),
			 PSP_INVALID_PAGE_STATE); /* another guest's ASID */
	other.asid = 3;
	assert_int_equal(psp_model_rmpupdate(&bench.model, 0xC000, &other), 0);
	assert_int_equal(psp_snp_launch_update(&t, 0xB000, 0xC000, SNP_PAGE_NORMAL, false), PSP_OK);
	/* A failed launch leaves neither context nor assigned pages behind. */
	struct snp_launch_params bad = params;
	bad.gctx_pa = 0xD000;
	bad.vmsa_pa = 0xE000;
	bad.mem_pa = 0x1000000;
	bad.asid = 3; /* owned by the second guest */
	assert_int_equal(snp_launch(&t, &rmp, &bad, err, sizeof(err)), -1);
	assert_string_equal(err, "SNP_ACTIVATE: ASID_OWNED (12)");
	assert_null(psp_model_find(&bench.model, 0xD000));
	assert_null(psp_model_rmp_find(&bench.model, 0xD000));
}

/* secure_tsc_vmsa=firmware: the VMSA's GUEST_TSC_SCALE/OFFSET left 0 are filled by the
 * model firmware at its SNP_LAUNCH_UPDATE; values the hypervisor wrote are kept. */
static uint64_t fixed_tsc(void) { return 4000; }
static uint8_t vmsa_page[4096] __attribute__((aligned(4096)));

static void test_firmware_fills_secure_tsc(void **state)
{
	struct psp_transport t;
	struct snp_rmp rmp;
	setup(&t, &rmp);
	bench.model.host_tsc_khz = 2000000;
	bench.model.read_tsc = fixed_tsc;
	struct snp_launch_params p = params; /* 1 GHz guest on a 2 GHz host */
	p.vmsa_pa = (uint64_t)(uintptr_t)vmsa_page;
	char err[120];
	memset(vmsa_page, 0, sizeof(vmsa_page));
	assert_int_equal(snp_launch(&t, &rmp, &p, err, sizeof(err)), 0);
	uint64_t scale, offset;
	memcpy(&scale, vmsa_page + 0x2F0, 8);
	memcpy(&offset, vmsa_page + 0x2F8, 8);
	assert_int_equal(scale, 1ull << 31);        /* 0.5 in 8.32 */
	assert_int_equal(offset, (uint64_t)-2000);  /* guest TSC 0 at host TSC 4000 */
	assert_int_equal(snp_retire(&t, &rmp, &p, err, sizeof(err)), 0);

	setup(&t, &rmp);
	bench.model.host_tsc_khz = 2000000;
	bench.model.read_tsc = fixed_tsc;
	uint64_t mine = 3ull << 32;
	memcpy(vmsa_page + 0x2F0, &mine, 8);
	assert_int_equal(snp_launch(&t, &rmp, &p, err, sizeof(err)), 0);
	memcpy(&scale, vmsa_page + 0x2F0, 8);
	assert_int_equal(scale, mine);
}

/* Chunks the hypervisor found all zeros go in as ZERO pages (SNP ABI page type 3: the
 * firmware zeroes them, their contents are not measured); the others as NORMAL (1), the
 * VMSA as VMSA (2). Without the callback every chunk is NORMAL. */
static bool second_chunk_zero(uint64_t pa, uint64_t len) { return pa == 0x600000 && len == 2u << 20; }

static void test_zero_chunks(void **state)
{
	struct psp_transport t;
	struct snp_rmp rmp;
	setup(&t, &rmp);
	struct snp_launch_params p = params;
	p.chunk_is_zero = second_chunk_zero;
	char err[120];
	assert_int_equal(snp_launch(&t, &rmp, &p, err, sizeof(err)), 0);
	assert_int_equal(bench.updates, 4);
	assert_int_equal(bench.page_types[0], SNP_PAGE_NORMAL);
	assert_int_equal(bench.page_types[1], SNP_PAGE_ZERO);
	assert_int_equal(bench.page_types[2], SNP_PAGE_NORMAL);
	assert_int_equal(bench.page_types[3], SNP_PAGE_VMSA);
	setup(&t, &rmp);
	assert_int_equal(snp_launch(&t, &rmp, &params, err, sizeof(err)), 0);
	assert_int_equal(bench.page_types[1], SNP_PAGE_NORMAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_firmware_refusals),
		cmocka_unit_test(test_firmware_fills_secure_tsc),
		cmocka_unit_test(test_zero_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
