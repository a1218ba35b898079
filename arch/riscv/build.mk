# riscv64: testvisor runs in HS-mode as the S-mode payload of OpenSBI; payloads run in
# S-mode (standalone) or VS-mode (under testvisor). ABI rv64gc/lp64d, as newlib is built.
CROSS_COMPILE := riscv64-linux-gnu-
ARCH_CFLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany -fno-pic -Iarch/riscv/isa
# The hypervisor has no floating point of its own; sstatus.FS stays on so that newlib's
# code (built rv64gc) may run, and a guest's FP registers are never touched by testvisor.
HV_ARCH_CFLAGS :=

HV_ARCH_SRCS := $(wildcard boot/riscv/*.S boot/riscv/*.c arch/riscv/*.S arch/riscv/*.c)
HV_LDS := linker/riscv64-hv.ld
# testvisor.bin: the flat image (with the RISC-V Image header of boot/riscv/entry.S) for
# OpenSBI fw_payload or U-Boot booti on a board.
HV_POSTLINK = cp $(1) $(2) && $(OBJCOPY) -O binary $(1) $(basename $(2)).bin
# Each payload also as a raw image (<name>.bin), linked at QEMU's kernel address
# 0x80200000: what a kernel built for the machine looks like to a loader.
GUEST_POSTLINK = cp $(1) $(2) && $(OBJCOPY) -O binary $(1) $(basename $(2)).bin

GUEST_ARCH_SRCS := $(wildcard guest/lib/riscv/*.S guest/lib/riscv/*.c)
GUEST_LDS := linker/riscv64-guest.ld
ARCH_LDFLAGS := -Wl,--no-warn-rwx-segments
# The selftest also as a PIE linked at 0 (mk/arch.mk).
PIE_PAYLOADS := selftest
