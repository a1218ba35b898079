# testvisor build.  `make` builds all four architectures; `make ARCH=<arch>` one of them.
# `make check` runs host unit tests and every payload; `make run` boots testvisor.
ARCHS := x86_64 arm64 riscv64 s390x
RUN_ARCH ?= x86_64

.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

# scripts/setup.sh installs whatever is missing. It runs once per version of its package
# list: the stamp's name carries a hash of that list, so editing the list runs it again.
# `make setup` runs it explicitly; CI (.ci/run) always does.
SETUP_LIST_HASH := $(shell sed -n '/^REQUIRED=(/,/^)/p' scripts/setup.sh | sha256sum | cut -c1-16)
SETUP_STAMP := build/setup-$(SETUP_LIST_HASH).stamp
$(SETUP_STAMP):
	@bash scripts/setup.sh
	@mkdir -p $(dir $@) && rm -f build/setup-*.stamp && touch $@
# Read as a makefile: when the stamp is stale make runs setup.sh first, then starts over, so
# that what it reads from the compilers (include dirs, libgcc) is read after they exist.
ifeq ($(filter help setup clean distclean,$(MAKECMDGOALS)),)
-include $(SETUP_STAMP)
endif
.PHONY: setup
setup:
	@bash scripts/setup.sh
	@mkdir -p $(dir $(SETUP_STAMP)) && rm -f build/setup-*.stamp && touch $(SETUP_STAMP)

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
include mk/soak.mk
include mk/fuzz.mk
include mk/dtb.mk

.PHONY: check
check: $(SETUP_STAMP)
	@bash tests/check.sh $(if $(ARCH),--arch $(ARCH)) $(if $(GROUP),--group $(GROUP)) $(if $(TESTS),--name $(TESTS))

.PHONY: clean distclean
clean:
	rm -rf $(filter-out build/newlib build/fresh-debian $(SETUP_STAMP),$(wildcard build/*))
distclean:
	rm -rf build

include mk/help.mk
include mk/lava.mk

# A recipe that fails leaves no half-written target behind (an empty builtin_suite.S).
.DELETE_ON_ERROR:
