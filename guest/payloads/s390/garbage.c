/* garbage (s390x): privileged instructions fed random operands (subsystem ids, control
 * blocks, orders, commands, addresses) from a fixed-seed generator. Every outcome must
 * be one the architecture allows for that instruction: a condition code, or one of its
 * program exceptions. The operands are chosen so that no instruction can succeed in
 * wrecking the payload (no prefix inside memory, no channel program on a real device,
 * no reset orders to this CPU). */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include <css_defs.h>
#include "s390.h"
#include "trap.h"

/* Rounds per instruction: count= (default 200); seed= picks the operands. */
static int ROUNDS = 200;
static uint64_t pgm_seen[0x80]; /* program-interruption codes seen, for make soak */

static uint8_t scratch[8192] __attribute__((aligned(4096)));
static uint64_t mem;

/* A store operand: in the scratch buffer, possibly misaligned, or beyond memory. */
static void *operand(void)
{
	uint64_t r = tv_rand();
	if (r % 8 == 0)
		return (void *)(uintptr_t)(mem + (r >> 20) % (1UL << 30));
	return scratch + (r >> 8) % 64 + (r % 4);
}

static void fill_random(void *p, size_t n)
{
	uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)tv_rand();
}

struct outcome {
	unsigned rounds, bad;
	uint16_t bad_code;
	int bad_cc;
};

static void check(struct outcome *o, uint16_t code, int cc, const uint16_t *allowed, size_t n)
{
	o->rounds++;
	pgm_seen[code & 0x7f] += code != 0;
	bool ok = code == 0 ? (cc >= 0 && cc <= 3) : false;
	for (size_t i = 0; i < n && !ok; i++)
		ok = code == allowed[i];
	if (!ok && !o->bad++) {
		o->bad_code = code;
		o->bad_cc = cc;
	}
}

static void verdict(const char *name, const struct outcome *o)
{
	tv_fuzz_report_calls(name, o->rounds);
	report(o->bad == 0, "%s: %u random operands, only architected outcomes%s", name, o->rounds,
	       o->bad ? " (see INFO)" : "");
	if (o->bad)
		report_info("%s: %u unexpected, first: program interruption 0x%02x, cc %d", name,
			    o->bad, o->bad_code, o->bad_cc);
}

static const uint16_t io_codes[] = { PGM_OPERAND, PGM_SPECIFICATION, PGM_ADDRESSING };
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A subsystem id: malformed, or naming a subchannel that does not exist. */
static uint32_t garbage_sid(void)
{
	uint32_t r = (uint32_t)tv_rand();
	return (r & 1) ? r : (SID_ONE | 0x100 | (r >> 16));
}

static void run_io(void)
{
	struct outcome stsch_o = { 0 }, msch_o = { 0 }, ssch_o = { 0 }, tsch_o = { 0 };
	for (int i = 0; i < ROUNDS; i++) {
		int cc = -1;
		pgm_expect_begin();
		cc = stsch(garbage_sid(), operand());
		check(&stsch_o, pgm_expect_end(), cc, io_codes, N(io_codes));
		fill_random(scratch, 64);
		pgm_expect_begin();
		cc = msch(garbage_sid(), scratch + (tv_rand() % 4));
		check(&msch_o, pgm_expect_end(), cc, io_codes, N(io_codes));
		fill_random(scratch, 64);
		pgm_expect_begin();
		cc = ssch(garbage_sid(), scratch + (tv_rand() % 4));
		check(&ssch_o, pgm_expect_end(), cc, io_codes, N(io_codes));
		pgm_expect_begin();
		cc = tsch(garbage_sid(), operand());
		check(&tsch_o, pgm_expect_end(), cc, io_codes, N(io_codes));
	}
	verdict("STSCH", &stsch_o);
	verdict("MSCH", &msch_o);
	verdict("SSCH", &ssch_o);
	verdict("TSCH", &tsch_o);
}

