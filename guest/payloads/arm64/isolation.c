/* Stage-2 isolation: the guest reaches its own RAM, then touches guest-physical memory
 * outside it (access=read, write or exec). With unmapped=stop testvisor must stop the
 * guest and report the access (expect=stopped in the manifest); the next guest still
 * runs. A guest that survives the access fails. (Without it the guest takes an External
 * abort, as on bare QEMU: the unmapped payload.) */
#include <libtv.h>
#include <stdint.h>
#include <string.h>
#include <platform.h>
#include "arm64.h"
#include "fdt_scan.h"

int main(int argc, char **argv)
{
	struct fdt_scan s;
	report(fdt_scan(platform_fdt(), &s) && s.mem_size != 0, "the DTB describes guest memory");
	static uint64_t buf[64];
	memset(buf, 0x5a, sizeof(buf));
	report(buf[63] == 0x5a5a5a5a5a5a5a5aull, "own RAM is readable and writable");
	uint64_t outside = s.mem_base + s.mem_size + 0x100000;
	report_info("reading IPA %#lx, past the end of RAM at %#lx", (unsigned long)outside,
		    (unsigned long)(s.mem_base + s.mem_size));
	const char *access = tv_arg(argc, argv, "access");
	volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)outside;
	if (access && !strcmp(access, "write")) {
		*p = 0x5a5a5a5a;
		report_fail("write outside guest memory was not stopped");
	} else if (access && !strcmp(access, "exec")) {
		((void (*)(void))(uintptr_t)outside)();
		report_fail("execution outside guest memory was not stopped");
	} else {
		uint64_t v = *p;
		report_fail("read outside guest memory was not stopped (got %#lx)", (unsigned long)v);
	}
	return report_summary();
}
