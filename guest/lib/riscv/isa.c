/* Extension lookup in the boot DTB's /cpus/cpu@0 riscv,isa-extensions string list. */
#include "isa.h"
#include <fdt.h>
#include <string.h>
#include "sbi.h"

bool rv_has_extension(const char *name)
{
	if (!fdt_check(boot_dtb, 1 << 20))
		return false;
	int cpu = fdt_path_offset(boot_dtb, "/cpus/cpu@0");
	int len = 0;
	const char *list = cpu < 0 ? NULL : fdt_getprop(boot_dtb, cpu, "riscv,isa-extensions", &len);
	for (int i = 0; list && i < len; i += (int)strnlen(list + i, (size_t)(len - i)) + 1)
		if (!strcmp(list + i, name))
			return true;
	return false;
}
