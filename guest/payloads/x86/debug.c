/* The guest's own debug facilities (Intel SDM vol. 3 ch. 18 "Debug, Branch Profile, TSC,
 * and Intel Resource Director Technology Features"; AMD APM vol. 2 ch. 13 "Software
 * Debug and Performance Resources"): RFLAGS.TF single-step, INT3, ICEBP, DR0-DR3
 * execute/data breakpoints of every length, DR7.GD, DR6's reserved bits and the
 * MOV SS shadow over a single-step. (Not the STI shadow: a step trap after STI returns
 * with IF=1 before the CLI, and standalone the PIC's interrupts would then arrive.) The same checks hold standalone and as a guest.
 *
 * Pair mode (tests/qemu/x86_64.sh `pair`): the first guest (role=write) arms all four
 * breakpoints on this image's own code and data and exits with them armed; the second
 * checks its debug registers start at their reset values and runs the same code without
 * a stray #DB. */
#include <libtv.h>
#include <string.h>
#include <cpu.h>
#include "trap.h"

/* DR6 (SDM 18.2.3, APM 13.1.1.3): B0-B3 bits 0-3, BD 13, BS 14, BT 15; bits 4-11 and
 * 16-31 read as 1 (bit 16 is RTM, active low, bit 11 BLD, active low), bit 12 reads 0. */
#define DR6_RESERVED_ONES 0xffff0ff0ull
#define DR6_B(n) (1ull << (n))
#define DR6_BD (1ull << 13)
#define DR6_BS (1ull << 14)
#define DR6_RTM (1ull << 16)
/* DR7 (SDM 18.2.4): Ln bit 2n, GD bit 13, bit 10 reads 1, R/Wn bits 16+4n, LENn 18+4n. */
#define DR7_RESET 0x400ull
#define DR7_L(n) (1ull << (2 * (n)))
#define DR7_GD (1ull << 13)
#define DR7_RW_SHIFT(n) (16 + 4 * (n))
#define DR7_LEN_SHIFT(n) (18 + 4 * (n))
enum dr7_rw { RW_EXECUTE = 0, RW_WRITE = 1, RW_READ_WRITE = 3 };
#define RFLAGS_TF (1ull << 8)

#define READ_DR(n) ({ uint64_t v_; __asm__ volatile("mov %%dr" #n ", %0" : "=r"(v_)); v_; })
#define WRITE_DR(n, v) __asm__ volatile("mov %0, %%dr" #n ::"r"((uint64_t)(v)) : "memory")

static void write_dr_n(unsigned n, uint64_t v)
{
	switch (n) {
	case 0: WRITE_DR(0, v); break;
	case 1: WRITE_DR(1, v); break;
	case 2: WRITE_DR(2, v); break;
	default: WRITE_DR(3, v); break;
	}
}

/* LENn encoding (SDM table 18-2): 1 byte 00, 2 bytes 01, 8 bytes 10, 4 bytes 11. */
static uint64_t len_bits(unsigned bytes)
{
	return bytes == 1 ? 0 : bytes == 2 ? 1 : bytes == 8 ? 2 : 3;
}

static uint64_t dr7_for(unsigned n, enum dr7_rw rw, unsigned bytes)
{
	return DR7_RESET | DR7_L(n) | ((uint64_t)rw << DR7_RW_SHIFT(n)) |
	       (len_bits(bytes) << DR7_LEN_SHIFT(n));
}

/* Every #DB is recorded: RIP and DR6 at delivery. The step handler keeps TF until RIP
 * reaches step_end; the breakpoint handler disarms DR7 when asked (an execute breakpoint
 * is a fault: it would hit again on return). */
#define MAX_EVENTS 8
static volatile struct { uint64_t rip, dr6; } events[MAX_EVENTS];
static volatile unsigned event_count;
static volatile uint64_t step_end;
static volatile bool disarm_on_db;

static bool on_db(struct trap_frame *f)
{
	if (event_count < MAX_EVENTS) {
		events[event_count].rip = f->rip;
		events[event_count].dr6 = READ_DR(6);
	}
	event_count++;
	WRITE_DR(6, 0); /* DR6 is sticky: the handler clears it (SDM 18.2.3) */
	if (disarm_on_db)
		WRITE_DR(7, DR7_RESET);
	if (f->rip == step_end || event_count >= MAX_EVENTS)
		f->rflags &= ~RFLAGS_TF;
	return true;
}

static volatile uint64_t bp_rip;
static volatile unsigned bp_count;
static bool on_bp(struct trap_frame *f)
{
	bp_rip = f->rip;
	bp_count++;
	return true;
}

static void reset_events(void)
{
	event_count = 0;
	disarm_on_db = false;
	step_end = 0;
	WRITE_DR(6, 0);
}

