# Third-party guest checks: the device-tree comparison against QEMU's
# (tests/dtb-compare.sh, its host tool) and Linux as a guest.
DTB_TOOL_SRCS := tests/dtb/dtb_compare.c tests/dtb/dtb_diff.c
build/dtb/dtb_compare: $(DTB_TOOL_SRCS) tests/dtb/dtb_diff.h | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O1 -g -std=gnu11 -Wall -Wextra -Werror -o $@ $(DTB_TOOL_SRCS)

# Debian's arm64, x86_64 (Debian 12) and riscv64 (Debian 13) kernels as guests of testvisor, and
# on QEMU (tests/linux/run.sh); LINUX_ARCHS picks one.
LINUX_ARCHS ?= arm64 riscv64 x86_64
.PHONY: linux-guest
linux-guest:
	@for a in $(LINUX_ARCHS); do $(MAKE) --no-print-directory ARCH=$$a all || exit 1; done
	@st=0; for a in $(LINUX_ARCHS); do bash tests/linux/run.sh $$a || st=1; done; exit $$st

.PHONY: dtb-compare
dtb-compare: build/dtb/dtb_compare
	@bash tests/dtb-compare.sh
