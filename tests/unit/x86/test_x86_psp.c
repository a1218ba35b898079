/* The PSP command layer (marshalling byte by byte), the model PSP's state machine and
 * refusals, and the shared SNP launch sequence over both. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/psp.h>
#include <x86/snp_launch.h>

/* A transport that records what it is given and answers a fixed status. */
struct recorder {
	uint32_t cmd;
	size_t len;
	uint8_t buf[64];
	int answer;
	unsigned calls;
};

static int record(void *ctx, uint32_t cmd, void *buf, size_t len)
{
	struct recorder *r = ctx;
	r->cmd = cmd;
	r->len = len;
	memcpy(r->buf, buf, len < sizeof(r->buf) ? len : sizeof(r->buf));
	r->calls++;
	return r->answer;
}

static uint64_t u64_at(const uint8_t *b, size_t off) { uint64_t v; memcpy(&v, b + off, 8); return v; }
static uint32_t u32_at(const uint8_t *b, size_t off) { uint32_t v; memcpy(&v, b + off, 4); return v; }
static uint16_t u16_at(const uint8_t *b, size_t off) { uint16_t v; memcpy(&v, b + off, 2); return v; }

static void test_marshalling(void **state)
{
	struct recorder r = { 0 };
	struct psp_transport t = { record, &r };
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, 0x30000, 2400000), 0);
	assert_int_equal(r.cmd, 0xA0);
	assert_int_equal(r.len, 48);
	assert_int_equal(u64_at(r.buf, 0), 0x7000);   /* gctx_paddr */
	assert_int_equal(u64_at(r.buf, 8), 0x30000);  /* policy */
	assert_int_equal(u64_at(r.buf, 16), 0);       /* ma_gctx_paddr */
	assert_int_equal(u32_at(r.buf, 28), 2400000); /* desired_tsc_khz */

	assert_int_equal(psp_snp_init_ex(&t, true, 40), 0);
	assert_int_equal(r.cmd, 0x85);
	assert_int_equal(r.len, 64);
	assert_int_equal(u32_at(r.buf, 0), (1u << 0) | (1u << 3)); /* INIT_RMP | ciphertext hiding */
	assert_int_equal(u16_at(r.buf, 16), 40);

	assert_int_equal(psp_snp_launch_update(&t, 0x7000, 0x200000, SNP_PAGE_NORMAL, true), 0);
	assert_int_equal(r.cmd, 0xA1);
	assert_int_equal(r.len, 32);
	assert_int_equal(u32_at(r.buf, 8), (1u << 1) | 1u); /* type NORMAL << 1 | 2 MiB */
	assert_int_equal(u64_at(r.buf, 16), 0x200000);

	assert_int_equal(psp_snp_activate(&t, 0x7000, 5), 0);
	assert_int_equal(r.cmd, 0x91);
	assert_int_equal(r.len, 12);
	assert_int_equal(u32_at(r.buf, 8), 5);

	assert_int_equal(psp_snp_decommission(&t, 0x7000), 0);
	assert_int_equal(r.cmd, 0x90);
	assert_int_equal(r.len, 8);
	assert_int_equal(psp_snp_gctx_create(&t, 0x9000), 0);
	assert_int_equal(r.cmd, 0x93);
	assert_int_equal(u64_at(r.buf, 0), 0x9000);
	assert_int_equal(psp_snp_launch_finish(&t, 0x7000, NULL), 0);
	assert_int_equal(r.cmd, 0xA2);
	assert_int_equal(r.len, 64);

	r.answer = PSP_POLICY_FAILURE;
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, 0, 0), PSP_POLICY_FAILURE);
	assert_string_equal(psp_status_name(PSP_POLICY_FAILURE), "POLICY_FAILURE");
	assert_string_equal(psp_cmd_name(0xA0), "SNP_LAUNCH_START");
	assert_int_equal(psp_cmd_buffer_len(0x42), 0);
}

static struct psp_model model;
static struct psp_transport model_transport(void)
{
	psp_model_init(&model, 16);
	return (struct psp_transport){ psp_model_submit, &model };
}

static void rmp_set(uint64_t pa, uint32_t asid, bool large)
{
	struct rmp_update e = { .assigned = 1, .immutable = 1, .asid = asid, .pagesize = large };
	assert_int_equal(psp_model_rmpupdate(&model, pa, &e), 0);
}

static int rmp_update(void *ctx, uint64_t pa, const struct rmp_update *e)
{
	return psp_model_rmpupdate(ctx, pa, e);
}

