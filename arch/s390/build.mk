# s390x: testvisor is an ELF loaded by QEMU's -kernel (or IPL'd list-directed on hardware)
# and runs in 64-bit supervisor state with DAT off; guests run in problem state under DAT
# (no SIE under TCG) or under SIE where the facility exists. Soft-float everywhere, as
# newlib is built, so testvisor never touches a guest's floating-point registers.
CROSS_COMPILE := s390x-linux-gnu-
ARCH_CFLAGS := -m64 -march=z196 -msoft-float -mno-vx -fno-pic -D__IEEE_BIG_ENDIAN -Iarch/s390/isa
HV_ARCH_CFLAGS :=
ARCH_LDFLAGS := -Wl,-z,max-page-size=0x1000 -Wl,--no-warn-rwx-segments

HV_ARCH_SRCS := $(wildcard boot/s390/*.S boot/s390/*.c arch/s390/*.S arch/s390/*.c) \
	arch/s390/lib/newlib_names.c
HV_LDS := linker/s390x-hv.ld

GUEST_ARCH_SRCS := $(wildcard guest/lib/s390/*.S guest/lib/s390/*.c) arch/s390/lib/newlib_names.c
GUEST_LDS := linker/s390x-guest.ld
