/* interrupts (s390x): architected delivery of program, supervisor-call, external and I/O
 * interruptions: old PSW and interruption code in the lowcore, new PSW taken, pending
 * interruptions held back while masked (PSW system mask and control-register subclass
 * masks) and presented once enabled, enabled wait ended by an interruption. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include <css_defs.h>
#include "s390.h"
#include "trap.h"

static volatile unsigned seen, seen_code, seen_ilc;
static volatile uint64_t seen_addr, seen_mask;
static volatile uint32_t seen_param;
static volatile uint16_t seen_cpu;

static bool record(struct trap_frame *f)
{
	seen++;
	seen_code = f->code;
	seen_ilc = f->ilc;
	seen_addr = f->psw_addr;
	seen_mask = f->psw_mask;
	seen_param = f->cls == TRAP_CLASS_IO ? f->io_param : f->ext_param;
	seen_cpu = f->cls == TRAP_CLASS_IO ? (uint16_t)f->io_sid : f->ext_cpu;
	/* Leave an enabled wait, and stay disabled for this class afterwards. */
	f->psw_mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT | PSW_MASK_IO);
	return true;
}

static void reset_seen(void) { seen = seen_code = seen_ilc = 0; seen_addr = seen_param = 0; }

/* Loads an enabled wait PSW whose address is the next instruction. */
static void enabled_wait(uint64_t enable)
{
	struct psw w = { PSW_MASK_64 | PSW_MASK_WAIT | enable, 0 };
	asm volatile("larl %%r1,0f\n\tstg %%r1,8(%0)\n\tlpswe 0(%0)\n0:"
		     : : "a"(&w) : "r1", "memory", "cc");
}

static void test_program(void)
{
	report_prefix_push("program");
	reset_seen();
	trap_install(PGM_FIXPOINT_DIVIDE, record);
	uint64_t at;
	register uint64_t hi asm("2") = 0, lo asm("3") = 5;
	uint64_t zero = 0;
	asm volatile("larl %0,0f\n0:\tdlgr %1,%3" : "=&a"(at), "+d"(hi), "+d"(lo) : "d"(zero) : "cc");
	trap_install(PGM_FIXPOINT_DIVIDE, NULL);
	report(seen == 1 && seen_code == PGM_FIXPOINT_DIVIDE, "divide by zero: fixed-point-divide exception (0x%x)",
	       seen_code);
	report(seen_ilc == 4 && seen_addr == at + 4, "ILC %u, old PSW past the DLGR", seen_ilc);

	/* Additional floating-point registers with CR0's AFP control off: data exception
	 * with data-exception code 1; with it on, the same instruction runs. */
	uint64_t cr0 = stctg(0);
	lctlg(0, cr0 & ~CR0_AFP);
	reset_seen();
	trap_install(PGM_DATA, record);
	asm volatile("ldr %%f1,%%f0" : : : "memory");
	unsigned dxc_seen = seen, dxc = LC32(LC_DATA_EXC_CODE);
	lctlg(0, cr0 | CR0_AFP);
	asm volatile("ldr %%f1,%%f0" : : : "memory");
	unsigned after = seen;
	trap_install(PGM_DATA, NULL);
	lctlg(0, cr0);
	report(dxc_seen == 1 && seen_code == PGM_DATA, "AFP register with CR0.AFP off: data exception");
	report((dxc & 0xff) == 1, "data-exception code 1 in the lowcore (byte 0x93)");
	report(after == 1, "with CR0.AFP on the AFP register works");
	report_prefix_pop();
}

static void test_svc(void)
{
	report_prefix_push("svc");
	reset_seen();
	trap_install(TRAP_SVC, record);
	uint64_t at;
	asm volatile("larl %0,0f\n0:\tsvc 42" : "=a"(at) : : "memory");
	trap_install(TRAP_SVC, NULL);
	report(seen == 1 && seen_code == 42, "SVC 42: code %u", seen_code);
	report(seen_ilc == 2 && seen_addr == at + 2, "SVC: ILC %u, old PSW past the SVC", seen_ilc);
	report_prefix_pop();
}