static void run_sigp(void)
{
	/* Orders that only sense or signal may go to this CPU; anything to CPUs that do
	 * not exist. */
	static const uint8_t safe_self[] = { SIGP_SENSE, SIGP_EMERGENCY_SIGNAL, SIGP_SENSE_RUNNING,
					     0x20, 0x3f, 0xff };
	struct outcome o = { 0 };
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t r = tv_rand();
		uint16_t cpu = (r & 1) ? 0 : (uint16_t)(1 + (r >> 8) % 0xfffe);
		uint8_t order = cpu == 0 ? safe_self[(r >> 32) % sizeof(safe_self)] : (uint8_t)(r >> 40);
		uint32_t status;
		pgm_expect_begin();
		int cc = sigp(cpu, order, tv_rand(), &status);
		check(&o, pgm_expect_end(), cc, NULL, 0);
	}
	verdict("SIGP", &o);
}

static void run_servc(void)
{
	static const uint16_t codes[] = { PGM_SPECIFICATION, PGM_ADDRESSING };
	struct outcome o = { 0 };
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t r = tv_rand();
		uint8_t *sccb;
		switch (r % 4) {
		case 0: sccb = (uint8_t *)(uintptr_t)((r >> 8) % 0x2000); break;      /* low core */
		case 1: sccb = (uint8_t *)(uintptr_t)(mem + ((r >> 8) & 0xfff000)); break;
		case 2: sccb = scratch + ((r >> 8) % 8) ; break;                        /* misaligned */
		default: sccb = scratch; break;
		}
		if (sccb == scratch) {
			memset(scratch, 0, 64);
			scratch[0] = (uint8_t)(r >> 16);     /* random length, zero contents */
			scratch[1] = (uint8_t)(r >> 24);
		}
		uint32_t cmd = (uint32_t)(tv_rand() & 0xffff00ff) | 0x01;
		pgm_expect_begin();
		int cc = servc(cmd, sccb);
		check(&o, pgm_expect_end(), cc, codes, N(codes));
	}
	verdict("SERVC", &o);
}

static void run_control(void)
{
	static const uint16_t codes[] = { PGM_SPECIFICATION, PGM_ADDRESSING };
	struct outcome lctlg_o = { 0 }, spx_o = { 0 }, diag_o = { 0 };
	uint64_t cr6 = stctg(6);
	for (int i = 0; i < ROUNDS; i++) {
		/* CR6 (I/O subclass masks) with I/O disabled: any value is harmless. */
		void *p = operand();
		if ((uint8_t *)p >= scratch && (uint8_t *)p < scratch + sizeof(scratch))
			fill_random(p, 8);
		pgm_expect_begin();
		asm volatile("lctlg 6,6,0(%0)" : : "a"(p) : "memory");
		check(&lctlg_o, pgm_expect_end(), 0, codes, N(codes));
		/* SPX: a prefix beyond memory, or a misaligned operand. */
		uint32_t *pp = (uint32_t *)(scratch + 128 + (tv_rand() % 2) * 2);
		*pp = (uint32_t)(mem + tv_rand() % (0x80000000UL - mem));
		pgm_expect_begin();
		asm volatile("spx 0(%0)" : : "a"(pp) : "memory");
		check(&spx_o, pgm_expect_end(), 0, codes, N(codes));
		/* DIAG codes nobody implements (not IPL 0x308, virtio 0x500, watchdog 0x288,
		 * testvisor's own 0x7e0, or the no-ops 0x44/0x9c). */
		uint16_t code;
		do
			code = (uint16_t)(tv_rand() & 0xfff);
		while (code == 0x308 || code == 0x500 || code == 0x288 || code == 0x7e0 ||
		       code == 0x44 || code == 0x9c);
		pgm_expect_begin();
		diag(code, tv_rand(), tv_rand());
		check(&diag_o, pgm_expect_end(), 0, codes, 1);
	}
	lctlg(6, cr6);
	report(stpx() == 0, "the prefix never moved");
	verdict("LCTLG", &lctlg_o);
	verdict("SPX", &spx_o);
	verdict("DIAG", &diag_o);
}

int main(int argc, char **argv)
{
	report_prefix_push("garbage");
	ROUNDS = (int)tv_fuzz_args(argc, argv, 200);
	mem = sclp_memory_size();
	if (!mem)
		report_abort("SCLP Read SCP Info failed");
	run_io();
	run_sigp();
	run_servc();
	run_control();
	tv_fuzz_report_exception_counts("garbage", "program 0x%02x", pgm_seen, 1, 0x80);
	report_prefix_pop();
	return report_summary();
}
