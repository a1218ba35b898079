/* The initrd a boot path hands over (arm64/riscv64 -initrd, s390x's parameter area) as
 * testvisor's boot modules: a cpio "newc" archive gives one module per regular file,
 * named by its path in the archive, so that one -initrd can carry a guest and that
 * guest's own initrd (spec `initrd=<name>`); anything else is one module, "initrd".
 * Every module gets `spec`, the command line that came with it. */
#include <stdio.h>
#include <cpio_newc.h>
#include <hv/hv.h>

void boot_add_initrd(struct boot_info *bi, paddr_t base, size_t size, const char *spec)
{
	const uint8_t *buf = ptr_from_pa(base);
	struct cpio_entry e;
	size_t pos = 0;
	int r;
	if (!cpio_is_newc(buf, size)) {
		bi->modules[bi->nr_modules++] = (struct boot_module){ base, size, spec, "initrd" };
		return;
	}
	while ((r = cpio_next(buf, size, &pos, &e)) > 0) {
		if ((e.mode & CPIO_MODE_TYPE) != CPIO_MODE_REGULAR)
			continue;
		if (bi->nr_modules == HV_MAX_MODULES) {
			printf("testvisor: initrd archive: more than %d files, '%s' and after left out\n",
			       HV_MAX_MODULES, e.name);
			return;
		}
		paddr_t at = pa_init(pa_addr(base) + (size_t)(e.data - buf));
		bi->modules[bi->nr_modules++] = (struct boot_module){ at, e.size, spec, e.name };
	}
	if (r < 0)
		printf("testvisor: initrd archive: malformed cpio entry at offset %zu; the files "
		       "before it are kept\n", pos);
}
