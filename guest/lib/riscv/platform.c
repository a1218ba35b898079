/* The riscv64 payload platform: console through SBI DBCN (legacy putchar when the SBI has
 * no DBCN), exit through the virt test finisher, command line from /chosen/bootargs. */
#include <platform.h>
#include <libtv.h>
#include <stdint.h>
#include <string.h>
#include <riscv_csr.h>
#include <fdt.h>
#include "sbi.h"

/* QEMU virt's test finisher ("sifive,test0"): 0x5555 = pass, 0x3333 | code << 16 = fail. */
#define TEST_FINISHER_BASE 0x100000UL
#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

void trap_init(void);

static bool have_dbcn;
static char cmdline[512];

static void read_cmdline(void)
{
	if (!fdt_check(boot_dtb, 1 << 20))
		return;
	int chosen = fdt_path_offset(boot_dtb, "/chosen");
	int len = 0;
	const char *args = chosen < 0 ? NULL : fdt_getprop(boot_dtb, chosen, "bootargs", &len);
	if (args && len > 0) {
		size_t n = strnlen(args, (size_t)len);
		if (n >= sizeof(cmdline))
			n = sizeof(cmdline) - 1;
		memcpy(cmdline, args, n);
		cmdline[n] = '\0';
	}
}

void platform_init(void)
{
	trap_init();
	have_dbcn = sbi_probe(SBI_EXT_DBCN) != 0;
	read_cmdline();
}

void platform_putc(char c)
{
	if (have_dbcn)
		sbi_ecall(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, (uint8_t)c, 0, 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (uint8_t)c, 0, 0, 0, 0, 0);
}

/* DBCN takes a whole buffer by physical address: the payload runs with translation off
 * (or identity-mapped), so the pointer is the address. */
void platform_write(const char *buf, size_t len)
{
	while (have_dbcn && len) {
		struct sbiret r = sbi_ecall(SBI_EXT_DBCN, SBI_DBCN_WRITE, len,
					    (uintptr_t)buf, 0, 0, 0, 0);
		if (r.error || r.value <= 0 || (size_t)r.value > len)
			break;
		buf += r.value;
		len -= (size_t)r.value;
	}
	for (size_t i = 0; i < len; i++)
		platform_putc(buf[i]);
}

noreturn void platform_exit(int status)
{
	volatile uint32_t *finisher = (volatile uint32_t *)TEST_FINISHER_BASE;
	*finisher = status == 0 ? FINISHER_PASS : FINISHER_FAIL | ((uint32_t)status << 16);
	for (;;)
		__asm__ volatile("wfi");
}

const char *platform_cmdline(void) { return cmdline; }
const void *platform_fdt(void) { return boot_dtb; }

const char *tv_platform_name(void)
{
	return sbi_impl_id() == SBI_IMPL_TESTVISOR ? "testvisor" : "qemu";
}
