/* Payload platform on x86_64: the PC devices QEMU's q35 offers and testvisor emulates
 * (COM1, isa-debug-exit at 0xf4), command line from the multiboot information. */
#include <platform.h>
#include <stdint.h>
#include <string.h>
#include <cpu.h>
#include <multiboot.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define UART_LSR 5
#define UART_LSR_THRE 0x20

void x86_trap_init(void);
void tv_start(void);

static const char *cmdline = "";
static const struct mb_info *multiboot_info;
static const uint8_t *linux_boot_params;

/* longmode.inc's third argument for the Linux 32-bit boot protocol (entry.asm); the
 * command line is then boot_params.hdr.cmd_line_ptr (boot.rst), all of it the -append
 * text. */
#define BOOT_KIND_LINUX 2
#define BP_CMD_LINE_PTR 0x228

noreturn void x86_guest_start(uint32_t magic, uint32_t mbi_pa, uint32_t boot_kind)
{
	if (boot_kind == BOOT_KIND_LINUX) {
		linux_boot_params = (const uint8_t *)(uintptr_t)mbi_pa;
		uint32_t ptr;
		memcpy(&ptr, linux_boot_params + BP_CMD_LINE_PTR, sizeof(ptr));
		if (ptr)
			cmdline = (const char *)(uintptr_t)ptr;
	} else if (magic == MB_LOADER_MAGIC) {
		const struct mb_info *mbi = (const void *)(uintptr_t)mbi_pa;
		multiboot_info = mbi;
		const char *loader = (mbi->flags & MB_INFO_LOADER_NAME) ?
			(const char *)(uintptr_t)mbi->boot_loader_name : NULL;
		/* QEMU puts the -kernel file first, testvisor the guest's name, GRUB 2 nothing. */
		if (mbi->flags & MB_INFO_CMDLINE)
			cmdline = mb_cmdline_args((const char *)(uintptr_t)mbi->cmdline, loader);
	}
	tv_start();
	platform_exit(1);
}

void platform_init(void)
{
	x86_trap_init();
	/* Before the first port I/O: on an SEV-ES/SNP guest it raises #VC. */
	sev_guest_init();
	/* The firmware may leave a line unfinished ("Booting from ROM.."): start a fresh one so
	 * the first result line is recognised. */
	platform_putc('\n');
}

void platform_putc(char c)
{
	for (unsigned spins = 0; !(inb(COM1_PORT + UART_LSR) & UART_LSR_THRE) && spins < 100000; spins++)
		;
	outb(COM1_PORT, (uint8_t)c);
}

noreturn void platform_exit(int status)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	for (;;)
		__asm__ volatile("cli; hlt");
}

const char *platform_cmdline(void) { return cmdline; }
const void *platform_fdt(void) { return NULL; }

const struct mb_info *x86_multiboot_info(void) { return multiboot_info; }
const uint8_t *x86_linux_boot_params(void) { return linux_boot_params; }

/* testvisor announces itself in CPUID leaf 0x40000000 (docs/x86.md, guest platform). */
bool x86_testvisor_signature(uint32_t *max_leaf)
{
	struct cpuid_regs r = cpuid(0x40000000, 0);
	char sig[13];
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = '\0';
	if (max_leaf)
		*max_leaf = r.eax;
	return !strcmp(sig, "TestvisorSVM");
}

const char *tv_platform_name(void) { return x86_testvisor_signature(NULL) ? "testvisor" : "qemu"; }
