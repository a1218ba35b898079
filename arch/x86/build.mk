# x86_64 (AMD SVM). Hypervisor and payloads are linked as ELF64 and converted to ELF32 so
# that QEMU's multiboot v1 loader (`-kernel`) accepts them: it refuses ELF64 (docs/x86.md).
CROSS_COMPILE := x86_64-linux-gnu-
# Must agree with scripts/build-newlib.sh (newlib keeps SSE; start-up code enables it).
# arch/x86/isa holds what testvisor and the payloads both compile (headers, nasm macros).
ARCH_CFLAGS := -m64 -mno-red-zone -fno-pic -mcmodel=small -Iarch/x86/isa
NASM := nasm -Iarch/x86/isa/
# Hypervisor code leaves the FP/SIMD registers to the guest.
HV_ARCH_CFLAGS := -mgeneral-regs-only
ARCH_LDFLAGS := -Wl,-z,max-page-size=0x1000 -Wl,--no-warn-rwx-segments

HV_ARCH_SRCS := boot/x86/entry.asm boot/x86/boot.c boot/x86/multiboot.c boot/x86/mb_strings.c boot/x86/mem_ranges.c \
	arch/x86/vectors.asm arch/x86/acpi.c arch/x86/config_keys.c arch/x86/console.c arch/x86/exception.c arch/x86/fixup.c arch/x86/host_setup.c \
	arch/x86/machine_exit.c arch/x86/selfcheck.c arch/x86/timer.c \
	$(sort $(wildcard arch/x86/svm/*.c arch/x86/svm/*.asm arch/x86/sev/*.c))
HV_LDS := linker/x86_64-hv.ld

GUEST_ARCH_SRCS := guest/lib/x86/entry.asm guest/lib/x86/vectors.asm guest/lib/x86/ap_start.asm guest/lib/x86/platform.c guest/lib/x86/x86_guest.c guest/lib/x86/sev_guest.c \
	guest/lib/x86/sev_vc_data.c guest/lib/x86/sev_psc.c guest/lib/x86/sev_hv.c guest/lib/x86/sev_msg.c guest/lib/x86/vc_insn.c guest/lib/x86/trap.c
GUEST_LDS := linker/x86_64-guest.ld

x86_elf32 = $(OBJCOPY) -O elf32-i386 $(1) $(2)
HV_POSTLINK = $(call x86_elf32,$(1),$(2))
GUEST_POSTLINK = $(call x86_elf32,$(1),$(2))

include arch/x86/efi.mk

# The nasm sources share the long-mode entry and vector macros (nasm's -MD misses them).
X86_ASM_INCLUDES := $(wildcard arch/x86/isa/*.inc)
$(B)/hv-obj/boot/x86/entry.asm.o $(B)/hv-obj/arch/x86/vectors.asm.o: $(X86_ASM_INCLUDES)
$(B)/guest-obj/guest/lib/x86/entry.asm.o $(B)/guest-obj/guest/lib/x86/vectors.asm.o: $(X86_ASM_INCLUDES)

# The BIOS boot path: `make image` also writes a GRUB 2 ISO (testvisor loaded with
# `multiboot`, no modules: the built-in suite), bootable from CD-ROM or USB on a BIOS PC
# and under Bochs (tests/bochs/). Built under a temporary name by the script.
BIOS_ISO := $(B)/testvisor-bios.iso
$(BIOS_ISO): $(B)/testvisor.elf tests/bochs/mkiso.sh
	@echo "  ISO     $@"
	@bash tests/bochs/mkiso.sh $@ $(B)/testvisor.elf
image: $(BIOS_ISO)

# Payloads also built as bzImages (Linux boot protocol, docs/x86.md "Linux bzImage
# guests"): the real-mode part of guest/lib/x86/bzimage_setup.asm before the payload's
# bytes from 1 MiB. With them: the initrd the payload checks (a known text, 300 lines),
# and broken ones testvisor must refuse (cut in half; boot protocol 2.05).
BZIMAGE_SETUP := guest/lib/x86/bzimage_setup.asm
BZIMAGES := $(B)/payloads/linux_boot.bzimage $(B)/payloads/malformed_bz_truncated.bzimage \
	$(B)/payloads/malformed_bz_proto0205.bzimage $(B)/payloads/linux_boot.initrd
payloads: $(BZIMAGES)
$(B)/payloads/%.bzimage: $(B)/payloads/%.elf $(BZIMAGE_SETUP) scripts/mk-bzimage.sh
	@echo "  BZIMAGE $@"
	@OBJCOPY=$(OBJCOPY) NM=$(CROSS_COMPILE)nm bash scripts/mk-bzimage.sh $< $(BZIMAGE_SETUP) $@
$(B)/payloads/malformed_bz_proto0205.bzimage: $(B)/payloads/linux_boot.elf $(BZIMAGE_SETUP) scripts/mk-bzimage.sh
	@OBJCOPY=$(OBJCOPY) NM=$(CROSS_COMPILE)nm bash scripts/mk-bzimage.sh $< $(BZIMAGE_SETUP) $@ 0x0205
$(B)/payloads/malformed_bz_truncated.bzimage: $(B)/payloads/linux_boot.bzimage
	@head -c $$(( $$(stat -c %s $<) / 2 )) $< > $@
$(B)/payloads/linux_boot.initrd:
	@mkdir -p $(dir $@)
	@yes 'testvisor initrd line' | head -n 300 > $@