static void test_model_states(void **state)
{
	struct psp_transport t = model_transport();
	rmp_set(0x7000, 0, false);
	rmp_set(0x8000, 0, false);
	rmp_set(0x200000, 3, true);
	struct psp_snp_platform_status st;
	assert_int_equal(psp_snp_platform_status(&t, &st), PSP_OK);
	assert_int_equal(st.state, SNP_STATE_UNINIT);
	/* Nothing but status and INIT_EX before the platform is initialized. */
	assert_int_equal(psp_snp_gctx_create(&t, 0x7000), PSP_INVALID_PLATFORM_STATE);
	assert_int_equal(psp_snp_init_ex(&t, true, 16), PSP_INVALID_PARAM); /* max_snp_asid too big */
	assert_int_equal(psp_snp_init_ex(&t, true, 7), PSP_OK);
	assert_int_equal(psp_snp_init_ex(&t, false, 0), PSP_INVALID_PLATFORM_STATE);
	assert_int_equal(psp_snp_gctx_create(&t, 0x7001), PSP_INVALID_ADDRESS);
	assert_int_equal(psp_snp_gctx_create(&t, 0x7000), PSP_OK);
	/* Order: LAUNCH_UPDATE / FINISH before START are refused. */
	assert_int_equal(psp_snp_launch_update(&t, 0x7000, 0x1000, SNP_PAGE_NORMAL, false), PSP_INVALID_GUEST_STATE);
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, 0, 0), PSP_POLICY_FAILURE); /* bit 17 clear */
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, SNP_POLICY_DEFAULT | (9ull << 8), 0), PSP_POLICY_FAILURE);
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, SNP_POLICY_DEFAULT, 1800000), PSP_OK);
	assert_int_equal(psp_snp_launch_finish(&t, 0x7000, NULL), PSP_INVALID_GUEST_STATE); /* no ASID */
	assert_int_equal(psp_snp_activate(&t, 0x7000, 8), PSP_INVALID_ASID); /* outside 1..7 */
	assert_int_equal(psp_snp_activate(&t, 0x7000, 3), PSP_OK);
	assert_int_equal(psp_snp_launch_update(&t, 0x7000, 0x201000, SNP_PAGE_NORMAL, true), PSP_INVALID_ADDRESS);
	assert_int_equal(psp_snp_launch_update(&t, 0x7000, 0x200000, SNP_PAGE_NORMAL, true), PSP_OK);
	assert_int_equal(psp_snp_launch_finish(&t, 0x7000, NULL), PSP_OK);
	const struct psp_model_guest *g = psp_model_find(&model, 0x7000);
	assert_non_null(g);
	assert_int_equal(g->state, GUEST_RUNNING);
	assert_int_equal(g->tsc_khz, 1800000);
	assert_int_equal(g->pages_measured, 512);
	/* A second guest cannot take the same ASID; unknown contexts are refused. */
	assert_int_equal(psp_snp_gctx_create(&t, 0x8000), PSP_OK);
	assert_int_equal(psp_snp_launch_start(&t, 0x8000, SNP_POLICY_DEFAULT, 0), PSP_OK);
	assert_int_equal(psp_snp_activate(&t, 0x8000, 3), PSP_ASID_OWNED);
	assert_int_equal(psp_snp_launch_start(&t, 0x9000, SNP_POLICY_DEFAULT, 0), PSP_INVALID_GUEST);
	assert_int_equal(psp_snp_decommission(&t, 0x7000), PSP_OK);
	assert_null(psp_model_find(&model, 0x7000));
	assert_int_equal(psp_snp_decommission(&t, 0x7000), PSP_INVALID_GUEST);
	assert_int_equal(psp_snp_platform_status(&t, &st), PSP_OK);
	assert_int_equal(st.state, SNP_STATE_INIT);
	assert_int_equal(st.guest_count, 1);
	assert_true(st.features & SNP_STATUS_CIPHERTEXT_HIDING_EN);
	/* Wrong buffer length or unknown command. */
	assert_int_equal(psp_model_submit(&model, PSP_CMD_SNP_LAUNCH_START, &st, 8), PSP_INVALID_LEN);
	assert_int_equal(psp_model_submit(&model, 0x42, &st, 8), PSP_INVALID_COMMAND);
}

