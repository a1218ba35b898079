/* SBI Debug Triggers (DBTR, SBI v3.0 §19, EID 0x44425452), written from the spec: the
 * trigger count, the shared memory and its errors, an mcontrol6 execute trigger that
 * raises a breakpoint exception at a function's first instruction (sepc = its address)
 * and what install, read, update, enable, disable and uninstall do to it. Standalone
 * OpenSBI 1.5 is the reference; its deviations from the spec are KFAIL there only
 * (implementation id 1), never under testvisor (docs/riscv-sbi.md, "DBTR"). Report texts
 * carry no values, so both modes print the same lines; values go to INFO lines. */
#include <fdt.h>
#include <libtv.h>
#include <string.h>
#include "sbi.h"
#include "smp.h"
#include "trap.h"

/* The numbers this suite is about, written out from the spec (not taken from sbi_defs.h,
 * which testvisor uses too). */
#define SPEC_EXT_DBTR 0x44425452  /* §19: "DBTR" */
enum {                            /* §19.9, table Debug Triggers Function List */
	NUM_TRIGGERS = 0, SET_SHMEM = 1, READ_TRIGGERS = 2, INSTALL_TRIGGERS = 3,
	UPDATE_TRIGGERS = 4, UNINSTALL_TRIGGERS = 5, ENABLE_TRIGGERS = 6, DISABLE_TRIGGERS = 7,
};
enum {                            /* §3, table Standard SBI Errors */
	ERR_INVALID_PARAM = -3, ERR_INVALID_ADDRESS = -5, ERR_NO_SHMEM = -9,
	ERR_BAD_RANGE = -11,
};
#define TS_MAPPED (1UL << 0)      /* §19, table Debug Trigger State Fields */
#define TS_S      (1UL << 2)
/* mcontrol6 (debug spec 1.0, 5.7.17): type 6 in bits 63:60, m 6, s 4, execute 2;
 * action 0 (breakpoint exception), match 0 (equal). */
#define MC6_TYPE    (6UL << 60)
#define MC6_M       (1UL << 6)
#define MC6_S       (1UL << 4)
#define MC6_EXECUTE (1UL << 2)
#define EXEC_S      (MC6_TYPE | MC6_S | MC6_EXECUTE)
#define CAUSE_BREAKPOINT 3

static bool on_opensbi;
/* Shared memory: room for 32 entries of four words (OpenSBI's most triggers). */
static uint64_t shm[32][4] __attribute__((aligned(64)));

static struct sbiret dbtr(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	return sbi_ecall(SPEC_EXT_DBTR, fid, a0, a1, a2, 0, 0, 0);
}

static void entry(unsigned i, uint64_t word0, uint64_t tdata1, uint64_t tdata2)
{
	shm[i][0] = word0, shm[i][1] = tdata1, shm[i][2] = tdata2, shm[i][3] = 0;
}

/* Two functions to put triggers on: each counts its runs. A trigger hit skips the body
 * (the handler returns to ra: the trigger fires before the first instruction). */
static volatile unsigned body_runs[2];
static __attribute__((noinline, aligned(4))) void target0(void) { body_runs[0]++; }
static __attribute__((noinline, aligned(4))) void target1(void) { body_runs[1]++; }
static void (*volatile targets[2])(void) = { target0, target1 };
#define TARGET(i) ((uint64_t)(uintptr_t)targets[i])

static volatile unsigned hits;
static volatile uint64_t hit_sepc, hit_stval;

static bool on_breakpoint(struct trap_frame *f)
{
	hits++;
	hit_sepc = f->sepc;
	hit_stval = f->stval;
	f->sepc = f->regs[1];  /* return from the function before it ran */
	return true;
}

/* Calls target i: whether the trigger fired (once, at its first instruction) rather than
 * the body running. */
static bool fires(unsigned i)
{
	hits = 0;
	unsigned runs = body_runs[i];
	targets[i]();
	if (hits)
		report_info("breakpoint at sepc %#lx, stval %#lx", (unsigned long)hit_sepc,
			    (unsigned long)hit_stval);
	return hits == 1 && hit_sepc == TARGET(i) && body_runs[i] == runs;
}
static bool runs_plainly(unsigned i)
{
	hits = 0;
	unsigned runs = body_runs[i];
	targets[i]();
	return hits == 0 && body_runs[i] == runs + 1;
}

