# The UEFI boot path: BOOTX64.EFI (GNU-EFI) carrying testvisor's ELF64 image, and the
# bootable disk image (GPT + FAT EFI system partition) `make image ARCH=x86_64` writes.
EFI_DIR := $(B)/efi
EFI_APP := $(EFI_DIR)/BOOTX64.EFI
EFI_IMAGE := $(B)/testvisor-efi.img
GNUEFI_INC := /usr/include/efi
GNUEFI_LIB := /usr/lib
EFI_CFLAGS := -O2 -g -std=gnu11 -I$(GNUEFI_INC) -I$(GNUEFI_INC)/x86_64 -Iarch/x86/isa -fpic -fshort-wchar \
	-ffreestanding -fno-stack-protector -fno-stack-check -mno-red-zone \
	-maccumulate-outgoing-args -Wall -Wextra -Werror -Wno-unused-parameter -Werror=implicit-function-declaration
EFI_SRCS := boot/x86/efi/efi_main.c boot/x86/efi/efi_handoff.c
EFI_OBJS := $(EFI_SRCS:%.c=$(EFI_DIR)/%.o) $(EFI_DIR)/testvisor_image.o
ESP_SIZE_MB := 32

ARCH_TARGETS += $(EFI_APP)

$(EFI_DIR)/%.o: %.c boot/x86/efi/efi_handoff.h arch/x86/isa/multiboot.h
	@mkdir -p $(dir $@)
	@echo "  EFICC   $<"
	@gcc $(EFI_CFLAGS) -c $< -o $@

# testvisor's ELF64 image (before the ELF32 conversion), carried inside the EFI stage.
$(EFI_DIR)/testvisor_image.o: $(B)/testvisor.elf
	@mkdir -p $(dir $@)
	@printf '\t.section .rodata\n\t.balign 16\n\t.globl testvisor_image, testvisor_image_end\ntestvisor_image: .incbin "%s"\ntestvisor_image_end:\n\t.section .note.GNU-stack,"",@progbits\n' \
		"$(B)/testvisor.elf.full" > $(EFI_DIR)/testvisor_image.S
	@gcc -c $(EFI_DIR)/testvisor_image.S -o $@

$(EFI_APP): $(EFI_OBJS)
	@echo "  EFILD   $@"
	@ld -nostdlib -znocombreloc -shared -Bsymbolic --no-undefined -T $(GNUEFI_LIB)/elf_x86_64_efi.lds \
		-L$(GNUEFI_LIB) $(GNUEFI_LIB)/crt0-efi-x86_64.o $(EFI_OBJS) -o $(EFI_DIR)/BOOTX64.so \
		-lefi -lgnuefi
	@objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym -j .rel \
		-j .rela -j .rel.* -j .rela.* -j .reloc --target efi-app-x86_64 --subsystem=10 \
		$(EFI_DIR)/BOOTX64.so $@

# GPT disk with one EFI system partition (FAT16) holding EFI/BOOT/BOOTX64.EFI: testvisor
# runs its built-in suite. Built under a temporary name so a failure leaves nothing.
$(EFI_IMAGE): $(EFI_APP)
	@echo "  IMAGE   $@"
	@rm -f $@.tmp $@.esp
	@truncate -s $$(( $(ESP_SIZE_MB) + 2 ))M $@.tmp
	@sgdisk -n 1:2048:+$(ESP_SIZE_MB)M -t 1:ef00 -c 1:"EFI system" $@.tmp >/dev/null
	@truncate -s $(ESP_SIZE_MB)M $@.esp
	@mformat -i $@.esp -v TESTVISOR ::
	@mmd -i $@.esp ::/EFI ::/EFI/BOOT
	@mcopy -i $@.esp $(EFI_APP) ::/EFI/BOOT/BOOTX64.EFI
	@dd if=$@.esp of=$@.tmp bs=1M seek=1 conv=notrunc status=none
	@rm -f $@.esp
	@mv $@.tmp $@

HAS_IMAGE := yes
.PHONY: image
image: $(EFI_IMAGE)
