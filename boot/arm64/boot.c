/* From the entry code to hv_main: checks the exception level, turns the MMU on and
 * describes the machine (free RAM, command line, the guest image handed over as initrd)
 * from the firmware's DTB. */
#include <tv_console.h>
#include <stdio.h>
#include <string.h>
#include <hv/hv.h>
#include <hv/arch_if.h>
#include <arm64/platform.h>
#include "boot.h"
#include "efi_handoff.h"
#include <fdt_scan.h>

extern char __image_start[], __image_end[];
bool firmware_psci_smc = true;

static struct boot_info boot_info;

static void puts_raw(const char *s)
{
	tv_console_write(s, strlen(s));
}

/* Adds [base, base + size) minus the reserved ranges to the free list. */
static void add_free(struct boot_info *bi, uint64_t base, uint64_t size,
		     const uint64_t (*resv)[2], unsigned nr_resv)
{
	uint64_t end = base + size;
	for (unsigned i = 0; i < nr_resv && base < end; i++) {
		uint64_t rs = resv[i][0], re = resv[i][1];
		if (re <= base || rs >= end)
			continue;
		if (rs > base)
			add_free(bi, base, rs - base, resv + i + 1, nr_resv - i - 1);
		base = re;
	}
	base = PAGE_ALIGN_UP(base);
	end &= ~(PAGE_SIZE - 1);
	if (base < end && bi->nr_free_mem < HV_MAX_MEM_RANGES)
		bi->free_mem[bi->nr_free_mem++] = (struct mem_range){ pa_init(base), end - base };
}

bool boot_info_from_fdt(struct boot_info *bi, const void *fdt, const struct efi_handoff *efi)
{
	struct fdt_scan s;
	if (!fdt_scan(fdt, &s) || s.mem_size == 0)
		return false;
	bi->boot_path = efi ? "uefi" : "qemu -kernel";
	bi->fdt = fdt;
	firmware_psci_smc = strcmp(s.psci_method, "hvc") != 0;
	uint64_t resv[4][2] = {
		{ (uintptr_t)__image_start, (uintptr_t)__image_end },
		{ (uintptr_t)fdt, (uintptr_t)fdt + s.totalsize },
		{ s.initrd_start, s.initrd_end },
		{ efi ? efi->region_base : 0, efi ? efi->region_base + efi->region_size : 0 },
	};
	/* The reserved ranges must be in address order for add_free. */
	for (unsigned i = 1; i < 4; i++)
		for (unsigned j = i; j > 0 && resv[j][0] < resv[j - 1][0]; j--) {
			uint64_t t0 = resv[j][0], t1 = resv[j][1];
			resv[j][0] = resv[j - 1][0], resv[j][1] = resv[j - 1][1];
			resv[j - 1][0] = t0, resv[j - 1][1] = t1;
		}
	add_free(bi, s.mem_base, s.mem_size, resv, 4);
	if (efi) {
		if (efi->guest_size) {
			bi->modules[0] = (struct boot_module){ pa_init(efi->guest_base), efi->guest_size,
				efi->cmdline, "guest.elf" };
			bi->nr_modules = 1;
		} else if (efi->cmdline[0]) {
			bi->cmdline = efi->cmdline; /* a spec without its image: the core refuses it */
		}
		return true;
	}
	/* One command line on this boot path: with a guest image it is the guest's spec
	 * ("name=x key=value -- args"), without one it is testvisor's own. */
	if (s.initrd_end > s.initrd_start) {
		boot_add_initrd(bi, pa_init(s.initrd_start), s.initrd_end - s.initrd_start, s.bootargs);
	} else {
		bi->cmdline = s.bootargs;
	}
	return true;
}

void boot_main(const void *fdt, unsigned entry_el, const struct efi_handoff *efi);
void boot_main(const void *fdt, unsigned entry_el, const struct efi_handoff *efi)
{
	if (entry_el != 2) {
		puts_raw("testvisor: entered at EL");
		arch_console_putc((char)('0' + entry_el));
		puts_raw(", needs EL2 (QEMU: -M virt,virtualization=on)\n");
		arch_machine_exit(1);
	}
	mmu_init(VIRT_RAM_BASE);
	/* Linux-protocol loaders pass the DTB in x0; QEMU's ELF loader does not, and puts it
	 * at the base of RAM instead. */
	struct fdt_scan probe;
	if (!fdt_scan(fdt, &probe))
		fdt = (const void *)(uintptr_t)VIRT_RAM_BASE;
	if (efi && efi->magic != EFI_HANDOFF_MAGIC)
		efi = NULL;
	if (!boot_info_from_fdt(&boot_info, fdt, efi)) {
		puts_raw("testvisor: no valid device tree with memory in x0\n");
		arch_machine_exit(1);
	}
	hv_main(&boot_info);
}