static uint64_t ram_end(void)
{
	int mem = fdt_path_offset(boot_dtb, "/memory");
	int len = 0;
	const uint8_t *reg = mem < 0 ? NULL : fdt_getprop(boot_dtb, mem, "reg", &len);
	return reg && len >= 16 ? fdt_read_cells(reg, 2) + fdt_read_cells(reg + 8, 2) : 0;
}

static void info_ret(const char *what, struct sbiret r)
{
	report_info("%s: error %ld (%s), value %ld", what, r.error, sbi_err_name(r.error), r.value);
}

/* §19.2 errors; an accepted wrong request is taken back at once (-1, -1) so that nothing
 * ever uses it. */
static void check_set_shmem(void)
{
	struct sbiret r = dbtr(SET_SHMEM, (unsigned long)shm + 4, 0, 0);
	info_ret("misaligned", r);
	report(r.error == ERR_INVALID_PARAM, "set_shmem: address not 8-byte aligned: INVALID_PARAM");
	r = dbtr(SET_SHMEM, (unsigned long)shm, 0, 1);
	info_ret("flags 1", r);
	report_kfail(on_opensbi, r.error == ERR_INVALID_PARAM, "set_shmem: flags not zero: INVALID_PARAM");
	if (!r.error)
		dbtr(SET_SHMEM, ~0UL, ~0UL, 0);
	r = dbtr(SET_SHMEM, (unsigned long)shm, 1, 0);
	info_ret("hi 1", r);
	report(r.error == ERR_INVALID_ADDRESS, "set_shmem: address above 64 bits: INVALID_ADDRESS");
	uint64_t end = ram_end();
	if (end) {
		r = dbtr(SET_SHMEM, end + 0x100000, 0, 0);
		info_ret("outside RAM", r);
		report_kfail(on_opensbi, r.error == ERR_INVALID_ADDRESS,
			     "set_shmem: outside RAM: INVALID_ADDRESS");
		if (!r.error)
			dbtr(SET_SHMEM, ~0UL, ~0UL, 0);
	} else {
		report_skip("set_shmem outside RAM: no /memory in the DTB");
	}
	r = dbtr(SET_SHMEM, (unsigned long)shm, 0, 0);
	report(r.error == 0, "set_shmem in RAM succeeds");
	r = dbtr(SET_SHMEM, (unsigned long)shm, 0, 0);
	info_ret("set again", r);
	report_kfail(on_opensbi, r.error == 0, "set_shmem again (replacing it) succeeds");
}

/* One execute trigger on target0: install, read, fire, disable, enable, update to
 * target1, uninstall. */
static void check_one_trigger(unsigned long max)
{
	entry(0, 0, EXEC_S | MC6_M, TARGET(0));
	struct sbiret r = dbtr(INSTALL_TRIGGERS, 1, 0, 0);
	info_ret("install with m", r);
	report_kfail(on_opensbi, r.error == ERR_INVALID_PARAM && r.value == 0,
		     "install: tdata1.m set: INVALID_PARAM at entry 0");
	if (!r.error)
		dbtr(UNINSTALL_TRIGGERS, shm[0][0], 1, 0);

	entry(0, ~0UL, EXEC_S, TARGET(0));
	r = dbtr(INSTALL_TRIGGERS, 1, 0, 0);
	unsigned long idx = shm[0][0];
	info_ret("install", r);
	report_info("trigger index %#lx of %lu", idx, max);
	if (!report(r.error == 0, "install: an execute trigger"))
		return;
	report_kfail(on_opensbi, idx < max, "install: the trigger's index is written back");
	/* OpenSBI 1.5 leaves word 0 alone; it took its lowest free trigger, 0 here. */
	if (on_opensbi && idx == ~0UL)
		idx = 0;
	memset(shm, 0xee, sizeof(shm[0]));
	r = dbtr(READ_TRIGGERS, idx, 1, 0);
	report_info("read: error %ld state %#lx tdata1 %#lx tdata2 %#lx", r.error,
		    (unsigned long)shm[0][0], (unsigned long)shm[0][1], (unsigned long)shm[0][2]);
	report(r.error == 0 && (shm[0][0] & (TS_MAPPED | TS_S)) == (TS_MAPPED | TS_S) &&
	       (shm[0][1] & EXEC_S) == EXEC_S && !(shm[0][1] & MC6_M) && shm[0][2] == TARGET(0),
	       "read_triggers: mapped, s copied, tdata1 and tdata2 as installed");
	report(fires(0), "calling the function: breakpoint exception with sepc at its address");
	report(runs_plainly(1), "another function runs without an exception");

	r = dbtr(DISABLE_TRIGGERS, idx, 1, 0);
	report(r.error == 0 && runs_plainly(0), "disabled: the function runs without an exception");
	r = dbtr(ENABLE_TRIGGERS, idx, 1, 0);
	report(r.error == 0 && fires(0), "enabled again: breakpoint exception");

	entry(0, idx, EXEC_S, TARGET(1));
	r = dbtr(UPDATE_TRIGGERS, 1, 0, 0);
	info_ret("update", r);
	bool moved = r.error == 0 && fires(1);
	report_kfail(on_opensbi, moved && runs_plainly(0),
		     "update_triggers moves it to another function");

	r = dbtr(UNINSTALL_TRIGGERS, idx, 1, 0);
	report(r.error == 0 && runs_plainly(0) && runs_plainly(1),
	       "uninstalled: both functions run without an exception");
	memset(shm, 0xee, sizeof(shm[0]));
	r = dbtr(READ_TRIGGERS, idx, 1, 0);
	report(r.error == 0 && !(shm[0][0] & TS_MAPPED), "read_triggers: no longer mapped");
	r = dbtr(UNINSTALL_TRIGGERS, idx, 1, 0);
	info_ret("uninstall again", r);
	report(r.error == ERR_INVALID_PARAM, "uninstall of an index not installed: INVALID_PARAM");
}

