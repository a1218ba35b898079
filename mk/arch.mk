# Rules for one architecture (ARCH set). The architecture's own build.mk says which
# sources, flags and linker scripts it uses; everything else is common.
ARCH_DIR_x86_64 := x86
ARCH_DIR_arm64 := arm64
ARCH_DIR_riscv64 := riscv
ARCH_DIR_s390x := s390
ARCH_DIR := $(ARCH_DIR_$(ARCH))
ifeq ($(ARCH_DIR),)
$(error unknown ARCH '$(ARCH)'; choose one of $(ARCHS))
endif

B := build/$(ARCH)
NEWLIB := build/newlib/$(ARCH)

# Defaults an architecture may override in its build.mk.
HV_POSTLINK = cp $(1) $(2)
GUEST_POSTLINK = cp $(1) $(2)
ARCH_TARGETS :=
include arch/$(ARCH_DIR)/build.mk

CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM ?= nasm
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
LIBGCC := $(shell $(CC) $(ARCH_CFLAGS) -print-libgcc-file-name 2>/dev/null)

COMMON_CFLAGS := -O2 -g -std=gnu11 -ffreestanding -fno-stack-protector -fno-pic \
	-fno-common -ffunction-sections -fdata-sections \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-Werror=implicit-function-declaration -Werror=incompatible-pointer-types \
	-Werror=int-conversion -Werror=return-type \
	-nostdinc -isystem $(NEWLIB)/include -isystem $(GCC_INCLUDE) -Icommon/include \
	-DTV_ARCH_$(ARCH) -DTV_ARCH=\"$(ARCH)\" -MMD -MP
HV_CFLAGS := $(COMMON_CFLAGS) $(ARCH_CFLAGS) $(HV_ARCH_CFLAGS) -Ihv/include -Iarch/$(ARCH_DIR)/include -DTV_HYPERVISOR
GUEST_CFLAGS := $(COMMON_CFLAGS) $(ARCH_CFLAGS) -Iguest/include -Iguest/lib/$(ARCH_DIR) -DTV_GUEST
LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack $(ARCH_LDFLAGS)
LIBS := $(NEWLIB)/lib/libc.a $(LIBGCC)

include mk/flags.mk
HV_FLAGS := $(B)/hv.flags
GUEST_FLAGS := $(B)/guest.flags
HV_FLAGS_TEXT = $(CC) $(HV_CFLAGS) $(NASM) $(LDFLAGS) $(LIBS)
# The post-link step is part of it: a payload's flat image appears when that step changes.
GUEST_FLAGS_TEXT = $(CC) $(GUEST_CFLAGS) $(NASM) $(LDFLAGS) $(LIBS) $(call GUEST_POSTLINK,IN,OUT)
$(eval $(call write_flags_file,$(HV_FLAGS),HV_FLAGS_TEXT))
$(eval $(call write_flags_file,$(GUEST_FLAGS),GUEST_FLAGS_TEXT))