static void check_reset_state(void)
{
	uint64_t dr0 = READ_DR(0), dr1 = READ_DR(1), dr2 = READ_DR(2), dr3 = READ_DR(3);
	uint64_t dr6 = READ_DR(6), dr7 = READ_DR(7);
	report(!dr0 && !dr1 && !dr2 && !dr3, "DR0-DR3 start at 0 (%lx %lx %lx %lx)",
	       (unsigned long)dr0, (unsigned long)dr1, (unsigned long)dr2, (unsigned long)dr3);
	report(dr6 == DR6_RESERVED_ONES, "DR6 starts at %#llx (got %#lx)", DR6_RESERVED_ONES,
	       (unsigned long)dr6);
	report(dr7 == DR7_RESET, "DR7 starts at %#llx (got %#lx)", DR7_RESET, (unsigned long)dr7);
}

static void check_dr6_reserved(void)
{
	WRITE_DR(6, 0);
	uint64_t v = READ_DR(6);
	report(v == DR6_RESERVED_ONES, "DR6 written 0 reads %#llx (reserved ones, RTM=1) got %#lx",
	       DR6_RESERVED_ONES, (unsigned long)v);
}

static void check_single_step(void)
{
	uint64_t s1, s2;
	reset_events();
	__asm__ volatile("lea 1f(%%rip), %0\n\tlea 2f(%%rip), %1\n\t"
			 "mov %1, step_end(%%rip)\n\t"
			 "pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
			 "nop\n1:\tnop\n2:\t"
			 : "=&r"(s1), "=&r"(s2) :: "memory", "cc");
	report(event_count == 2 && events[0].rip == s1 && events[1].rip == s2,
	       "TF single-step: one #DB after each instruction (%u, rip %#lx %#lx)", event_count,
	       (unsigned long)events[0].rip, (unsigned long)events[1].rip);
	report(events[0].dr6 == (DR6_RESERVED_ONES | DR6_BS),
	       "single-step #DB: DR6 = BS | reserved ones (RTM bit 16 reads 1): %#lx",
	       (unsigned long)events[0].dr6);
	report(events[0].dr6 & DR6_RTM, "single-step #DB: DR6.RTM (bit 16) reads 1 without an RTM event");
}

/* MOV SS inhibits debug exceptions until the next instruction completes (SDM 6.8.3,
 * "Masking Exceptions and Interrupts When Switching Stacks"): the step trap of the
 * MOV SS is reported after the instruction that follows it. */
static void check_mov_ss_shadow(void)
{
	uint64_t after_nop, end;
	reset_events();
	__asm__ volatile("lea 1f(%%rip), %0\n\tlea 2f(%%rip), %1\n\t"
			 "mov %1, step_end(%%rip)\n\t"
			 "mov %%ss, %%eax\n\t"
			 "pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
			 "nop\n\t"
			 "mov %%eax, %%ss\n\tnop\n1:\tnop\n2:\t"
			 : "=&r"(after_nop), "=&r"(end) :: "rax", "memory", "cc");
	/* events: after the first nop, then after MOV SS+nop together, then the end. */
	report(event_count == 3 && events[1].rip == after_nop && events[2].rip == end,
	       "MOV SS shadow: no step trap between MOV SS and the next instruction (%u traps, second at %#lx)",
	       event_count, (unsigned long)events[1].rip);
	report(events[1].dr6 & DR6_BS, "MOV SS shadow: the delayed trap still reports DR6.BS");
}

static void check_int3(void)
{
	uint64_t after;
	bp_count = 0;
	__asm__ volatile("lea 1f(%%rip), %0\n\tint3\n1:" : "=&r"(after) :: "memory");
	report(bp_count == 1 && bp_rip == after, "INT3 raises #BP with RIP after the int3 (%#lx)",
	       (unsigned long)bp_rip);
}

static void check_icebp(void)
{
	uint64_t after;
	reset_events();
	__asm__ volatile("lea 1f(%%rip), %0\n\t.byte 0xf1\n1:" : "=&r"(after) :: "memory");
	report(event_count == 1 && events[0].rip == after,
	       "ICEBP (INT1, F1) raises #DB as a trap, RIP after it (%#lx)", (unsigned long)events[0].rip);
	report(event_count == 1 && !(events[0].dr6 & (DR6_BS | DR6_BD | 0xf)),
	       "ICEBP: DR6 has no BS/BD/Bn bit (%#lx)", (unsigned long)events[0].dr6);
}

static void check_execute_breakpoints(void)
{
	for (unsigned n = 0; n < 4; n++) {
		uint64_t at;
		__asm__ volatile("lea 1f(%%rip), %0\n\tjmp 2f\n1:\tnop\n\tret\n2:" : "=r"(at));
		reset_events();
		disarm_on_db = true;
		write_dr_n(n, at);
		WRITE_DR(7, dr7_for(n, RW_EXECUTE, 1));
		((void (*)(void))(uintptr_t)at)();
		WRITE_DR(7, DR7_RESET);
		write_dr_n(n, 0);
		report(event_count == 1 && events[0].rip == at &&
		       events[0].dr6 == (DR6_RESERVED_ONES | DR6_B(n)),
		       "DR%u execute breakpoint: fault at the address, DR6 = B%u (%u traps, dr6 %#lx)", n,
		       n, event_count, (unsigned long)events[0].dr6);
	}
}