static void test_launch_sequence(void **state)
{
	struct psp_transport t = model_transport();
	struct snp_rmp rmp = { rmp_update, &model };
	char err[120];
	struct snp_launch_params p = {
		.gctx_pa = 0x7000, .asid = 2, .policy = SNP_POLICY_DEFAULT, .tsc_khz = 1000000,
		.mem_pa = 0x400000, .mem_size = (4 << 20) + 0x3000,
	};
	assert_int_equal(snp_launch(&t, &rmp, &p, err, sizeof(err)), 0);
	const struct psp_model_guest *g = psp_model_find(&model, 0x7000);
	assert_non_null(g);
	assert_int_equal(g->state, GUEST_RUNNING);
	assert_int_equal(g->asid, 2);
	assert_int_equal(g->tsc_khz, 1000000);
	assert_int_equal(g->pages_measured, 2 * 512 + 3); /* two 2 MiB pages, three 4 KiB */
	assert_int_equal(model.state, SNP_STATE_INIT);     /* INIT_EX done on the way */

	/* A refused launch names the command and status, and leaves no context behind. */
	struct snp_launch_params bad = p;
	bad.gctx_pa = 0x9000;
	bad.policy = 0;
	assert_int_equal(snp_launch(&t, &rmp, &bad, err, sizeof(err)), -1);
	assert_string_equal(err, "SNP_LAUNCH_START: POLICY_FAILURE (7)");
	assert_null(psp_model_find(&model, 0x9000));
	bad.policy = SNP_POLICY_DEFAULT;
	bad.asid = 2; /* owned by the first guest */
	assert_int_equal(snp_launch(&t, &rmp, &bad, err, sizeof(err)), -1);
	assert_string_equal(err, "SNP_ACTIVATE: ASID_OWNED (12)");
	assert_int_equal(snp_retire(&t, &rmp, &p, err, sizeof(err)), 0);
	assert_int_equal(snp_retire(&t, &rmp, &p, err, sizeof(err)), -1);

	/* A transport that is not there. */
	struct recorder r = { .answer = PSP_NO_DEVICE };
	struct psp_transport none = { record, &r };
	assert_int_equal(snp_launch(&none, &rmp, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "SNP_PLATFORM_STATUS: no PSP device (-1)");
}

/* A fake PSP behind the mailbox registers: it answers a command after a few polls. */
static const struct psp_mailbox_regs fake_regs = { 0x10980, 0x109e0, 0x109e4 };
struct fake_psp {
	uint32_t regs[3];            /* cmdresp, lo, hi as last written */
	unsigned polls_before_done, polls;
	int status;
	uint64_t clock_ms;
	uint32_t seen_cmd;
	uint64_t seen_pa;
};

static uint32_t *fake_reg(struct fake_psp *f, uint32_t off)
{
	return off == fake_regs.cmdresp ? &f->regs[0] : off == fake_regs.cmdbuf_lo ? &f->regs[1] : &f->regs[2];
}

static void fake_write(void *ctx, uint32_t off, uint32_t v)
{
	struct fake_psp *f = ctx;
	*fake_reg(f, off) = v;
	if (off == fake_regs.cmdresp) {
		f->seen_cmd = v >> PSP_CMDRESP_CMD_SHIFT;
		f->seen_pa = (uint64_t)f->regs[2] << 32 | f->regs[1];
		f->polls = 0;
	}
}

static uint32_t fake_read(void *ctx, uint32_t off)
{
	struct fake_psp *f = ctx;
	if (off == fake_regs.cmdresp && ++f->polls > f->polls_before_done && f->polls_before_done != ~0u)
		return PSP_CMDRESP_RESP | (uint32_t)f->status;
	return *fake_reg(f, off) & ~PSP_CMDRESP_RESP;
}

static uint64_t fake_now(void *ctx) { return ((struct fake_psp *)ctx)->clock_ms++; }
/* A "physical" address with both halves non-zero, to see both registers written. */
static uint64_t fake_pa(const void *buf) { return 0x1200000000ull | ((uintptr_t)buf & 0xfffffff8u); }

static void test_mailbox(void **state)
{
	struct fake_psp f = { .polls_before_done = 3, .status = PSP_OK };
	struct psp_mailbox mb = { &fake_regs, fake_read, fake_write, fake_now, fake_pa, 100, &f };
	struct psp_transport t = { psp_mailbox_submit, &mb };
	assert_int_equal(psp_snp_gctx_create(&t, 0x7000), PSP_OK);
	assert_int_equal(f.seen_cmd, PSP_CMD_SNP_GCTX_CREATE);
	assert_int_equal(f.seen_pa >> 32, 0x12); /* high half of the address in CMDBUF_HI */
	assert_int_not_equal((uint32_t)f.seen_pa, 0);
	f.status = PSP_POLICY_FAILURE;
	assert_int_equal(psp_snp_launch_start(&t, 0x7000, 0, 0), PSP_POLICY_FAILURE);
	assert_int_equal(f.seen_cmd, PSP_CMD_SNP_LAUNCH_START);
	f.polls_before_done = ~0u; /* firmware never answers */
	assert_int_equal(psp_snp_decommission(&t, 0x7000), PSP_TIMEOUT);
	mb.regs = NULL;
	assert_int_equal(psp_snp_decommission(&t, 0x7000), PSP_NO_DEVICE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marshalling),
		cmocka_unit_test(test_model_states),
		cmocka_unit_test(test_launch_sequence),
		cmocka_unit_test(test_mailbox),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
