# The UEFI boot path (included by arch/arm64/build.mk): BOOTAA64.EFI, GNU-EFI's arm64 build
# carrying testvisor's Image, and the bootable disk image `make image ARCH=arm64` writes.
# GNU-EFI's arm64 package is unpacked into build/ by scripts/fetch-gnu-efi.sh.
EFI_DIR := $(B)/efi
EFI_APP := $(EFI_DIR)/BOOTAA64.EFI
EFI_IMAGE := $(B)/testvisor-efi.img
GNUEFI_ARM64 := build/gnu-efi-arm64/usr
GNUEFI_STAMP := $(GNUEFI_ARM64)/lib/crt0-efi-aarch64.o
EFI_CFLAGS := -O2 -g -std=gnu11 -Iboot/arm64 -I$(GNUEFI_ARM64)/include/efi -I$(GNUEFI_ARM64)/include/efi/aarch64 \
	-fpic -fshort-wchar -ffreestanding -fno-stack-protector -fno-stack-check -Wall -Wextra -Werror \
	-Wno-unused-parameter -Wno-sign-compare -Werror=implicit-function-declaration
EFI_OBJS := $(EFI_DIR)/efi_main.o $(EFI_DIR)/efi_enter.o $(EFI_DIR)/testvisor_image.o
ESP_SIZE_MB := 64

ARCH_TARGETS += $(EFI_APP)

$(GNUEFI_STAMP): scripts/fetch-gnu-efi.sh | $(SETUP_STAMP)
	@bash scripts/fetch-gnu-efi.sh build/gnu-efi-arm64

$(EFI_DIR)/efi_main.o: boot/arm64/efi/efi_main.c boot/arm64/efi_handoff.h $(GNUEFI_STAMP)
	@mkdir -p $(dir $@)
	@echo "  EFICC   $<"
	@$(CC) $(EFI_CFLAGS) -c $< -o $@
$(EFI_DIR)/efi_enter.o: boot/arm64/efi/efi_enter.S
	@mkdir -p $(dir $@)
	@$(CC) -c $< -o $@

# testvisor's Image, carried inside the EFI loader.
$(EFI_DIR)/testvisor_image.o: $(B)/testvisor.elf
	@mkdir -p $(dir $@)
	@printf '\t.section .rodata\n\t.balign 16\n\t.globl testvisor_image, testvisor_image_end\ntestvisor_image: .incbin "%s"\ntestvisor_image_end:\n\t.section .note.GNU-stack,"",@progbits\n' \
		"$(B)/testvisor.bin" > $(EFI_DIR)/testvisor_image.S
	@$(CC) -c $(EFI_DIR)/testvisor_image.S -o $@

$(EFI_APP): $(EFI_OBJS) $(GNUEFI_STAMP)
	@echo "  EFILD   $@"
	@$(CROSS_COMPILE)ld -nostdlib -znocombreloc -shared -Bsymbolic --no-warn-rwx-segments \
		-T $(GNUEFI_ARM64)/lib/elf_aarch64_efi.lds --defsym=EFI_SUBSYSTEM=0xa \
		$(GNUEFI_ARM64)/lib/crt0-efi-aarch64.o $(EFI_OBJS) -o $(EFI_DIR)/BOOTAA64.so \
		-L$(GNUEFI_ARM64)/lib -lefi -lgnuefi
	@$(OBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
		-j .rel.* -j .rela.* -j .reloc -O binary $(EFI_DIR)/BOOTAA64.so $@

# GPT disk with one EFI system partition holding EFI/BOOT/BOOTAA64.EFI (built-in suite).
$(EFI_IMAGE): $(EFI_APP)
	@echo "  IMAGE   $@"
	@rm -f $@ $@.esp
	@truncate -s $$(( $(ESP_SIZE_MB) + 2 ))M $@
	@sgdisk -n 1:2048:+$(ESP_SIZE_MB)M -t 1:ef00 -c 1:"EFI system" $@ >/dev/null
	@truncate -s $(ESP_SIZE_MB)M $@.esp
	@mformat -i $@.esp -F -v TESTVISOR ::
	@mmd -i $@.esp ::/EFI ::/EFI/BOOT
	@mcopy -i $@.esp $(EFI_APP) ::/EFI/BOOT/BOOTAA64.EFI
	@dd if=$@.esp of=$@ bs=1M seek=1 conv=notrunc status=none
	@rm -f $@.esp

HAS_IMAGE := yes
.PHONY: image
image: $(EFI_IMAGE)
