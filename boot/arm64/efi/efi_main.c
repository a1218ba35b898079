/* BOOTAA64.EFI: testvisor's loader for UEFI firmware (EDK2's QEMU_EFI.fd, Arm server
 * firmware). Entered at EL2 by the firmware. It finds the firmware's DTB, reads the
 * optional guest image (\guest.elf) and its spec (\guest.cfg) from its own EFI system
 * partition, places testvisor's Image (carried inside this file) at its link address,
 * leaves boot services, turns the MMU off and enters testvisor like the Linux protocol
 * does (x0 = DTB, x1 = the handoff). testvisor then installs its own vectors and clears
 * HCR_EL2.TGE (head.S). */
#include <efi.h>
#include <efilib.h>
#include <efi_handoff.h>

extern const UINT8 testvisor_image[], testvisor_image_end[];
void efi_enter_testvisor(UINT64 entry, UINT64 dtb, UINT64 handoff);

static EFI_GUID fdt_table_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
				   { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };

#define IMAGE_TEXT_OFFSET 0x80000ull
#define RAM_BASE 0x40000000ull
#define PAGE 4096ull

static void *find_fdt(EFI_SYSTEM_TABLE *st)
{
	for (UINTN i = 0; i < st->NumberOfTableEntries; i++)
		if (!CompareGuid(&st->ConfigurationTable[i].VendorGuid, &fdt_table_guid))
			return st->ConfigurationTable[i].VendorTable;
	return NULL;
}

/* Reads \name from the partition this loader came from; NULL when absent. */
static void *read_file(EFI_HANDLE image, CHAR16 *name, UINTN *size)
{
	EFI_LOADED_IMAGE *li;
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li)))
		return NULL;
	EFI_FILE_HANDLE root = LibOpenRoot(li->DeviceHandle), f;
	if (!root || EFI_ERROR(uefi_call_wrapper(root->Open, 5, root, &f, name, EFI_FILE_MODE_READ, 0)))
		return NULL;
	EFI_FILE_INFO *info = LibFileInfo(f);
	if (!info)
		return NULL;
	*size = info->FileSize;
	void *buf = AllocatePool(*size + 1);
	if (!buf || EFI_ERROR(uefi_call_wrapper(f->Read, 3, f, size, buf)))
		return NULL;
	((char *)buf)[*size] = '\0';
	return buf;
}

static void clean_to_poc(UINT64 base, UINT64 size)
{
	for (UINT64 a = base & ~63ull; a < base + size; a += 64)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	InitializeLib(image, st);
	Print(L"testvisor EFI loader\n");
	void *fdt = find_fdt(st);
	if (!fdt) {
		Print(L"testvisor: the firmware offers no device tree (QEMU: -machine acpi=off)\n");
		return EFI_UNSUPPORTED;
	}
	UINTN guest_size = 0, cfg_size = 0;
	void *guest = read_file(image, L"\\guest.elf", &guest_size);
	char *cfg = read_file(image, L"\\guest.cfg", &cfg_size);

	/* testvisor's Image runs at its link address: RAM base + text_offset. */
	UINT64 image_size = *(const UINT64 *)(testvisor_image + 16);
	EFI_PHYSICAL_ADDRESS dest = RAM_BASE + IMAGE_TEXT_OFFSET;
	if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress, EfiLoaderData,
					(image_size + PAGE - 1) / PAGE, &dest))) {
		Print(L"testvisor: memory at %lx for testvisor is not free\n", dest);
		return EFI_OUT_OF_RESOURCES;
	}
	CopyMem((void *)dest, testvisor_image, testvisor_image_end - testvisor_image);

	/* The handoff and the guest image in one region testvisor keeps. */
	UINT64 region_size = (sizeof(struct efi_handoff) + guest_size + 2 * PAGE) & ~(PAGE - 1);
	EFI_PHYSICAL_ADDRESS region = 0xffffffffffffull;
	if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress, EfiLoaderData,
					region_size / PAGE, &region)))
		return EFI_OUT_OF_RESOURCES;
	struct efi_handoff *h = (struct efi_handoff *)region;
	SetMem(h, sizeof(*h), 0);
	h->magic = EFI_HANDOFF_MAGIC;
	h->region_base = region;
	h->region_size = region_size;
	if (guest) {
		h->guest_base = (region + sizeof(*h) + PAGE - 1) & ~(PAGE - 1);
		h->guest_size = guest_size;
		CopyMem((void *)h->guest_base, guest, guest_size);
	}
	for (UINTN i = 0; cfg && i < cfg_size && i < EFI_HANDOFF_CMDLINE - 1 && cfg[i] != '\n'; i++)
		h->cmdline[i] = cfg[i];
	Print(L"testvisor: entering testvisor (%s)\n", guest ? L"guest from the ESP" : L"built-in suite");

	UINTN map_size = 0, key, desc_size;
	UINT32 desc_version;
	EFI_MEMORY_DESCRIPTOR *map = NULL;
	EFI_STATUS s;
	do { /* the map changes while it is fetched: retry until ExitBootServices takes it */
		map = LibMemoryMap(&map_size, &key, &desc_size, &desc_version);
		s = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		(void)map;
	} while (EFI_ERROR(s));

	clean_to_poc(dest, image_size);
	clean_to_poc(region, region_size);
	clean_to_poc((UINT64)fdt, 1u << 20);
	efi_enter_testvisor(dest, (UINT64)fdt, (UINT64)h);
	return EFI_LOAD_ERROR;
}
