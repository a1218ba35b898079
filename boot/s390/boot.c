/* testvisor's s390x boot: finds memory (SCLP Read SCP Info), the command line and the
 * guest image QEMU handed over (-append lands at 0x10480, -initrd's address and size at
 * 0x10408 because the image starts Linux-style at 0x10000), fills boot_info and enters
 * hv_main. Also the handler of testvisor's own faults. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "s390_host.h"

extern char __image_start[], __image_end[];
extern uint64_t boot_initrd_start, boot_initrd_size;
extern char boot_cmdline[];
extern const char boot_ipl_mark[4];

/* Fallback when SCLP cannot tell: QEMU's default machine size. */
#define DEFAULT_MEMORY (128ULL << 20)

static struct boot_info bi;

static void add_free(uint64_t lo, uint64_t hi)
{
	lo = PAGE_ALIGN_UP(lo);
	hi &= ~(PAGE_SIZE - 1);
	if (hi > lo && bi.nr_free_mem < HV_MAX_MEM_RANGES)
		bi.free_mem[bi.nr_free_mem++] = (struct mem_range){ pa_init(lo), hi - lo };
}

noreturn void s390_boot(void)
{
	uint64_t mem = s390_sclp_memory_size();
	bool probed = mem != 0;
	if (!mem)
		mem = DEFAULT_MEMORY;
	bi.boot_path = !memcmp(boot_ipl_mark, "LIPL", 4) ? "list-directed IPL" :
		       !memcmp(boot_ipl_mark, "LOAD", 4) ? "IPL from a file list (.ins)" :
		       "qemu -kernel";
	bi.cmdline = boot_cmdline;
	uint64_t image_end = (uint64_t)(uintptr_t)__image_end;
	uint64_t mod_lo = boot_initrd_start, mod_hi = boot_initrd_start + boot_initrd_size;
	if (boot_initrd_size && mod_lo >= image_end && mod_hi <= mem) {
		/* A cpio archive: a guest and its own initrd (hv/boot_modules.c). */
		boot_add_initrd(&bi, pa_init(mod_lo), boot_initrd_size, NULL);
		add_free(image_end, mod_lo);
		add_free(mod_hi, mem);
	} else {
		add_free(image_end, mem);
	}
	/* External subclasses: only the CPU timer (time slices while a guest runs). */
	lctlg0(CR0_CPU_TIMER);
	if (!probed)
		printf("testvisor: SCLP Read SCP Info failed, assuming %lu MiB\n",
		       (unsigned long)(mem >> 20));
	if (boot_initrd_size && !bi.nr_modules)
		printf("testvisor: ignoring an initrd at 0x%lx+0x%lx outside free memory\n",
		       (unsigned long)boot_initrd_start, (unsigned long)boot_initrd_size);
	hv_main(&bi);
}

static const char *const int_names[] = {
	[1] = "program", [2] = "external", [3] = "supervisor call", [4] = "I/O",
	[5] = "machine check",
};

/* A fault of testvisor itself: print what the CPU stored and stop with a failure. */
noreturn void host_fatal(uint64_t kind, uint64_t old_psw_lc, const uint64_t *gprs)
{
	const struct psw *old = (const struct psw *)(uintptr_t)old_psw_lc;
	s390_console_flush();
	printf("testvisor: FATAL: %s interruption in testvisor\n",
	       kind < 6 && int_names[kind] ? int_names[kind] : "unknown");
	printf("  PSW %016lx %016lx\n", (unsigned long)old->mask,
	       (unsigned long)old->addr);
	if (kind == 1)
		printf("  interruption code 0x%04x, ILC %u, translation-exception address %016lx\n",
		       LC16(LC_PGM_CODE),
		       LC16(LC_PGM_ILC),
		       (unsigned long)LC64(LC_TRANS_EXC_CODE));
	else if (kind == 2)
		printf("  external interruption code 0x%04x\n",
		       LC16(LC_EXT_INT_CODE));
	for (int i = 0; i < 16; i += 4)
		printf("  r%-2d %016lx %016lx %016lx %016lx\n", i, (unsigned long)gprs[i],
		       (unsigned long)gprs[i + 1], (unsigned long)gprs[i + 2],
		       (unsigned long)gprs[i + 3]);
	s390_console_flush();
	disabled_wait(WAIT_ADDR_HOST_FAULT);
}

noreturn void arch_machine_exit(int status)
{
	s390_console_flush();
	disabled_wait(status == 0 ? WAIT_ADDR_SUCCESS : (uint64_t)(status & 0xffff) << 4);
}

uint64_t arch_cycles(void) { return stckf(); }
uint64_t arch_cycles_hz(void) { return TOD_TICKS_PER_US * 1000000ULL; }
