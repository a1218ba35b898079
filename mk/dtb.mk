# Device-tree comparison against QEMU's (tests/dtb-compare.sh): the host tool.
DTB_TOOL_SRCS := tests/dtb/dtb_compare.c tests/dtb/dtb_diff.c
build/dtb/dtb_compare: $(DTB_TOOL_SRCS) tests/dtb/dtb_diff.h | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O1 -g -std=gnu11 -Wall -Wextra -Werror -o $@ $(DTB_TOOL_SRCS)

.PHONY: dtb-compare
dtb-compare: build/dtb/dtb_compare
	@bash tests/dtb-compare.sh