/* Triggers are per hart (§19: "on the calling hart"): another hart has none of this
 * hart's, its own shared memory, and cannot uninstall this hart's trigger; this hart's
 * trigger still fires after the other hart ran (under testvisor: after the other vCPU
 * had the physical hart). */
static uint64_t other_shm[32][4] __attribute__((aligned(64)));
static volatile struct {
	bool done;
	long shmem, read, uninstall;
	uint64_t state;
	unsigned hits_before, hits_after;
} other;

static void other_hart(unsigned long hartid, void *arg)
{
	unsigned long idx = (unsigned long)arg;
	other.shmem = dbtr(SET_SHMEM, (unsigned long)other_shm, 0, 0).error;
	other_shm[0][0] = 0xee;
	other.read = dbtr(READ_TRIGGERS, idx, 1, 0).error;
	other.state = other_shm[0][0];
	other.uninstall = dbtr(UNINSTALL_TRIGGERS, idx, 1, 0).error;
	other.hits_before = hits;
	targets[0]();
	other.hits_after = hits;
	__asm__ volatile("fence rw, rw" ::: "memory");
	other.done = true;
}

static void check_other_hart(unsigned long max)
{
	if (smp_nr_harts() < 2) {
		report_skip("per hart: the platform has one hart");
		return;
	}
	entry(0, ~0UL, EXEC_S, TARGET(0));
	struct sbiret r = dbtr(INSTALL_TRIGGERS, 1, 0, 0);
	unsigned long idx = shm[0][0];
	if (on_opensbi && !r.error && idx == ~0UL)
		idx = 0; /* OpenSBI 1.5 writes no index; its lowest free trigger */
	if (!report(r.error == 0 && idx < max && fires(0), "per hart: a trigger on this hart fires"))
		return;
	unsigned long hart = boot_hart_id == 0 ? 1 : 0;
	bool started = smp_start_hart(hart, other_hart, (void *)idx) == 0;
	for (unsigned long spins = 0; started && spins < 100000000UL && !other.done; spins++)
		;
	report_info("other hart: set_shmem %ld, read %ld (state %#lx), uninstall %ld, hits %u -> %u",
		    other.shmem, other.read, (unsigned long)other.state, other.uninstall,
		    other.hits_before, other.hits_after);
	report(other.done && other.shmem == 0 && other.read == 0 && !(other.state & TS_MAPPED),
	       "per hart: another hart's trigger with that index is not installed");
	report(other.done && other.uninstall == ERR_INVALID_PARAM,
	       "per hart: another hart cannot uninstall it: INVALID_PARAM");
	report(other.done && other.hits_after == other.hits_before,
	       "per hart: it does not fire on another hart");
	report(fires(0), "per hart: it still fires on this hart afterwards");
	r = dbtr(UNINSTALL_TRIGGERS, idx, 1, 0);
	report(r.error == 0 && runs_plainly(0), "per hart: uninstalled");
}

