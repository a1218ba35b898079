/* ccw_fuzz (s390x): random channel programs on a real subchannel (0.0.0000, the device
 * both QEMU and testvisor present there). Each round builds a chain of 1-4 format-1 CCWs
 * with random commands (NOP, SENSE, SENSE ID, TIC, and command codes neither device
 * takes), flags (CD, CC, SLI, SKIP, PCI, IDA, S), counts and data addresses, starts it
 * with a random ORB (key, suspend control, prefetch, ISIC/ALCC/SSIC, LPM, CCW address),
 * and collects the status. The rule (PoP ch. 14-16, "START SUBCHANNEL", "TEST
 * SUBCHANNEL", "CLEAR SUBCHANNEL"): SSCH ends with a condition code or an operand or
 * specification exception; a started program ends with status pending, at once or after
 * CLEAR SUBCHANNEL (a suspended one never would); the device writes only inside the
 * data buffer the CCWs name. Data addresses are inside that buffer or beyond memory,
 * TIC targets inside the CCW area or beyond memory, so that no outcome can touch the
 * payload. Arguments: seed=<n> count=<n> (rounds, default 300). */
#include <libtv.h>
#include <string.h>
#include <css_defs.h>
#include "s390.h"
#include "trap.h"

#define SID0 (SID_ONE | 0)
#define DATA_SIZE 4096
#define GUARD 0xa5
#define MAX_CCWS 4

static uint8_t area[3 * DATA_SIZE] __attribute__((aligned(4096))); /* guard | data | guard */
static uint8_t *const data = area + DATA_SIZE;
static struct ccw1 ccws[MAX_CCWS + 1] __attribute__((aligned(8)));
static uint32_t idaws[4] __attribute__((aligned(8))); /* IDAW list of the random CCWs */
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(8)));
static uint64_t mem;