static void test_emergency_signal(void)
{
	report_prefix_push("external");
	uint64_t cr0 = stctg(0);
	reset_seen();
	trap_install(TRAP_EXT, record);
	lctlg(0, cr0 | CR0_EMERGENCY_SIGNAL);
	report(sigp(0, SIGP_EMERGENCY_SIGNAL, 0, NULL) == 0, "SIGP emergency signal to this CPU: cc 0");
	report(seen == 0, "held pending while external interruptions are disabled");
	STOSM(0x01);
	report(seen == 1 && seen_code == EXT_EMERGENCY_SIGNAL, "presented once enabled: code 0x%04x",
	       seen_code);
	report(seen_cpu == 0, "emergency signal from CPU %u", seen_cpu);
	report(seen_mask & PSW_MASK_EXT, "old PSW has external interruptions enabled");
	STNSM(0xfe);
	lctlg(0, cr0);
	trap_install(TRAP_EXT, NULL);
	report_prefix_pop();
}

static void test_clock_comparator(void)
{
	report_prefix_push("external");
	uint64_t cr0 = stctg(0);
	reset_seen();
	trap_install(TRAP_EXT, record);
	uint64_t start = stckf();
	sckc(start + 2000 * TOD_TICKS_PER_US);
	lctlg(0, cr0 | CR0_CLOCK_COMP);
	enabled_wait(PSW_MASK_EXT);
	uint64_t waited = (stckf() - start) / TOD_TICKS_PER_US;
	sckc(-1UL);
	lctlg(0, cr0);
	trap_install(TRAP_EXT, NULL);
	report(seen == 1 && seen_code == EXT_CLOCK_COMP, "enabled wait ended by the clock comparator (0x%04x)",
	       seen_code);
	report(waited >= 2000, "the wait lasted until the comparator time (at least 2000 us)");
	report(seen_mask & PSW_MASK_WAIT, "old PSW is the wait PSW");
	report_prefix_pop();
}

static void test_cpu_timer(void)
{
	report_prefix_push("external");
	uint64_t cr0 = stctg(0);
	reset_seen();
	trap_install(TRAP_EXT, record);
	spt(1000 * TOD_TICKS_PER_US);
	lctlg(0, cr0 | CR0_CPU_TIMER);
	enabled_wait(PSW_MASK_EXT);
	lctlg(0, cr0);
	trap_install(TRAP_EXT, NULL);
	report(seen == 1 && seen_code == EXT_CPU_TIMER, "enabled wait ended by the CPU timer (0x%04x)",
	       seen_code);
	int64_t left = stpt();
	/* QEMU TCG's STPT stores a positive value once the timer has run out. */
	report_kfail(!tv_under_testvisor(), left < 0, "the CPU timer is negative afterwards");
	report_prefix_pop();
}

static void test_service_signal(void)
{
	report_prefix_push("external");
	uint64_t cr0 = stctg(0);
	reset_seen();
	trap_install(TRAP_EXT, record);
	lctlg(0, cr0 | CR0_SERVICE_SIGNAL);
	printf("INFO: this line's SCLP write leaves a service signal pending\n");
	STOSM(0x01);
	STNSM(0xfe);
	lctlg(0, cr0);
	trap_install(TRAP_EXT, NULL);
	report(seen == 1 && seen_code == EXT_SERVICE_SIGNAL, "service signal after an SCLP call (0x%04x)",
	       seen_code);
	report(seen_param && !(seen_param & 0xfff), "its parameter is the (page aligned) SCCB address");
	report_prefix_pop();
}