static void check_ranges(unsigned long max)
{
	struct sbiret r = dbtr(UNINSTALL_TRIGGERS, max, 1, 0);
	info_ret("uninstall trig_max", r);
	report_kfail(on_opensbi, r.error == ERR_INVALID_PARAM,
		     "uninstall of index trig_max: INVALID_PARAM");
	r = dbtr(READ_TRIGGERS, max, 1, 0);
	info_ret("read trig_max", r);
	report_kfail(on_opensbi, r.error == ERR_BAD_RANGE, "read_triggers from trig_max: BAD_RANGE");
	memset(shm, 0, sizeof(shm));
	r = dbtr(INSTALL_TRIGGERS, max + 1, 0, 0);
	info_ret("install trig_max + 1", r);
	report_kfail(on_opensbi, r.error == ERR_BAD_RANGE, "install of trig_max + 1 triggers: BAD_RANGE");
}

/* Two triggers in one call (§19.4): both installed, distinct indexes, both fire. */
static void check_two_in_one_call(unsigned long max)
{
	if (max < 2) {
		report_skip("two triggers in one install: fewer than 2 triggers");
		return;
	}
	entry(0, ~0UL, EXEC_S, TARGET(0));
	entry(1, ~0UL, EXEC_S, TARGET(1));
	struct sbiret r = dbtr(INSTALL_TRIGGERS, 2, 0, 0);
	info_ret("install two", r);
	unsigned long i0 = shm[0][0], i1 = shm[1][0];
	report_info("indexes %#lx %#lx", i0, i1);
	report_kfail(on_opensbi, r.error == 0 && i0 < max && i1 < max && i0 != i1,
		     "install of two triggers in one call: two indexes written back");
	/* OpenSBI 1.5 writes no index: it took triggers 0 and 1. */
	if (on_opensbi && !r.error && i0 == ~0UL && i1 == ~0UL)
		i0 = 0, i1 = 1;
	bool ok = r.error == 0 && i0 < max && i1 < max && i0 != i1;
	report_kfail(on_opensbi, ok && fires(0) && fires(1),
		     "install of two triggers in one call: both fire");
	if (ok)
		dbtr(UNINSTALL_TRIGGERS, 0, (1UL << i0) | (1UL << i1), 0);
	report(runs_plainly(0) && runs_plainly(1), "after uninstalling both: no exception");
}

int main(int argc, char **argv)
{
	on_opensbi = sbi_is_opensbi();
	report_prefix_push("dbtr");
	if (!sbi_probe(SPEC_EXT_DBTR)) {
		report_skip("SBI DBTR extension absent: this SBI offers no debug triggers");
		report_prefix_pop();
		return report_summary();
	}
	trap_install(CAUSE_BREAKPOINT, on_breakpoint);
	struct sbiret all = dbtr(NUM_TRIGGERS, 0, 0, 0);
	struct sbiret mc6 = dbtr(NUM_TRIGGERS, MC6_TYPE, 0, 0);
	report_info("num_triggers: %ld in all, %ld mcontrol6", all.value, mc6.value);
	report(all.error == 0 && mc6.error == 0 && mc6.value > 0 && mc6.value <= all.value,
	       "num_triggers: some mcontrol6 triggers, no more than all");
	if (mc6.error || mc6.value <= 0) {
		report_prefix_pop();
		return report_summary();
	}
	unsigned long max = (unsigned long)all.value;
	struct sbiret r = dbtr(INSTALL_TRIGGERS, 1, 0, 0);
	report(r.error == ERR_NO_SHMEM, "install without shared memory: NO_SHMEM");
	r = dbtr(READ_TRIGGERS, 0, 1, 0);
	report(r.error == ERR_NO_SHMEM, "read_triggers without shared memory: NO_SHMEM");
	check_set_shmem();
	check_one_trigger(max);
	check_ranges(max);
	check_two_in_one_call((unsigned long)mc6.value);
	check_other_hart(max);
	r = dbtr(SET_SHMEM, ~0UL, ~0UL, 0);
	report(r.error == 0, "set_shmem(-1, -1) disables the shared memory");
	entry(0, ~0UL, EXEC_S, TARGET(0));
	r = dbtr(INSTALL_TRIGGERS, 1, 0, 0);
	report(r.error == ERR_NO_SHMEM, "install after disabling: NO_SHMEM");
	report_prefix_pop();
	return report_summary();
}
