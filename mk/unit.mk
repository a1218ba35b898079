# Host unit tests: each test is one cmocka program built with the host compiler from its
# test file and the pure-logic sources it names. Fragments tests/unit/*/unit.mk append
# to UNIT_TESTS and set <test>_SRCS (sources under test) and <test>_CFLAGS (and
# <test>_LDLIBS for a library it compares against).
UNIT_BUILD := build/unit
UNIT_TESTS :=
UNIT_CFLAGS := -O1 -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
	-Wno-missing-field-initializers -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Ihv/include -Icommon/include -Itests/unit/fake_arch \
	-DTV_ARCH=\"host\" -DTV_HOST_TEST
UNIT_LDLIBS := -lcmocka

include $(wildcard tests/unit/*/unit.mk)

UNIT_BINS := $(UNIT_TESTS:%=$(UNIT_BUILD)/%)

include mk/flags.mk
define unit_rule
UNIT_FLAGS_TEXT_$(1) = $$(HOSTCC) $$(UNIT_CFLAGS) $$($(1)_CFLAGS) $$(UNIT_LDLIBS) $$($(1)_LDLIBS)
$$(eval $$(call write_flags_file,$(UNIT_BUILD)/$(1).flags,UNIT_FLAGS_TEXT_$(1)))
$(UNIT_BUILD)/$(1): $$(UNIT_SRC_$(1)) $$($(1)_SRCS) $$(wildcard hv/include/hv/*.h tests/unit/*/*.h) \
		$(UNIT_BUILD)/$(1).flags | $(SETUP_STAMP)
	@mkdir -p $$(dir $$@)
	@echo "  HOSTCC  $$@"
	@$$(HOSTCC) $$(UNIT_CFLAGS) $$($(1)_CFLAGS) -o $$@ $$(UNIT_SRC_$(1)) $$($(1)_SRCS) $$(UNIT_LDLIBS) $$($(1)_LDLIBS)
	@for s in $$(UNIT_SRC_$(1)) $$($(1)_SRCS); do \
		$$(HOSTCC) $$(UNIT_CFLAGS) $$($(1)_CFLAGS) -MM -MP -MT $$@ $$$$s || exit 1; done > $$@.d
endef
HOSTCC ?= gcc
# The test program's own file: tests/unit/<dir>/<test>.c, found by name.
$(foreach t,$(UNIT_TESTS),$(eval UNIT_SRC_$(t) := $(wildcard tests/unit/*/$(t).c)))
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

# Every header a test program includes (arch headers too) is a dependency.
-include $(UNIT_BINS:%=%.d)

.PHONY: unit unit-build
unit-build: $(UNIT_BINS)
unit: unit-build
	@bash tests/unit/run-unit.sh $(UNIT_BINS)
