# Host fuzzing with libFuzzer (docs/HARDENING.md, "Host fuzzing"). Each target is one
# tests/fuzz/<target>.c with LLVMFuzzerTestOneInput, built like the host unit test it
# names in tests/fuzz/fuzz.mk: that test's sources (its test-only helpers left out) and
# flags, with UNIT_CFLAGS' include paths and defines, so a parser fuzzed here is the very
# code `make unit` tests.
#   make fuzz [FUZZ_S=<seconds>]  every target FUZZ_S seconds (default 60), with stats
#   make fuzz-smoke               every target about 3 seconds; "fuzz: N passed, N failed"
FUZZ_BUILD := build/fuzz
FUZZ_CC ?= clang-14
FUZZ_S ?= 60
FUZZ_SMOKE_S ?= 3
# The unit flags minus their sanitizer choice (libFuzzer brings its own) and gcc-only
# warnings; a sanitizer report aborts the run, so every finding is a crash with an input.
FUZZ_CFLAGS := $(filter-out -fsanitize=% -fno-sanitize-recover=%,$(UNIT_CFLAGS)) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS :=

include tests/fuzz/fuzz.mk

FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)

# A target's sources: its own file, the sources of the unit test it names without that
# test's helpers under tests/ (the harness has its own stubs), and any it adds.
define fuzz_rule
FUZZ_SRCS_$(1) := tests/fuzz/$(1).c $$(filter-out tests/%,$$($$($(1)_UNIT)_SRCS)) $$($(1)_SRCS)
FUZZ_FLAGS_TEXT_$(1) = $$(FUZZ_CC) $$(FUZZ_CFLAGS) $$($$($(1)_UNIT)_CFLAGS) $$($(1)_CFLAGS)
$$(eval $$(call write_flags_file,$(FUZZ_BUILD)/$(1).flags,FUZZ_FLAGS_TEXT_$(1)))
$(FUZZ_BUILD)/$(1): $$(FUZZ_SRCS_$(1)) $(FUZZ_BUILD)/$(1).flags | $(SETUP_STAMP)
	@mkdir -p $$(dir $$@)
	@echo "  FUZZCC  $$@"
	@$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$($$($(1)_UNIT)_CFLAGS) $$($(1)_CFLAGS) -o $$@ $$(FUZZ_SRCS_$(1))
	@for s in $$(FUZZ_SRCS_$(1)); do \
		$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$($$($(1)_UNIT)_CFLAGS) $$($(1)_CFLAGS) -MM -MP -MT $$@ $$$$s \
		|| exit 1; done > $$@.d
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))
-include $(FUZZ_BINS:%=%.d)

# Structured seeds (ELF images, device trees, Linux Image headers) are written at run time
# by a small host program rather than checked in as binaries.
FUZZ_SEEDS_SRCS := tests/fuzz/seeds.c tests/unit/core/elf_image.c hv/fdt.c
$(FUZZ_BUILD)/seeds: $(FUZZ_SEEDS_SRCS) tests/unit/core/elf_image.h common/include/fdt.h \
		| $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O1 -g -std=gnu11 -Wall -Wextra -Werror -Icommon/include -Ihv/include \
		-Itests/unit/fake_arch -Itests/unit/core -o $@ $(FUZZ_SEEDS_SRCS)

.PHONY: fuzz fuzz-build fuzz-smoke
fuzz-build: $(FUZZ_BINS) $(FUZZ_BUILD)/seeds
fuzz: fuzz-build
	@bash tests/fuzz/run-fuzz.sh $(FUZZ_S) $(FUZZ_TARGETS)
fuzz-smoke: fuzz-build
	@bash tests/fuzz/run-fuzz.sh --smoke $(FUZZ_SMOKE_S) $(FUZZ_TARGETS)
