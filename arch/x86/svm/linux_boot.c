/* A bzImage guest's zero page, GDT, command line and initrd (x86/linux_boot.h). */
#include <hv/bzimage.h>
#include <hv/vm.h>
#include <multiboot.h>
#include <stdio.h>
#include <string.h>
#include <x86/guest_boot.h>
#include <x86/linux_boot.h>
#include <cpu.h>
#include <x86/mptable.h>
#include <x86/svm.h>

#define FOUR_GIB (1ull << 32)

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* Bytes from BZ_REAL_ADDR that the zero page, GDT and command line take. */
static uint64_t boot_area_len(size_t cmdline_len)
{
	return BZ_CMDLINE_ADDR + cmdline_len + 1 - BZ_REAL_ADDR;
}

/* Where the initrd goes (QEMU's place); 0 with a reason when it is too large or would land
 * on the kernel, the boot data or the zero page and command line. */
static uint32_t place_initrd(const struct vm *vm, const struct bzimage_info *bz,
			     uint32_t boot_data_gpa, size_t cmdline_len, char *err, size_t errlen)
{
	uint64_t low_ram = vm->ram_size < FOUR_GIB ? vm->ram_size : FOUR_GIB;
	uint32_t at = bzimage_initrd_addr(bz, low_ram, vm->initrd_size);
	uint64_t lo = ipa_addr(vm->image_lowest), hi = ipa_addr(vm->image_highest);
	if (!at || overlaps(at, vm->initrd_size, lo, hi - lo) ||
	    overlaps(at, vm->initrd_size, boot_data_gpa, GUEST_BOOT_DATA_SIZE) ||
	    overlaps(at, vm->initrd_size, BZ_REAL_ADDR, boot_area_len(cmdline_len))) {
		snprintf(err, errlen, "initrd of %zu bytes has no room below %#llx (limit %#x) clear of "
			 "the kernel at %#llx-%#llx", vm->initrd_size,
			 (unsigned long long)(low_ram - BZ_QEMU_FW_DATA), bz->initrd_addr_max,
			 (unsigned long long)lo, (unsigned long long)hi);
		return 0;
	}
	return at;
}

int x86_linux_boot_prepare(struct vm *vm, uint32_t boot_data_gpa, bool reserve, char *err,
			   size_t errlen)
{
	struct bzimage_info bz;
	if (bzimage_parse(vm->image, vm->image_size, &bz, err, errlen))
		return -1;
	const char *cmdline = vm->cfg.args;
	size_t cmdline_len = strlen(cmdline);
	if (overlaps(boot_data_gpa, GUEST_BOOT_DATA_SIZE, BZ_REAL_ADDR, boot_area_len(cmdline_len))) {
		snprintf(err, errlen, "boot data at %#x overlaps the zero page and command line at %#x-%#zx",
			 boot_data_gpa, BZ_REAL_ADDR, BZ_CMDLINE_ADDR + cmdline_len + 1);
		return -1;
	}
	struct bzimage_boot b = { .cmdline = cmdline };
	if (vm->initrd) {
		b.ramdisk_image = place_initrd(vm, &bz, boot_data_gpa, cmdline_len, err, errlen);
		b.ramdisk_size = (uint32_t)vm->initrd_size;
		if (!b.ramdisk_image)
			return -1;
	}
	/* The memory map of the multiboot hand-over, as e820 entries. */
	struct mb_mmap_entry mmap[GUEST_BOOT_MMAP_MAX];
	struct bz_e820 e820[GUEST_BOOT_MMAP_MAX];
	b.nr_e820 = guest_boot_memory_map(mmap, vm->ram_size, boot_data_gpa, reserve);
	for (unsigned i = 0; i < b.nr_e820; i++)
		e820[i] = (struct bz_e820){ mmap[i].addr, mmap[i].len, mmap[i].type };
	b.e820 = e820;
	static uint8_t zero_page[BZ_ZERO_PAGE_SIZE];
	uint8_t gdt[BZ_GDT_SIZE];
	if (bzimage_boot_params(zero_page, vm->image, &bz, &b, err, errlen))
		return -1;
	bzimage_gdt(gdt);
	if (!vm_write(vm, ipa_init(BZ_REAL_ADDR), zero_page, sizeof(zero_page)) ||
	    !vm_write(vm, ipa_init(BZ_GDT_ADDR), gdt, sizeof(gdt)) ||
	    !vm_write(vm, ipa_init(BZ_CMDLINE_ADDR), cmdline, cmdline_len + 1) ||
	    (vm->initrd && !vm_write(vm, ipa_init(b.ramdisk_image), vm->initrd, vm->initrd_size))) {
		snprintf(err, errlen, "guest RAM of %#zx bytes cannot hold the zero page, command line "
			 "and initrd", vm->ram_size);
		return -1;
	}
	/* The MP tables SeaBIOS leaves for a -kernel guest: how Linux finds the I/O APIC and
	 * the other CPUs without ACPI (x86/mptable.h). */
	static uint8_t mpt[MPTABLE_SIZE(MPTABLE_MAX_CPUS)];
	struct cpuid_regs id = svm_guest_cpuid(&vm->vcpus[0], 1, 0);
	size_t mpt_len = mptable_build(mpt, MPTABLE_ADDR, vm->nr_vcpus, id.eax, id.edx);
	if (!mpt_len || !vm_write(vm, ipa_init(MPTABLE_ADDR), mpt, mpt_len)) {
		snprintf(err, errlen, "no MP table for %u vCPUs at %#x", vm->nr_vcpus, MPTABLE_ADDR);
		return -1;
	}
	vm->initrd_ipa = ipa_init(b.ramdisk_image);
	printf("testvisor: guest %s: Linux 32-bit boot protocol %u.%02u: zero page at %#x, command "
	       "line at %#x, initrd at %#x (%u bytes)\n", vm->cfg.name, bz.protocol >> 8,
	       bz.protocol & 0xff, BZ_REAL_ADDR, BZ_CMDLINE_ADDR, b.ramdisk_image, b.ramdisk_size);
	printf("testvisor: guest %s: MP tables at %#x (%u CPUs)\n", vm->cfg.name, MPTABLE_ADDR,
	       vm->nr_vcpus);
	return 0;
}