static int csch(uint32_t sid)
{
	register uint64_t r1 asm("1") = sid;
	int cc;
	asm volatile("csch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

static uint32_t random_cda(uint16_t count)
{
	uint64_t r = tv_rand();
	if (r % 8 == 0)
		return (uint32_t)(mem + (r >> 8) % 0x100000); /* beyond memory */
	return (uint32_t)(uintptr_t)(data + (r >> 8) % (DATA_SIZE - count));
}

static void build_chain(unsigned n)
{
	/* Commands: NOP, SENSE, SENSE ID, TIC, and invalid 0x00 and sense-class 0x14/0x24,
	 * which neither virtio-ccw nor testvisor's device takes. */
	static const uint8_t cmds[] = { CCW_CMD_NOOP, CCW_CMD_SENSE, CCW_CMD_SENSE_ID, 0x08,
					0x00, 0x14, 0x24 };
	static const uint8_t flag_bits[] = { CCW_FLAG_CD, CCW_FLAG_CC, CCW_FLAG_SLI,
					     CCW_FLAG_SKIP, CCW_FLAG_PCI, CCW_FLAG_IDA,
					     CCW_FLAG_SUSPEND };
	for (unsigned i = 0; i < n; i++) {
		uint64_t r = tv_rand();
		uint8_t cmd = cmds[r % sizeof(cmds)];
		uint8_t flags = 0;
		for (unsigned b = 0; b < sizeof(flag_bits); b++)
			if ((r >> (8 + b)) % 4 == 0)
				flags |= flag_bits[b];
		uint16_t count = (uint16_t)((r >> 20) % 65);
		uint32_t cda = random_cda(count);
		if (cmd == 0x08) { /* TIC: within the chain (maybe misaligned) or beyond memory */
			flags = 0;
			cda = (r >> 40) % 8 == 0 ? (uint32_t)(mem + 0x1000) :
			      (uint32_t)(uintptr_t)&ccws[(r >> 44) % MAX_CCWS] + ((r >> 48) % 2) * 4;
		} else if (flags & CCW_FLAG_IDA) { /* IDAWs into the data buffer, 2K steps */
			idaws[0] = (uint32_t)(uintptr_t)data + (uint32_t)((r >> 52) % 512);
			idaws[1] = (uint32_t)(uintptr_t)data + 2048;
			idaws[2] = (r >> 60) ? (uint32_t)(uintptr_t)data : (uint32_t)mem; /* beyond */
			cda = (uint32_t)(uintptr_t)idaws;
		}
		ccws[i] = (struct ccw1){ cmd, flags, count, cda };
	}
	ccws[n] = (struct ccw1){ 0 }; /* chaining past the last: an invalid command */
}

static void build_orb(void)
{
	uint64_t r = tv_rand();
	orb = (struct orb){ .intparm = (uint32_t)r, .ctrl0 = ORB_CTRL0_FMT, .lpm = 0xff };
	if (r & (1ull << 32)) orb.ctrl0 |= ORB_CTRL0_SPND;
	if (r & (1ull << 33)) orb.ctrl0 |= ORB_CTRL0_PFCH;
	if (r & (1ull << 34)) orb.ctrl0 |= ORB_CTRL0_ISIC;
	if (r & (1ull << 35)) orb.ctrl0 |= ORB_CTRL0_ALCC;
	if (r & (1ull << 36)) orb.ctrl0 |= ORB_CTRL0_SSIC;
	if ((r >> 37) % 8 == 0) orb.ctrl0 |= (uint16_t)(((r >> 40) & 0xf) << 12); /* key */
	if ((r >> 44) % 8 == 0) orb.lpm = (uint8_t)(r >> 48);
	if ((r >> 56) % 16 == 0) orb.ctrl0 |= (uint16_t)((r >> 60) & ORB_CTRL0_RESERVED);
	if ((r >> 58) % 16 == 0) orb.ctrl1 = (uint8_t)(r >> 24);
	orb.cpa = (r >> 62) == 0 ? (uint32_t)(mem + 0x2000) : (uint32_t)(uintptr_t)ccws;
}

static uint64_t calls; /* subchannel instructions issued, for make soak's totals */

/* Status pending within a bounded number of TEST SUBCHANNELs (programs run at once on
 * both platforms: a few tries tell a suspended one). */
static bool collect(int *tsch_cc)
{
	for (int i = 0; i < 16; i++) {
		calls++;
		*tsch_cc = tsch(SID0, &irb);
		if (*tsch_cc == 0)
			return true;
	}
	return false;
}

static bool guards_intact(void)
{
	for (unsigned i = 0; i < DATA_SIZE; i++)
		if (area[i] != GUARD || area[2 * DATA_SIZE + i] != GUARD)
			return false;
	return true;
}

/* Starts one fixed program and collects its status (cc of SSCH, or -1 when it did not end
 * by itself: then it is cleared). */
static int run_fixed(uint16_t orb_ctrl0)
{
	orb = (struct orb){ .intparm = 1, .ctrl0 = ORB_CTRL0_FMT | orb_ctrl0, .lpm = 0xff,
			    .cpa = (uint32_t)(uintptr_t)ccws };
	if (ssch(SID0, &orb) != 0)
		return -2;
	int tcc;
	if (collect(&tcc))
		return 0;
	csch(SID0);
	collect(&tcc);
	return -1;
}

static int rsch(uint32_t sid)
{
	register uint64_t r1 asm("1") = sid;
	int cc;
	asm volatile("rsch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

/* Suspension (PoP ch. 15, "Suspension of Channel-Program Execution"; RESUME SUBCHANNEL):
 * a CCW with the S flag suspends the program before its command when the ORB's suspend
 * control is one, and is a program check when it is zero; RESUME SUBCHANNEL refetches the
 * suspended CCW, which suspends again while its S flag is still one. ccw_fuzz found
 * testvisor not suspending at all (docs/HARDENING.md). */
static void suspend_flag(void)
{
	ccws[0] = (struct ccw1){ CCW_CMD_NOOP, CCW_FLAG_SUSPEND | CCW_FLAG_CC, 0, 0 };
	ccws[1] = (struct ccw1){ CCW_CMD_NOOP, 0, 0, 0 };
	orb = (struct orb){ .intparm = 2, .ctrl0 = ORB_CTRL0_FMT | ORB_CTRL0_SPND, .lpm = 0xff,
			    .cpa = (uint32_t)(uintptr_t)ccws };
	int tcc;
	report(ssch(SID0, &orb) == 0 && !collect(&tcc) && tcc == 1,
	       "suspend flag with suspend control: the program suspends, no status");
	static struct schib sb __attribute__((aligned(4)));
	stsch(SID0, &sb);
	report((sb.scsw.ctrl & SCSW_CTRL_FCTL_START) && (sb.scsw.ctrl & 0x0020),
	       "the subchannel shows the start function, suspended");
	report(ssch(SID0, &orb) == 2, "SSCH while suspended: busy, cc 2");
	report(rsch(SID0) == 0 && !collect(&tcc), "RSCH with the S flag still one: suspended again");
	ccws[0].flags = CCW_FLAG_CC;
	report(rsch(SID0) == 0 && collect(&tcc) &&
	       (irb.scsw.dstat & (DSTAT_CHANNEL_END | DSTAT_DEVICE_END)) ==
	       (DSTAT_CHANNEL_END | DSTAT_DEVICE_END) && !irb.scsw.cstat,
	       "RSCH after the S flag is cleared: the program ends, channel and device end");
	report(rsch(SID0) == 2, "RSCH with nothing suspended: cc 2");
	ccws[0] = (struct ccw1){ CCW_CMD_NOOP, CCW_FLAG_SUSPEND, 0, 0 };
	int r = run_fixed(0);
	report(r == 0 && (irb.scsw.cstat & CSTAT_PROGRAM_CHECK),
	       "suspend flag without suspend control: program check");
}

int main(int argc, char **argv)
{
	int rounds = (int)tv_fuzz_args(argc, argv, 300);
	mem = sclp_memory_size();
	static struct schib schib __attribute__((aligned(4)));
	if (stsch(SID0, &schib) != 0) {
		report_skip("no subchannel 0.0.0000");
		return report_summary();
	}
	schib.pmcw.flags |= PMCW_FLAGS_ENA;
	if (!report(msch(SID0, &schib) == 0, "MSCH enables subchannel 0.0.0000"))
		return report_summary();
	suspend_flag();
	memset(area, GUARD, sizeof(area));
	unsigned started = 0, bad_ssch = 0, hung = 0, cleared = 0, by_cc[4] = { 0 };
	unsigned pgm_checks = 0, unit_checks = 0, suspended = 0, first_bad_code = 0;
	for (int i = 0; i < rounds; i++) {
		build_chain(1 + (unsigned)(tv_rand() % MAX_CCWS));
		build_orb();
		pgm_expect_begin();
		calls++;
		int cc = ssch(SID0, &orb);
		uint16_t code = pgm_expect_end();
		if (code) {
			if (code != PGM_OPERAND && code != PGM_SPECIFICATION && !bad_ssch++)
				first_bad_code = code;
			continue;
		}
		by_cc[cc & 3]++;
		if (cc != 0)
			continue;
		started++;
		int tcc;
		if (!collect(&tcc)) { /* still working or suspended: clear it */
			suspended++;
			calls++;
			if (csch(SID0) != 0 || !collect(&tcc)) {
				hung++;
				continue;
			}
			cleared++;
		}
		pgm_checks += (irb.scsw.cstat & CSTAT_PROGRAM_CHECK) != 0;
		unit_checks += (irb.scsw.dstat & DSTAT_UNIT_CHECK) != 0;
		while (calls++, tsch(SID0, &irb) == 0) /* intermediate status (PCI) then final */
			;
	}
	tv_fuzz_report_calls("channel_io", calls);
	report_info("%d rounds: %u started, cc 1/2/3 %u/%u/%u, %u needed CLEAR SUBCHANNEL, "
		    "%u program checks, %u unit checks", rounds, started, by_cc[1], by_cc[2],
		    by_cc[3], cleared, pgm_checks, unit_checks);
	report(bad_ssch == 0, "SSCH: a condition code or an operand/specification exception%s",
	       bad_ssch ? " (not so: see INFO)" : "");
	if (bad_ssch)
		report_info("%u SSCH with program interruption 0x%02x first", bad_ssch, first_bad_code);
	report(hung == 0, "every started program ended with status, at once or after CLEAR SUBCHANNEL");
	report(started > (unsigned)rounds / 4, "random ORBs still start most programs");
	report(guards_intact(), "the device wrote nothing outside the data buffer");
	report_info("%u programs were still running or suspended after the start, %u of them cleared, "
		    "%u not", suspended, cleared, hung);
	schib.pmcw.flags &= ~PMCW_FLAGS_ENA;
	msch(SID0, &schib);
	return report_summary();
}
