# Third-party guest checks: the device-tree comparison against QEMU's
# (tests/dtb-compare.sh, its host tool) and Linux as a guest.
DTB_TOOL_SRCS := tests/dtb/dtb_compare.c tests/dtb/dtb_diff.c
build/dtb/dtb_compare: $(DTB_TOOL_SRCS) tests/dtb/dtb_diff.h | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O1 -g -std=gnu11 -Wall -Wextra -Werror -o $@ $(DTB_TOOL_SRCS)

# Debian's arm64 kernel as a guest of testvisor, and on QEMU (tests/linux/run.sh).
.PHONY: linux-guest
linux-guest:
	@$(MAKE) --no-print-directory ARCH=arm64 all
	@bash tests/linux/run.sh arm64

.PHONY: dtb-compare
dtb-compare: build/dtb/dtb_compare
	@bash tests/dtb-compare.sh
