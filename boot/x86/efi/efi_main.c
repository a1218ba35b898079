/* testvisor's UEFI stage (BOOTX64.EFI, GNU-EFI): loads the testvisor image it carries to
 * its link address, reads the guest (guest.elf + guest.cfg) from the EFI system partition
 * when present, leaves boot services and enters testvisor's 64-bit entry with a multiboot
 * hand-off built from the firmware's memory map. Without guest.elf testvisor runs its
 * built-in suite. */
#include <efi.h>
#include <efilib.h>
#include "efi_handoff.h"

#define MB_LOADER_MAGIC 0x2BADB002u
#define PT_LOAD 1
#define BELOW_4G 0xFFFFFFFFull

extern const UINT8 testvisor_image[], testvisor_image_end[];

struct elf64_ehdr {
	UINT8 ident[16];
	UINT16 type, machine;
	UINT32 version;
	UINT64 entry, phoff, shoff;
	UINT32 flags;
	UINT16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf64_phdr {
	UINT32 type, flags;
	UINT64 offset, vaddr, paddr, filesz, memsz, align;
};

static void fail(const CHAR16 *what, EFI_STATUS st)
{
	Print(L"testvisor-efi: %s: %r\n", what, st);
}

/* Copies testvisor's PT_LOAD segments to the physical addresses it is linked at. */
static EFI_STATUS load_testvisor(void)
{
	const struct elf64_ehdr *eh = (const void *)testvisor_image;
	UINTN size = testvisor_image_end - testvisor_image;
	if (size < sizeof(*eh) || CompareMem(eh->ident, "\177ELF", 4) || eh->ident[4] != 2)
		return EFI_LOAD_ERROR;
	for (UINTN i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph = (const void *)(testvisor_image + eh->phoff + i * eh->phentsize);
		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->offset + ph->filesz > size)
			return EFI_LOAD_ERROR;
		EFI_PHYSICAL_ADDRESS at = ph->paddr & ~0xfffull;
		UINTN pages = (ph->paddr + ph->memsz - at + 4095) / 4096;
		EFI_STATUS st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
						  EfiLoaderData, pages, &at);
		if (EFI_ERROR(st)) {
			Print(L"testvisor-efi: memory at %lx (%d pages) for testvisor is taken\n",
			      ph->paddr, pages);
			return st;
		}
		CopyMem((void *)ph->paddr, testvisor_image + ph->offset, ph->filesz);
		SetMem((UINT8 *)ph->paddr + ph->filesz, ph->memsz - ph->filesz, 0);
	}
	return EFI_SUCCESS;
}

/* Reads a whole file of the ESP into pages below 4 GiB; *buf NULL when it is absent. */
static EFI_STATUS read_file(EFI_FILE_HANDLE root, const CHAR16 *name, void **buf, UINTN *size)
{
	EFI_FILE_HANDLE f;
	*buf = NULL;
	*size = 0;
	EFI_STATUS st = uefi_call_wrapper(root->Open, 5, root, &f, (CHAR16 *)name, EFI_FILE_MODE_READ, 0);
	if (st == EFI_NOT_FOUND)
		return EFI_SUCCESS;
	if (EFI_ERROR(st))
		return st;
	EFI_FILE_INFO *info = LibFileInfo(f);
	if (!info)
		return EFI_DEVICE_ERROR;
	UINTN len = info->FileSize;
	FreePool(info);
	EFI_PHYSICAL_ADDRESS at = BELOW_4G;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress, EfiLoaderData,
			       (len + 4096) / 4096, &at);
	if (EFI_ERROR(st))
		return st;
	UINTN got = len;
	st = uefi_call_wrapper(f->Read, 3, f, &got, (void *)at);
	uefi_call_wrapper(f->Close, 1, f);
	if (EFI_ERROR(st) || got != len)
		return EFI_ERROR(st) ? st : EFI_END_OF_FILE;
	((UINT8 *)at)[len] = 0; /* text files become strings */
	*buf = (void *)at;
	*size = len;
	return EFI_SUCCESS;
}

/* The spec file's first line: "name=... key=value -- guest args". */
static void first_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = 0;
}

/* The ACPI RSDP from the firmware's configuration table (ACPI 2.0+ preferred; UEFI 2.10,
 * 4.6), for testvisor's power-off: there is no BIOS area to find it in. 0 when absent. */