/* I/O: sense ID on subchannel 0.0.0000 with ISC 3, presented as an I/O interruption. */
static void test_io(void)
{
	report_prefix_push("io");
	static struct schib schib __attribute__((aligned(4)));
	static struct orb orb __attribute__((aligned(4)));
	static struct ccw1 ccw __attribute__((aligned(8)));
	static struct irb irb __attribute__((aligned(4)));
	static uint8_t id[8];
	const uint32_t sid = SID_ONE | 0;
	if (stsch(sid, &schib) != 0) {
		report_skip("no subchannel 0.0.0000");
		report_prefix_pop();
		return;
	}
	schib.pmcw.flags |= PMCW_FLAGS_ENA | (3 << PMCW_ISC_SHIFT);
	schib.pmcw.intparm = 0x10ad;
	report(msch(sid, &schib) == 0, "MSCH enables the subchannel with ISC 3");
	ccw = (struct ccw1){ CCW_CMD_SENSE_ID, CCW_FLAG_SLI, sizeof(id), (uint32_t)(uintptr_t)id };
	orb = (struct orb){ .intparm = 0xfeed, .ctrl0 = ORB_CTRL0_FMT, .lpm = 0xff,
			    .cpa = (uint32_t)(uintptr_t)&ccw };
	reset_seen();
	trap_install(TRAP_IO, record);
	report(ssch(sid, &orb) == 0, "SSCH sense ID: cc 0");
	uint64_t cr6 = stctg(6);
	/* I/O enabled in the PSW but ISC 3 masked in CR6: nothing may be presented. */
	lctlg(6, CR6_ISC_MASK(2));
	STOSM(0x02);
	for (volatile int i = 0; i < 100000; i++)
		;
	STNSM(0xfd);
	report(seen == 0, "held pending while ISC 3 is masked in CR6");
	lctlg(6, CR6_ISC_MASK(3));
	/* Wait for it: with a real device the channel program may still be running. */
	enabled_wait(PSW_MASK_IO);
	lctlg(6, cr6);
	trap_install(TRAP_IO, NULL);
	report(seen == 1 && seen_param == 0xfeed, "I/O interruption with the ORB's parameter 0x%x",
	       (unsigned)seen_param);
	report(seen_cpu == (uint16_t)sid, "for subchannel 0.0.%04x", (unsigned)seen_cpu);
	report(tsch(sid, &irb) == 0, "TSCH: status pending, cc 0");
	report((irb.scsw.dstat & (DSTAT_CHANNEL_END | DSTAT_DEVICE_END)) ==
	       (DSTAT_CHANNEL_END | DSTAT_DEVICE_END), "channel end and device end");
	report(id[0] == 0xff && (id[1] << 8 | id[2]) == 0x3832, "sense ID data: control unit 0x3832");
	report(tsch(sid, &irb) == 1, "TSCH again: nothing pending, cc 1");

	/* The same start, collected with TPI instead of an interruption. */
	static uint32_t code[3] __attribute__((aligned(4)));
	orb.intparm = 0xbeef;
	report(ssch(sid, &orb) == 0, "second SSCH: cc 0");
	lctlg(6, CR6_ISC_MASK(3));
	int cc = 0;
	for (int tries = 0; tries < 1000000 && cc == 0; tries++)
		cc = tpi(code);
	lctlg(6, cr6);
	report(cc == 1 && code[0] == sid && code[1] == 0xbeef,
	       "TPI takes the pending interruption: cc 1, subchannel and parameter stored");
	report(tpi(code) == 0, "TPI again: nothing pending, cc 0");
	report(tsch(sid, &irb) == 0 && (irb.scsw.ctrl & SCSW_CTRL_STCTL_PENDING),
	       "the status stays pending until TSCH");
	schib.pmcw.flags &= ~PMCW_FLAGS_ENA;
	msch(sid, &schib);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("interrupts");
	test_program();
	test_svc();
	test_emergency_signal();
	test_clock_comparator();
	test_cpu_timer();
	test_service_signal();
	test_io();
	report_prefix_pop();
	return report_summary();
}