# ---- Hypervisor ----
COMMON_SRCS := $(wildcard common/*.c)
HV_CORE_SRCS := $(wildcard hv/*.c hv/dev/*.c) $(COMMON_SRCS)
HV_SRCS := $(HV_CORE_SRCS) $(HV_ARCH_SRCS)
HV_OBJS := $(patsubst %,$(B)/hv-obj/%.o,$(HV_SRCS)) $(B)/hv-obj/builtin_suite.S.o

# ---- Payload library and payloads ----
GUEST_LIB_SRCS := $(wildcard guest/lib/*.c) $(COMMON_SRCS) $(GUEST_ARCH_SRCS)
GUEST_LIB_OBJS := $(patsubst %,$(B)/guest-obj/%.o,$(GUEST_LIB_SRCS))
PAYLOAD_SRCS := $(wildcard guest/payloads/common/*.c guest/payloads/$(ARCH_DIR)/*.c)
PAYLOADS := $(sort $(basename $(notdir $(PAYLOAD_SRCS))))
PAYLOAD_ELFS := $(PAYLOADS:%=$(B)/payloads/%.elf)

.SECONDARY:
.PHONY: all hv payloads run bench image include-layout
all: $(SETUP_STAMP) include-layout hv payloads $(ARCH_TARGETS)
# Shared code is reached through -I paths, never by climbing out with "../" (docs/PORTING.md).
include-layout:
	@bash tests/no-relative-includes.sh >/dev/null || { bash tests/no-relative-includes.sh >&2; exit 1; }
hv: $(B)/testvisor.elf
payloads: $(PAYLOAD_ELFS)

$(NEWLIB)/lib/libc.a: scripts/build-newlib.sh | $(SETUP_STAMP)
	@echo "  NEWLIB  $(ARCH) (first build only, ~40 s)"
	@bash scripts/build-newlib.sh $(ARCH) $(NEWLIB)
# Every object needs newlib's headers in place.
NEWLIB_READY := $(NEWLIB)/lib/libc.a

$(B)/hv-obj/%.c.o: %.c $(HV_FLAGS) | $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(HV_CFLAGS) -c $< -o $@
$(B)/hv-obj/%.S.o: %.S $(HV_FLAGS) | $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(HV_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
$(B)/hv-obj/%.asm.o: %.asm $(HV_FLAGS)
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -g -MD $(@:.o=.d) -MP -Iarch/$(ARCH_DIR)/include/ $< -o $@
$(B)/guest-obj/%.c.o: %.c $(GUEST_FLAGS) | $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(GUEST_CFLAGS) -c $< -o $@
$(B)/guest-obj/%.S.o: %.S $(GUEST_FLAGS) | $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
$(B)/guest-obj/%.asm.o: %.asm $(GUEST_FLAGS)
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -g -MD $(@:.o=.d) -MP -Iguest/lib/$(ARCH_DIR)/ $< -o $@

$(B)/libtv.a: $(GUEST_LIB_OBJS)
	@rm -f $@
	@$(CROSS_COMPILE)ar rcs $@ $^

# A payload is one C file linked with the payload library. -u keeps the start code.
$(B)/payloads/%.elf: $(B)/guest-obj/guest/payloads/$(ARCH_DIR)/%.c.o $(B)/libtv.a $(GUEST_LDS) $(GUEST_FLAGS) $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -T $(GUEST_LDS) -o $@.full $< $(B)/libtv.a $(LIBS) $(B)/libtv.a
	@$(call GUEST_POSTLINK,$@.full,$@)
$(B)/payloads/%.elf: $(B)/guest-obj/guest/payloads/common/%.c.o $(B)/libtv.a $(GUEST_LDS) $(GUEST_FLAGS) $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -T $(GUEST_LDS) -o $@.full $< $(B)/libtv.a $(LIBS) $(B)/libtv.a
	@$(call GUEST_POSTLINK,$@.full,$@)

# PIE variants (<name>_pie.elf) of the payloads an architecture lists in PIE_PAYLOADS:
# linked at 0 as a static PIE, placed at the kernel address by the loader (as QEMU's
# -kernel takes such a kernel's binary form) and relocated by the start code.
PIE_LDFLAGS := $(filter-out -no-pie,$(LDFLAGS)) -Wl,-pie -Wl,--no-dynamic-linker -Wl,-z,notext \
	-Wl,--defsym=__link_base=0
PIE_ELFS := $(PIE_PAYLOADS:%=$(B)/payloads/%_pie.elf)
payloads: $(PIE_ELFS)
$(B)/payloads/%_pie.elf: $(B)/guest-obj/guest/payloads/$(ARCH_DIR)/%.c.o $(B)/libtv.a $(GUEST_LDS) $(GUEST_FLAGS) $(NEWLIB_READY)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(PIE_LDFLAGS) -T $(GUEST_LDS) -o $@.full $< $(B)/libtv.a $(LIBS) $(B)/libtv.a
	@$(call GUEST_POSTLINK,$@.full,$@)

# Guest images broken on purpose, made from the selftest payload: testvisor must refuse
# them with a clear reason and go on with the next guest (manifest: expect=refused).
MALFORMED_ELFS := $(B)/payloads/malformed_truncated.elf $(B)/payloads/malformed_magic.elf
payloads: $(MALFORMED_ELFS)
# Stripped first, so that cutting the file in half cuts into the loadable segments.
$(B)/payloads/malformed_truncated.elf: $(B)/payloads/selftest.elf
	@$(OBJCOPY) --strip-all $< $@.stripped
	@head -c $$(( $$(stat -c %s $@.stripped) / 2 )) $@.stripped > $@ && rm -f $@.stripped
$(B)/payloads/malformed_magic.elf: $(B)/payloads/selftest.elf
	@cp $< $@ && printf 'MZ' | dd of=$@ bs=1 seek=1 conv=notrunc status=none

# The built-in suite: the payloads the manifest marks for it, embedded in the image.
$(B)/builtin_suite.S: scripts/gen-builtin-suite.sh $(wildcard tests/manifest/*.cfg) $(PAYLOAD_ELFS) $(MALFORMED_ELFS)
	@mkdir -p $(dir $@)
	@OBJCOPY=$(OBJCOPY) bash scripts/gen-builtin-suite.sh $(ARCH) $(B)/payloads > $@
$(B)/hv-obj/builtin_suite.S.o: $(B)/builtin_suite.S $(HV_FLAGS)
	@mkdir -p $(dir $@)
	@$(CC) $(HV_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(B)/testvisor.elf: $(HV_OBJS) $(HV_LDS) $(HV_FLAGS) $(NEWLIB_READY)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -T $(HV_LDS) -o $@.full $(HV_OBJS) $(LIBS)
	@$(call HV_POSTLINK,$@.full,$@)

ifeq ($(HAS_IMAGE),)
image:
	@echo "make image: no disk image for $(ARCH) (x86_64 and arm64 boot from UEFI disk images, s390x from an IPL disk)"
endif

run: all
	@bash tests/boot-hv.sh $(ARCH) $(B)/testvisor.elf

bench: all
	@bash tests/bench.sh $(ARCH)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