static UINT64 acpi_rsdp(void)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	UINT64 found = 0;
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];
		if (!CompareGuid(&t->VendorGuid, &acpi20))
			return (UINT64)t->VendorTable;
		if (!CompareGuid(&t->VendorGuid, &acpi10))
			found = (UINT64)t->VendorTable;
	}
	return found;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	InitializeLib(image, systab);
	Print(L"testvisor-efi: loading testvisor\n");
	EFI_STATUS st = load_testvisor();
	if (EFI_ERROR(st)) {
		fail(L"loading testvisor", st);
		return st;
	}
	UINT64 entry64 = handoff_entry64(testvisor_image, testvisor_image_end - testvisor_image);
	if (!entry64) {
		fail(L"testvisor image announces no 64-bit entry", EFI_LOAD_ERROR);
		return EFI_LOAD_ERROR;
	}

	EFI_LOADED_IMAGE *loaded;
	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&loaded);
	EFI_FILE_HANDLE root = EFI_ERROR(st) ? NULL : LibOpenRoot(loaded->DeviceHandle);
	void *guest = NULL, *spec = NULL;
	UINTN guest_size = 0, spec_size = 0;
	if (root) {
		st = read_file(root, L"guest.elf", &guest, &guest_size);
		if (!EFI_ERROR(st))
			st = read_file(root, L"guest.cfg", &spec, &spec_size);
		if (EFI_ERROR(st)) {
			fail(L"reading the guest from the EFI system partition", st);
			return st;
		}
	}
	static char module_cmdline[600];
	struct handoff_module mod = { (UINT64)guest, guest_size, module_cmdline };
	if (spec)
		first_line(spec);
	/* The first word is the module's name, as QEMU's loader puts the file path. */
	const char *prefix = "guest.elf ";
	UINTN n = strlena((CHAR8 *)prefix);
	CopyMem(module_cmdline, (void *)prefix, n);
	if (spec) {
		UINTN len = strlena(spec);
		if (len > sizeof(module_cmdline) - n - 1)
			len = sizeof(module_cmdline) - n - 1;
		CopyMem(module_cmdline + n, spec, len);
	}
	if (guest) {
		Print(L"testvisor-efi: guest.elf (%d bytes) with spec from guest.cfg\n", guest_size);
	} else if (spec) {
		/* A spec without its image: testvisor gets it as its command line and refuses it. */
		Print(L"testvisor-efi: guest.cfg but no guest.elf\n");
	} else {
		Print(L"testvisor-efi: no guest.elf: testvisor runs its built-in suite\n");
	}

	UINT64 rsdp = acpi_rsdp();
	EFI_PHYSICAL_ADDRESS handoff_pa = BELOW_4G;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress, EfiLoaderData,
			       HANDOFF_BUFFER_SIZE / 4096, &handoff_pa);
	if (EFI_ERROR(st)) {
		fail(L"allocating the hand-off buffer", st);
		return st;
	}
	static UINT8 map[64 * 1024];
	UINT32 mbi = 0;
	Print(L"testvisor-efi: leaving boot services, entering testvisor at %lx\n", entry64);
	/* The map changes while we look at it; ExitBootServices says when: try again. */
	for (int attempt = 0; attempt < 8; attempt++) {
		UINTN map_size = sizeof(map), key, desc_size;
		UINT32 desc_version;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &map_size, (EFI_MEMORY_DESCRIPTOR *)map,
				       &key, &desc_size, &desc_version);
		if (EFI_ERROR(st)) {
			fail(L"GetMemoryMap", st);
			return st;
		}
		mbi = handoff_build((UINT8 *)handoff_pa, handoff_pa, map, map_size, desc_size,
				    guest || !spec ? "testvisor" : module_cmdline, &mod, guest ? 1 : 0);
		if (!mbi) {
			fail(L"building the multiboot hand-off", EFI_BUFFER_TOO_SMALL);
			return EFI_BUFFER_TOO_SMALL;
		}
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (!EFI_ERROR(st))
			break;
	}
	if (EFI_ERROR(st))
		return st; /* boot services may be gone: nothing left to print with */
	((void (*)(UINT32, UINT32, UINT64))entry64)(MB_LOADER_MAGIC, mbi, rsdp);
	for (;;)
		__asm__ volatile("cli; hlt");
}
