/* Nested-paging isolation: the guest reads its own RAM, then touches the first byte past
 * it (guest-physical ram_mb MiB). testvisor must stop it there (nested page fault) and go
 * on; a FAIL line means the read went through. Guest mode only (expect=stopped). */
#include <libtv.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	const char *mb = tv_arg(argc, argv, "ram_mb");
	if (!mb)
		report_abort("ram_mb=<guest RAM in MiB> missing");
	uint64_t end = strtoull(mb, NULL, 0) << 20;
	volatile uint8_t *last = (volatile uint8_t *)(uintptr_t)(end - 1);
	*last = 0x5a;
	report(*last == 0x5a, "last byte of own RAM (%#lx) is writable", (unsigned long)(end - 1));
	volatile uint32_t *outside = (volatile uint32_t *)(uintptr_t)end;
	uint32_t v = *outside;
	report_fail("read outside own RAM at %#lx returned %#x instead of being stopped",
		    (unsigned long)end, v);
	return report_summary();
}
