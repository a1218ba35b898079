/* testvisor's C entry on x86_64 after the multiboot path reached long mode. */
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>
#include <x86/idt.h>
#include "boot_x86.h"
#include <hv/arch_if.h>
#include <x86/host.h>

/* Beyond the 4 GiB identity map: a page fault with this address in CR2. */
#define FAULT_TEST_ADDRESS 0x100000000ul

/* The preemption tick period bounds how late a guest past its time budget is stopped. */
#define PREEMPT_PERIOD_US 10000

static struct idt_gate host_idt[256] __attribute__((aligned(16)));

void x86_cpu_setup(void)
{
	x86_console_init();
	idt_load(host_idt);
	x86_timer_calibrate();
	x86_preempt_timer_start(PREEMPT_PERIOD_US);
}

noreturn void x86_boot_main(uint32_t magic, uint32_t mbi_pa, uint32_t boot_kind)
{
	static struct boot_info bi;
	x86_cpu_setup();
	if (x86_boot_info_from_multiboot(magic, mbi_pa, &bi))
		arch_machine_exit(2);
	if (boot_kind == X86_BOOT_KIND_UEFI)
		bi.boot_path = "uefi (BOOTX64.EFI, multiboot hand-off)";
	/* A diagnostic: shows the report of an unexpected exception (registers, CR2) and the
	 * failure status it ends the run with, by taking one on purpose. */
	if (bi.cmdline && !strcmp(bi.cmdline, "x86-fault-test")) {
		printf("testvisor: x86-fault-test: reading unmapped address 0x%lx\n", FAULT_TEST_ADDRESS);
		(void)*(volatile uint64_t *)FAULT_TEST_ADDRESS;
	}
	hv_main(&bi);
}
