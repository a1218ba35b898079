# testvisor build.  `make` builds all four architectures; `make ARCH=<arch>` one of them.
# `make check` runs host unit tests and every payload; `make run` boots testvisor.
ARCHS := x86_64 arm64 riscv64 s390x
RUN_ARCH ?= x86_64

.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

# Installs whatever is missing (quiet and quick when everything is present); every target
# that needs tools depends on it.
SETUP_STAMP := setup
.PHONY: setup
setup:
	@bash scripts/setup.sh

ifeq ($(ARCH),)
# ---- No ARCH: act on every architecture ----
.PHONY: all check run bench image unit clean
all: $(SETUP_STAMP)
	@for a in $(ARCHS); do $(MAKE) --no-print-directory ARCH=$$a all || exit 1; done
run:
	@$(MAKE) --no-print-directory ARCH=$(RUN_ARCH) run
bench: $(SETUP_STAMP)
	@for a in $(ARCHS); do $(MAKE) --no-print-directory ARCH=$$a bench || exit 1; done
IMAGE_ARCHS := x86_64 arm64 s390x
image:
	@for a in $(IMAGE_ARCHS); do $(MAKE) --no-print-directory ARCH=$$a image || exit 1; done
else
include mk/arch.mk
endif

include mk/unit.mk

.PHONY: check
check: $(SETUP_STAMP)
	@bash tests/check.sh $(if $(ARCH),--arch $(ARCH)) $(if $(GROUP),--group $(GROUP)) $(if $(TESTS),--name $(TESTS))

.PHONY: clean distclean
clean:
	rm -rf $(filter-out build/newlib,$(wildcard build/*))
distclean:
	rm -rf build
