/* testvisor's C entry on x86_64 once the multiboot or UEFI path reached long mode: the
 * firmware's hand-off becomes struct boot_info, then the core takes over. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <x86/host.h>
#include "boot_x86.h"

noreturn void x86_boot_main(uint32_t magic, uint32_t mbi_pa, uint32_t boot_kind, uint64_t rsdp_pa)
{
	static struct boot_info bi;
	x86_host_setup();
	x86_power_init(rsdp_pa);
	if (x86_boot_info_from_multiboot(magic, mbi_pa, &bi))
		arch_machine_exit(2);
	if (boot_kind == X86_BOOT_KIND_UEFI)
		bi.boot_path = "uefi (BOOTX64.EFI, multiboot hand-off)";
	hv_main(&bi);
}
