# s390x: testvisor is an ELF loaded by QEMU's -kernel (or IPL'd list-directed on hardware)
# and runs in 64-bit supervisor state with DAT off; guests run in problem state under DAT
# (no SIE under TCG) or under SIE where the facility exists. Soft-float everywhere, as
# newlib is built, so testvisor never touches a guest's floating-point registers.
CROSS_COMPILE := s390x-linux-gnu-
ARCH_CFLAGS := -m64 -march=z196 -msoft-float -mno-vx -fno-pic -D__IEEE_BIG_ENDIAN -Iarch/s390/isa
# testvisor probes for SIE at boot and runs guests under it where it works (Hercules),
# in problem state otherwise (QEMU's TCG): arch/s390/virt.c, docs/s390.md.
HV_ARCH_CFLAGS :=
ARCH_LDFLAGS := -Wl,-z,max-page-size=0x1000 -Wl,--no-warn-rwx-segments

HV_ARCH_SRCS := $(wildcard boot/s390/*.S boot/s390/*.c arch/s390/*.S arch/s390/*.c)

HV_LDS := linker/s390x-hv.ld

GUEST_ARCH_SRCS := $(wildcard guest/lib/s390/*.S guest/lib/s390/*.c)
# Each payload also as a raw image (<name>.bin, memory from absolute 0): the other format
# QEMU's -kernel takes. The parameter page's "S390EP" makes it a Linux-style image.
GUEST_POSTLINK = cp $(1) $(2) && OBJCOPY=$(OBJCOPY) READELF=$(CROSS_COMPILE)readelf bash scripts/s390-raw-image.sh $(1) $(basename $(2)).bin
GUEST_LDS := linker/s390x-guest.ld

# `make image ARCH=s390x`: a disk that IPLs testvisor list-directed (SCSI/zipl program-table
# scheme, as LPAR and QEMU's firmware read it) and runs its built-in suite. Boot it with
# -drive file=build/s390x/testvisor-ipl.img,format=raw,if=none,id=d0
# -device virtio-blk-ccw,drive=d0,bootindex=1 (docs/s390.md).
IPL_IMAGE := $(B)/testvisor-ipl.img
HAS_IMAGE := yes
.PHONY: image
image: $(IPL_IMAGE)
$(IPL_IMAGE): $(B)/testvisor.elf boot/s390/mkipl.sh
	@echo "  IPLDISK $@"
	@OBJCOPY=$(OBJCOPY) NM=$(CROSS_COMPILE)nm bash boot/s390/mkipl.sh $(B)/testvisor.elf $@
