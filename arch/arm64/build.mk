# arm64 (EL2). testvisor is an ELF entered at EL2 by QEMU's -kernel (virt, virtualization=on)
# or an EFI application (boot/arm64/efi*). Payloads are ELF images that also carry an arm64
# Linux Image header, so `objcopy -O binary` of them boots with the Linux protocol (x0 = DTB).
CROSS_COMPILE := aarch64-linux-gnu-
# Must agree with scripts/build-newlib.sh: newlib faults on unaligned accesses otherwise.
# arch/arm64/isa: what testvisor and the payloads both compile (exception frame, register
# pairs, identity map, image header, early boot steps, SMCCC conduit, DTB scan).
ARCH_CFLAGS := -mstrict-align -fno-pic -Iarch/arm64/isa
# Hypervisor code leaves FP/SIMD to the guest (newlib's own uses are caught lazily).
HV_ARCH_CFLAGS := -mgeneral-regs-only
ARCH_LDFLAGS := -Wl,-z,max-page-size=0x1000 -Wl,--no-warn-rwx-segments

ARM64_ISA_SRCS := $(wildcard arch/arm64/isa/*.c)
HV_ARCH_SRCS := $(sort $(wildcard boot/arm64/*.S boot/arm64/*.c arch/arm64/*.c arch/arm64/*.S)) \
	$(ARM64_ISA_SRCS)
HV_LDS := linker/arm64-hv.ld

GUEST_ARCH_SRCS := $(sort $(wildcard guest/lib/arm64/*.S guest/lib/arm64/*.c)) $(ARM64_ISA_SRCS)
GUEST_LDS := linker/arm64-guest.ld

# Each image also in binary form (<name>.bin): an arm64 Linux Image that QEMU's -kernel
# boots with the Linux protocol (x0 = DTB, initrd, bootargs). Payloads run that way
# standalone; testvisor always boots that way.
arm64_image = cp $(1) $(2) && $(OBJCOPY) -O binary $(1) $(basename $(2)).bin
GUEST_POSTLINK = $(call arm64_image,$(1),$(2))
HV_POSTLINK = $(call arm64_image,$(1),$(2))

-include arch/arm64/efi.mk
# The selftest also as a PIE linked at 0 (mk/arch.mk).
PIE_PAYLOADS := selftest