static volatile uint8_t watched[32] __attribute__((aligned(16)));

static void check_data_breakpoints(void)
{
	static const unsigned lengths[] = { 1, 2, 4, 8 };
	for (unsigned i = 0; i < 4; i++) {
		unsigned n = i, len = lengths[i];
		volatile uint8_t *base = &watched[8];
		reset_events();
		write_dr_n(n, (uint64_t)(uintptr_t)base);
		WRITE_DR(7, dr7_for(n, RW_WRITE, len));
		base[len - 1] = 1;      /* last byte inside */
		unsigned inside = event_count;
		uint64_t dr6 = events[0].dr6;
		base[len] = 1;          /* first byte past */
		(void)base[0];          /* a read: not a write breakpoint */
		unsigned outside = event_count - inside;
		WRITE_DR(7, dr7_for(n, RW_READ_WRITE, len));
		(void)base[len - 1];
		unsigned read_hit = event_count - inside - outside;
		WRITE_DR(7, DR7_RESET);
		write_dr_n(n, 0);
		report(inside == 1 && dr6 == (DR6_RESERVED_ONES | DR6_B(n)),
		       "DR%u write breakpoint, length %u: a write to its last byte traps with B%u (dr6 %#lx)",
		       n, len, n, (unsigned long)dr6);
		report(outside == 0, "DR%u length %u: a write past it and a read do not trap", n, len);
		report(read_hit == 1, "DR%u read/write breakpoint, length %u: a read traps", n, len);
	}
}

/* DR7.GD: the next MOV DR raises a #DB fault with DR6.BD; the CPU clears GD on delivery
 * so the handler can return to the MOV, which then completes (SDM 18.2.4). */
static void check_general_detect(void)
{
	uint64_t at, dr7;
	reset_events();
	WRITE_DR(7, DR7_RESET | DR7_GD);
	__asm__ volatile("lea 1f(%%rip), %0\n1:\tmov %%dr7, %1" : "=&r"(at), "=r"(dr7));
	report(event_count == 1 && events[0].rip == at &&
	       events[0].dr6 == (DR6_RESERVED_ONES | DR6_BD),
	       "DR7.GD: MOV DR faults with DR6.BD (%u traps, dr6 %#lx)", event_count,
	       (unsigned long)events[0].dr6);
	report(dr7 == DR7_RESET, "DR7.GD is clear after the #DB (DR7 %#lx)", (unsigned long)dr7);
}

/* Pair-mode writer: arm all four breakpoints on code and data the next guest uses too
 * (none of which this guest touches after arming them, so it exits cleanly). */
static void arm_and_leave(void)
{
	write_dr_n(0, (uint64_t)(uintptr_t)check_reset_state);
	write_dr_n(1, (uint64_t)(uintptr_t)&watched[8]);
	write_dr_n(2, (uint64_t)(uintptr_t)check_general_detect);
	write_dr_n(3, (uint64_t)(uintptr_t)&step_end);
	uint64_t dr7 = dr7_for(0, RW_EXECUTE, 1) | dr7_for(1, RW_READ_WRITE, 1) |
		       dr7_for(2, RW_EXECUTE, 1) | dr7_for(3, RW_WRITE, 8);
	WRITE_DR(7, dr7);
	report(READ_DR(7) == dr7 && READ_DR(1) == (uint64_t)(uintptr_t)&watched[8],
	       "breakpoints armed in DR0-DR3 and DR7 (left armed at exit)");
}

/* A fault whose handler makes its own exit to the hypervisor (CPUID) and returns: the
 * guest's single-step state is its own before and after, so no #DB follows (under
 * testvisor's break= stepping, the fault's frame once carried testvisor's TF back). */
static volatile unsigned ud_count;
static bool on_ud_with_cpuid(struct trap_frame *f)
{
	(void)cpuid(0, 0);
	ud_count++;
	f->rip += 2; /* past the ud2 */
	return true;
}

static void check_fault_handler_exit(void)
{
	reset_events();
	trap_install(6, on_ud_with_cpuid);
	__asm__ volatile("ud2; nop; nop; nop" ::: "memory");
	trap_install(6, NULL);
	report(ud_count == 1 && event_count == 0,
	       "a #UD whose handler runs CPUID and returns leaves no #DB behind (%u #UD, %u #DB)",
	       ud_count, event_count);
}

int main(int argc, char **argv)
{
	const char *role = tv_arg(argc, argv, "role");
	if (role && !strcmp(role, "write")) {
		arm_and_leave();
		return report_summary();
	}
	check_reset_state();
	trap_install(1, on_db);
	trap_install(3, on_bp);
	check_dr6_reserved();
	check_single_step();
	check_mov_ss_shadow();
	check_int3();
	check_icebp();
	check_execute_breakpoints();
	check_data_breakpoints();
	check_general_detect();
	check_fault_handler_exit();
	watched[8] = 0; /* the data a leaked DR1 from a previous guest would watch */
	return report_summary();
}
