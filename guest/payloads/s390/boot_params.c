/* What QEMU's s390x IPL of a -kernel image hands a Linux-style kernel (hw/s390x/ipl.c,
 * s390_ipl_realize): the -append text at 0x10480, and for -initrd the file at 8 MiB
 * (INITRD_START; higher only for a kernel of 7 MiB or more) with its address and size as
 * two 64-bit words at 0x10408 and 0x10410 (INITRD_PARM_START). The words at 0x10430 (the
 * longest command line the kernel takes) are the image's own and stay as it set them.
 * Arguments: initrd_size=<bytes> and initrd_head=<the file's first word>; without them
 * the payload checks that no initrd was announced. */
#include <libtv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PARM_INITRD_ADDR 0x10408
#define PARM_INITRD_SIZE 0x10410
#define PARM_CMDLINE_SIZE 0x10430
#define INITRD_START 0x800000ULL

static uint64_t word_at(uintptr_t addr)
{
	return *(const volatile uint64_t *)addr;
}

int main(int argc, char **argv)
{
	report_prefix_push("boot_params");
	const char *size_arg = tv_arg(argc, argv, "initrd_size");
	const char *head = tv_arg(argc, argv, "initrd_head");
	uint64_t addr = word_at(PARM_INITRD_ADDR), size = word_at(PARM_INITRD_SIZE);
	report(word_at(PARM_CMDLINE_SIZE) == 0x380,
	       "the image's longest-command-line word at 0x10430 is its own (%#lx)",
	       (unsigned long)word_at(PARM_CMDLINE_SIZE));
	if (!size_arg || !head) {
		report(addr == 0 && size == 0, "no initrd announced at 0x10408 (%#lx, %lu bytes)",
		       (unsigned long)addr, (unsigned long)size);
		return report_summary();
	}
	report(argc >= 3, "the command line arrived at 0x10480 (%d arguments)", argc);
	report(addr == INITRD_START, "initrd at 8 MiB for a small kernel (%#lx)", (unsigned long)addr);
	report(size == strtoull(size_arg, NULL, 0), "initrd size %lu bytes, as the file (%s)",
	       (unsigned long)size, size_arg);
	size_t n = strlen(head);
	report(addr && !memcmp((const void *)(uintptr_t)addr, head, n),
	       "the initrd's bytes are the file's (starts with \"%s\")", head);
	return report_summary();
}
