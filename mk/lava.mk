# make lava ARCH=<arch> [BOARD=<board>] [LAVA_IMAGE_URL=<url>]: LAVA job definitions for
# testvisor's images in build/lava/<arch>/: the qemu device-type job and the real-board
# templates (BOARD: that board's only). LAVA_IMAGE_URL is where the lab serves
# build/<arch>/ (default: file:// on this machine). make lava-check: docs/lava.md.
.PHONY: lava lava-check
ifeq ($(ARCH),)
lava:
	@for a in $(ARCHS); do $(MAKE) --no-print-directory ARCH=$$a lava || exit 1; done
else
LAVA_IMAGE_URL ?= file://$(abspath $(B))
lava: all
	@bash tests/lava/gen-job.sh $(ARCH) build/lava/$(ARCH) $(LAVA_IMAGE_URL) $(if $(BOARD),qemu $(BOARD))
endif
lava-check: $(SETUP_STAMP)
	@bash tests/lava/check.sh $(ARCH)
