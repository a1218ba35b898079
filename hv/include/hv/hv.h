/* What the core offers to architectures and boot code. */
#ifndef HV_HV_H
#define HV_HV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <hv/addr.h>

#define HV_MAX_MEM_RANGES 16
#define HV_MAX_MODULES 8

struct mem_range {
	paddr_t base;
	size_t size;
};

/* A guest image handed to testvisor at boot (multiboot module, initrd, EFI file). */
struct boot_module {
	paddr_t base;
	size_t size;
	const char *cmdline; /* "name=x key=value ... -- guest arguments", may be NULL */
	const char *name;    /* where it came from, for messages ("initrd", a path); may be NULL */
};

/* What the boot path found; filled before hv_main. */
struct boot_info {
	const char *boot_path; /* "multiboot", "uefi", "qemu -kernel", "opensbi", "ipl" */
	const char *cmdline;   /* testvisor's own command line, may be NULL */
	struct mem_range free_mem[HV_MAX_MEM_RANGES]; /* RAM nobody uses: the allocator's */
	unsigned nr_free_mem;
	struct boot_module modules[HV_MAX_MODULES];
	unsigned nr_modules;
	const void *fdt; /* firmware device tree, if any */
};

/* Adds the initrd a boot path got as boot modules: the files of a cpio newc archive, or
 * the whole initrd as one module "initrd" (hv/boot_modules.c). */
void boot_add_initrd(struct boot_info *bi, paddr_t base, size_t size, const char *spec);

/* Entered by the boot code once stack, exception vectors and console work. */
noreturn void hv_main(struct boot_info *bi);

/* Prints and ends the machine with a failure status. */
noreturn void hv_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Records one self-check line ("selfcheck: PASS: ..."); returns 0 on pass, 1 on failure. */
int hv_check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Page allocator over boot_info.free_mem. Returns zeroed pages; pa_init(0) when out. */
void hv_alloc_init(const struct mem_range *ranges, unsigned n);
paddr_t hv_alloc_pages(size_t npages, size_t align_pages);
paddr_t hv_alloc_pages_nozero(size_t npages, size_t align_pages);
/* Checks the allocator's own invariants (hv/alloc.c); false with what broke in `why`. */
bool hv_alloc_check(char *why, size_t whylen);
void hv_free_pages(paddr_t pa, size_t npages);
size_t hv_free_page_count(void);

#endif
